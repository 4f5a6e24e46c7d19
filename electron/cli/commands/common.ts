// Building blocks every command module uses: a command with --json, and options limited to the contract's values.
import { Option, type Command } from 'commander';
import { contract } from '../../contract/index.ts';

export interface JsonOption {
  json?: boolean;
}

// The values an option may take, read from the contract's own input schemas, so `attest` offers exactly what
// the contract accepts and a value added there shows up here.
export const CLAIM_STATUSES = contract['claim.list'].input.shape.status.unwrap().options;
export const TAG_KINDS = contract['tag.add'].input.shape.kind.unwrap().options;
export const LINK_RELATIONS = contract['link.create'].input.shape.relation.options;
export const VERDICTS = contract['review.add'].input.shape.verdict.options;
export const BUCKET_UNITS = contract['timeline.buckets'].input.shape.unit.options;

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
