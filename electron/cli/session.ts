// One run of the `attest` command: its streams and environment, who is writing, opening a case and calling the
// contract on it in-process (the same dispatch and handlers as the desktop and browser mode), and printing results.
import { userInfo } from 'node:os';
import { basename, resolve } from 'node:path';
import { closeCase, openCase, type CaseFile } from '../../db/caseFile.ts';
import { dispatch } from '../api/dispatch.ts';
import { createHandlers } from '../api/handlers.ts';
import type { ErrorCode, MethodInput, MethodName, MethodOutput } from '../contract/index.ts';

/** Everything a run touches outside the case file, injectable so tests can run the command in-process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Readonly<Record<string, string | undefined>>;
  /** Relative paths are resolved against this; process.cwd() when absent. */
  cwd?: string;
  /** The OS account name, the author of last resort; os.userInfo() when absent. */
  userName?: () => string;
}

export const EXIT_OK = 0;
/** `verify` found broken citations. */
export const EXIT_PROBLEMS = 1;
/** Bad usage or bad input: the message is on stderr. */
export const EXIT_USAGE = 2;

export interface Session {
  readonly io: CliIo;
  /** 0 unless a command decided otherwise (verify found problems: 1; import refused a file: 2). */
  exitCode: number;
  /** The --author given before the command, if any (set by the program's preAction hook). */
  authorOption: string | undefined;
  /** The case file being worked on, by base name, for messages about SQLite errors. */
  caseName: string | undefined;
}

export const createSession = (io: CliIo): Session => ({
  io,
  exitCode: 0,
  authorOption: undefined,
  caseName: undefined,
});

/**
 * A call the contract refused, or a mistake in how the command was called: one of the contract's closed codes
 * and a message for a person. Printed as one line, `attest: <message>`, with exit code 2.
 */
export class ContractError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ContractError';
    this.code = code;
  }
}

/** A mistake in how the command was called; printed as one line, exit code 2 like the engine's bad input. */
export const usageError = (message: string): ContractError => new ContractError('bad-input', message);

export const resolvePath = (session: Session, path: string): string =>
  resolve(session.io.cwd ?? process.cwd(), path);

function osUserName(): string {
  try {
    return userInfo().username;
  } catch {
    // A container without a passwd entry for the uid: userInfo() throws, so fall back to the shell's idea.
    return process.env.USER ?? process.env.USERNAME ?? '';
  }
}

/** The analyst recorded with every change: --author, else ATTEST_AUTHOR, else the OS account name. */
export function authorName(session: Session): string {
  const candidates: [string | undefined, string][] = [
    [session.authorOption, '--author'],
    [session.io.env.ATTEST_AUTHOR, 'ATTEST_AUTHOR'],
  ];
  for (const [value, from] of candidates) {
    if (value === undefined) continue;
    if (value.trim() === '')
      throw usageError(`The author name from ${from} is empty; give a name, like --author "Ana Analyst".`);
    return value.trim();
  }
  const name = (session.io.userName ?? osUserName)().trim();
  if (name === '')
    throw usageError('Attest cannot tell who you are: give --author NAME or set ATTEST_AUTHOR.');
  return name;
}

/** A contract method, called in-process: its result, or a ContractError with the code and message it gave. */
export type Call = <M extends MethodName>(method: M, input: MethodInput<M>) => Promise<MethodOutput<M>>;

/**
 * `call` over the handlers of one open case: the same `dispatch` (allowlist, zod input, error codes) that IPC and
 * loopback HTTP use. An unexpected failure comes back from dispatch as `internal` with a message meant for the
 * UI ("the details were written to its log"); the CLI has no log but its stderr line, so the failure itself
 * travels as the error's cause and is described there (a busy or read-only file gets its own message).
 */
function callerFor(c: CaseFile): Call {
  // No window listens: progress and change events have nowhere to go. Preferences live in --author/ATTEST_AUTHOR.
  const handlers = createHandlers({ case: c, emit: () => {} });
  return async (method, input) => {
    let failure: unknown;
    const result = await dispatch(handlers, method, input, (_method, error) => {
      failure = error;
    });
    if (!result.ok) {
      const { code, message } = result.error;
      throw new ContractError(code, message, failure === undefined ? undefined : { cause: failure });
    }
    return result.value as MethodOutput<typeof method>;
  };
}

/** Opens the case, runs fn with `call` bound to it, and always closes the case, whether fn succeeded or threw. */
export async function withCase<T>(
  session: Session,
  path: string,
  fn: (call: Call) => Promise<T>,
): Promise<T> {
  const author = authorName(session);
  const full = resolvePath(session, path);
  session.caseName = basename(full);
  // The whole file is checked before opening, not beside the work as the desktop does: a command has no first
  // screen to show meanwhile, one that writes would wait for the verdict anyway, and one that only reads (export,
  // verify, info) must not print what a damaged file holds and then fail, or succeed without the check.
  const c = openCase(full, { author });
  let failed = false;
  try {
    return await fn(callerFor(c));
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    if (failed) closeQuietly(c);
    else closeCase(c);
  }
}

/** After a failure the connection must still close, and the failure, not a second one, is what gets reported. */
function closeQuietly(c: CaseFile): void {
  try {
    closeCase(c);
  } catch {
    // closeCase's PRAGMA optimize can fail on a busy file; closing is what matters here.
    if (c.db.open) c.db.close();
  }
}

/** Prints a result: pretty JSON with --json, otherwise the text the command renders. */
export function emit(session: Session, json: boolean | undefined, value: unknown, text: () => string): void {
  if (json) {
    session.io.stdout(`${JSON.stringify(value, null, 2)}\n`);
    return;
  }
  const rendered = text();
  if (rendered !== '') session.io.stdout(rendered.endsWith('\n') ? rendered : `${rendered}\n`);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ID_PREFIX = /^[0-9a-f][0-9a-f-]{3,35}$/i;

/**
 * A full id, or the unique live record whose id starts with what was typed (text output shows 8 characters,
 * as git shows short hashes). Anything else is passed on for the engine to report as not found. The contract
 * has no prefix lookup: this is the CLI's own convenience, answered from the contract's list methods.
 */
async function resolveId(
  kind: 'claim' | 'source',
  given: string,
  ids: () => Promise<string[]>,
): Promise<string> {
  const typed = given.trim().toLowerCase();
  if (typed === '') throw usageError(`Give a ${kind} id (its first 8 characters are enough).`);
  if (UUID.test(typed) || !ID_PREFIX.test(typed)) return typed;
  const matches = (await ids()).filter((id) => id.startsWith(typed));
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0)
    throw new ContractError('not-found', `There is no ${kind} with an id starting ${typed} in this case.`);
  throw usageError(`${matches.length} ${kind}s have ids starting ${typed}; give more of the id.`);
}

export const resolveClaimId = (call: Call, given: string): Promise<string> =>
  resolveId('claim', given, async () => (await call('claim.list', {})).map((claim) => claim.id));

export const resolveSourceId = (call: Call, given: string): Promise<string> =>
  resolveId('source', given, async () => (await call('source.list', {})).map((source) => source.id));

/**
 * Whether an edit changed anything, from what the same read gave before and after it. The engine drops an action
 * that changed nothing (so `attest undo` never "undoes" nothing); this only decides what to tell the analyst.
 */
export const changed = (before: unknown, after: unknown): boolean =>
  JSON.stringify(before) !== JSON.stringify(after);
