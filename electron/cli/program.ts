// The `attest` command line: builds the commander program over the contract and turns every outcome into an exit code.
// Exit codes: 0 success, 1 `verify` found broken citations, 2 bad usage or bad input (one line on stderr).
import { basename } from 'node:path';
import { Command, CommanderError } from 'commander';
import packageJson from '../../package.json' with { type: 'json' };
import { AttestError } from '../../db/errors.ts';
import { registerAnnotationCommands } from './commands/annotations.ts';
import { registerCaseCommands } from './commands/cases.ts';
import { registerClaimCommands } from './commands/claims.ts';
import { registerExploreCommands } from './commands/explore.ts';
import { registerLinkCommands } from './commands/links.ts';
import { registerMergeCommands } from './commands/merge.ts';
import { registerSourceCommands } from './commands/sources.ts';
import { registerServeCommand } from './commands/serve.ts';
import { registerSuggestCommand } from './commands/suggest.ts';
import { registerTagCommands } from './commands/tags.ts';
import { ContractError, createSession, EXIT_OK, EXIT_USAGE, type CliIo, type Session } from './session.ts';

export type { CliIo } from './session.ts';
export { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE } from './session.ts';

const HELP_FOOTER = `
A case is one .attest file. Ids can be shortened to their first characters (8 are shown in tables) as long
as they stay unique. Every command takes --json for machine-readable output.

Exit codes: 0 success, 1 verify found broken citations, 2 bad usage or input (one line on stderr).

Example:
  attest new goma.attest --title "Goma, February 2025"
  attest import goma.attest report.txt other-outlet.txt
  attest claim add goma.attest --source 3f2a9c1e --quote "At least 43 people were killed" \\
    --statement "At least 43 people were killed in the fighting" --claimant "health ministry"
  attest --author "Ana Analyst" claim edit goma.attest 8b1c2d3e --status verified`;

/** Every command, with its full name ("attest claim add") for the hint after a usage error. */
function eachCommand(
  command: Command,
  visit: (command: Command, fullName: string) => void,
  prefix = '',
): void {
  const fullName = prefix ? `${prefix} ${command.name()}` : command.name();
  visit(command, fullName);
  for (const child of command.commands) eachCommand(child, visit, fullName);
}

/** Commander's "error: ...\n" (sometimes with a suggestion on a second line) as our one line. */
function usageLine(message: string, fullName: string): string {
  const text = message
    .replace(/^error: /, '')
    .replace(/\s*\n\s*/g, ' ')
    .trim();
  // --author names the analyst only before the command (after it, `source edit --author` is a byline).
  if (/^unknown option '--author'/.test(text)) {
    return `attest: --author NAME (who is making the changes) goes before the command: attest --author NAME ${fullName.replace(/^attest /, '')} ...\n`;
  }
  return `attest: ${text} (see ${fullName} --help)\n`;
}

export function createProgram(session: Session): Command {
  const program = new Command('attest')
    .description('Turn source documents into source-linked, checkable claims, kept in a case file (.attest).')
    .version(packageJson.version, '-V, --version', 'print the version of attest')
    .option('--author <name>', 'who is making the changes (default: $ATTEST_AUTHOR, else your OS user name)')
    // Options of `attest` itself come before the command; after it, options belong to the command.
    .enablePositionalOptions()
    .exitOverride()
    .configureHelp({ showGlobalOptions: true })
    .configureOutput({
      writeOut: (text) => session.io.stdout(text),
      writeErr: (text) => session.io.stderr(text),
    })
    .addHelpText('after', HELP_FOOTER)
    .hook('preAction', () => {
      session.authorOption = program.opts<{ author?: string }>().author;
    });

  program.commandsGroup('Case:');
  registerCaseCommands(program, session);
  program.commandsGroup('Sources:');
  registerSourceCommands(program, session);
  registerAnnotationCommands(program, session);
  program.commandsGroup('Claims:');
  registerClaimCommands(program, session);
  registerSuggestCommand(program, session);
  program.commandsGroup('Codebook:');
  registerTagCommands(program, session);
  program.commandsGroup('Links and reviews:');
  registerLinkCommands(program, session);
  program.commandsGroup('Exchanging cases:');
  registerMergeCommands(program, session);
  program.commandsGroup('Finding:');
  registerExploreCommands(program, session);
  program.commandsGroup('Browser mode:');
  registerServeCommand(program, session);

  eachCommand(program, (command, fullName) => {
    command.configureOutput({ outputError: (message, write) => write(usageLine(message, fullName)) });
  });
  return program;
}

const SQLITE_MESSAGES: [RegExp, (name: string) => string][] = [
  [
    /^SQLITE_(BUSY|LOCKED)/,
    (name) => `${name} is in use by another program; try again when it has finished.`,
  ],
  [/^SQLITE_READONLY/, (name) => `${name} is read-only: Attest cannot save changes to it.`],
  [/^SQLITE_FULL/, (name) => `The disk is full: ${name} could not be saved.`],
  [/^SQLITE_(CORRUPT|NOTADB)/, (name) => `${name} is damaged and cannot be read.`],
];

/** Absolute paths in an unexpected error's message, cut to their last part: messages never show full paths. */
const withoutPaths = (message: string): string =>
  message.replace(/(^|[\s'"(=])((?:[A-Za-z]:)?[\\/][^\s'"()]+)/g, (_, before: string, path: string) => {
    return `${before}${basename(path)}`;
  });

/**
 * The one line printed for an error: the contract's (or, opening a case, the engine's) message as it is, anything
 * unexpected as an internal error, described by what actually failed.
 */
function describeError(error: unknown, session: Session): string {
  if ((error instanceof AttestError || error instanceof ContractError) && error.code !== 'internal')
    return error.message;
  if (error instanceof ContractError && error.cause !== undefined) return describeError(error.cause, session);
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    const known = SQLITE_MESSAGES.find(([pattern]) => pattern.test(code));
    if (known) return known[1](session.caseName ?? 'The case file');
  }
  const message = error instanceof Error ? error.message : String(error);
  return `internal error: ${withoutPaths(message.split('\n')[0] ?? '')}`;
}

/** Runs `attest` with the given arguments (without "node attest.ts") and returns the exit code. */
export async function runAttest(argv: readonly string[], io: CliIo): Promise<number> {
  const session = createSession(io);
  try {
    await createProgram(session).parseAsync([...argv], { from: 'user' });
    return session.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and --version exit 0; every usage error (already printed by outputError) is a 2, not commander's 1.
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    io.stderr(`attest: ${describeError(error, session).replace(/\s*\n\s*/g, ' ')}\n`);
    return EXIT_USAGE;
  }
}
