// One run of the `attest` command: its streams and environment, who is writing, opening a case, and printing results.
import { userInfo } from 'node:os';
import { basename, resolve } from 'node:path';
import { closeCase, openCase, transaction, type CaseFile } from '../../db/caseFile.ts';
import { listClaims } from '../../db/claims.ts';
import { badInput, notFound, type AttestError } from '../../db/errors.ts';
import { listSources } from '../../db/sources.ts';

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

/** A mistake in how the command was called; printed as one line, exit code 2 like the engine's bad input. */
export const usageError = (message: string): AttestError => badInput(message);

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

/** Opens the case, runs fn, and always closes the case, whether fn succeeded or threw. */
export function withCase<T>(session: Session, path: string, fn: (c: CaseFile) => T): T {
  const author = authorName(session);
  const full = resolvePath(session, path);
  session.caseName = basename(full);
  const c = openCase(full, { author });
  let failed = false;
  try {
    return fn(c);
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
 * as git shows short hashes). Anything else is passed on for the engine to report as not found.
 */
function resolveId(kind: 'claim' | 'source', given: string, ids: () => string[]): string {
  const typed = given.trim().toLowerCase();
  if (UUID.test(typed) || !ID_PREFIX.test(typed)) return typed;
  const matches = ids().filter((id) => id.startsWith(typed));
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) throw notFound(`There is no ${kind} with an id starting ${typed} in this case.`);
  throw usageError(`${matches.length} ${kind}s have ids starting ${typed}; give more of the id.`);
}

export const resolveClaimId = (c: CaseFile, given: string): string =>
  resolveId('claim', given, () => listClaims(c).map((claim) => claim.id));

export const resolveSourceId = (c: CaseFile, given: string): string =>
  resolveId('source', given, () => listSources(c).map((source) => source.id));

/** Thrown inside an edit's transaction to roll it back. */
class NothingChanged extends Error {}

/**
 * Runs an edit in one transaction and rolls it back when `snapshot` reads the same afterwards. The engine's
 * update functions record an undoable action even when no field changes, and `attest undo` would then
 * "undo" that empty action instead of the analyst's last real change.
 */
export function editUnlessUnchanged<T>(
  c: CaseFile,
  snapshot: () => unknown,
  edit: () => T,
): { value: T; changed: boolean } {
  let value: T | undefined;
  try {
    return transaction(c, () => {
      const before = JSON.stringify(snapshot());
      value = edit();
      if (JSON.stringify(snapshot()) === before) throw new NothingChanged();
      return { value, changed: true };
    });
  } catch (error) {
    // Nothing changed, so what the edit returned inside the rolled-back transaction is still true.
    if (error instanceof NothingChanged) return { value: value as T, changed: false };
    throw error;
  }
}
