// Building blocks every command module uses: a command with --json, and options limited to a list of values.
import { Option, type Command } from 'commander';

/** A command that does something (as opposed to a group like `claim`): it takes --json. */
export function leaf(parent: Command, nameAndArgs: string, description: string, isDefault = false): Command {
  return parent
    .command(nameAndArgs, { isDefault })
    .description(description)
    .option('--json', 'print the result as JSON (camelCase keys) instead of text');
}

/** An option whose value must be one of `values`; commander refuses anything else with the list. */
export const choiceOption = (flags: string, description: string, values: readonly string[]): Option =>
  new Option(flags, description).choices(values);

/**
 * A preAction hook for options the command cannot do without. Checked just before the action rather than with
 * commander's requiredOption, which runs before its unknown-option and missing-argument checks: a typo in an
 * option name must be reported as the typo, not as a missing --source.
 */
export function needs(...flags: string[]): (thisCommand: Command, actionCommand: Command) => void {
  return (_thisCommand, command) => {
    const values = command.opts();
    for (const option of command.options) {
      if (option.long && flags.includes(option.long) && values[option.attributeName()] === undefined) {
        command.error(`error: required option '${option.flags}' not specified`, {
          code: 'commander.missingMandatoryOptionValue',
        });
      }
    }
  };
}
