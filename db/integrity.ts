// Checks of an untrusted file on another thread, so that a merge's own work runs beside them on the second core:
// SQLite's integrity check, and whether the file's history contradicts the case's. Nothing is committed until
// they have passed (the merge waits for them before COMMIT).
import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { AttestError, badInput } from './errors.ts';
import { immutableUri } from './sqliteUris.ts';

interface Verdict {
  ok: boolean;
  problem?: string;
  /** The check could not read the file to the end (SQLite raised an error) rather than listing problems. */
  unreadable?: boolean;
  /** The kind of record of a change both files hold under the same key but recorded differently. */
  contradiction?: string;
  /** With a comparison: how many records of each kind the checked file's history holds, as [kind, count]. */
  records?: [string, number][];
}

/** A case file to compare the checked file's history with: as committed, so a merge's own writes are unseen. */
export interface HistoryComparison {
  casePath: string;
}

const OURS = 'case_history';

/**
 * The first change both files hold under the same key (record, field, clock, author) but with another value,
 * action, parent or kind; run on the checked file, the case attached as OURS.
 */
const CONTRADICTION_SQL = `
  SELECT o.entity FROM main.changes o JOIN ${OURS}.changes m ON m.entity_id = o.entity_id AND m.field = o.field
    AND m.hlc = o.hlc AND m.author_id = o.author_id
  WHERE NOT (m.value IS o.value AND m.action_id IS o.action_id AND m.prev_hlc IS o.prev_hlc
    AND m.entity IS o.entity)
  LIMIT 1`;

/** How many records of each kind a file's history holds (a merge's count of records it left unchanged). */
const RECORDS_SQL = 'SELECT entity, count(DISTINCT entity_id) FROM main.changes GROUP BY entity';

/** What opening says of a file SQLite cannot read (an error code rather than a list of problems). */
export function unreadableMessage(name: string, code: string): string {
  return /CORRUPT|NOTADB|IOERR|FORMAT|RANGE/.test(code)
    ? `${name} is damaged or truncated and cannot be read.`
    : `${name} cannot be read as a case file (${code || 'unreadable'}).`;
}

export interface IntegrityCheck {
  /**
   * Waits for the checks (blocking this thread); throws AttestError 'corrupt' when the file is damaged, and
   * 'bad-input' when its history contradicts the case's. Says where they ran: on their worker thread, or here
   * (no worker could run them).
   */
  passed(): 'worker' | 'here';
  /** With a comparison, once passed: how many records of each kind the checked file's history holds. */
  recordsPerKind(): ReadonlyMap<string, number>;
  /**
   * Resolves once passed() can answer without waiting (or once the check is stopped), without blocking this
   * thread: for an event loop that must keep serving while the check runs.
   */
  settled(): Promise<void>;
  /** Stops a check that is no longer needed. */
  stop(): void;
  /** Resolves when the check's thread has ended, with its exit code (1: stopped while running); null: none ran. */
  threadEnded(): Promise<number | null>;
}

/**
 * Beside this module in the source tree, and beside the bundled main process (copied there); in the packaged app,
 * unpacked from the asar archive, which a worker thread cannot load from.
 */
const WORKER = join(import.meta.dirname, 'integrityWorker.mjs').replace(/\.asar([\\/])/, '.asar.unpacked$1');

/**
 * The worker's first code: loads the check's module, and if that fails (SQLite or the file cannot be loaded),
 * raises the flag with 2 so that the waiting thread checks by itself instead of waiting for nothing.
 */
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import(workerData.url).catch(() => {
  const flag = new Int32Array(workerData.signal);
  Atomics.store(flag, 0, 2);
  Atomics.notify(flag, 0);
});
`;

/** What the worker does (db/integrityWorker.mjs), done here. */
function checkHere(path: string, compare: HistoryComparison | undefined): Verdict {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    db.pragma('trusted_schema = OFF');
    const problems = (db.pragma('quick_check(20)') as { quick_check: string }[]).map((r) => r.quick_check);
    const verdict: Verdict = { ok: problems.length === 1 && problems[0] === 'ok', problem: problems[0] };
    if (verdict.ok && compare) {
      db.prepare(`ATTACH DATABASE ? AS ${OURS}`).run(compare.casePath);
      verdict.contradiction =
        (db.prepare(CONTRADICTION_SQL).pluck().get() as string | undefined) ?? undefined;
      verdict.records = db.prepare(RECORDS_SQL).raw().all() as [string, number][];
    }
    return verdict;
  } catch (error) {
    return {
      ok: false,
      problem: String((error as { code?: string }).code ?? 'unreadable'),
      unreadable: true,
    };
  } finally {
    db.close();
  }
}

/**
 * Starts PRAGMA quick_check of a file, and the comparison of its history with a case's when asked, on a worker
 * thread (here, if no worker can run them).
 */
export function startIntegrityCheck(
  path: string,
  options: {
    compare?: HistoryComparison;
    workerFile?: string;
    /** Read in place as a file nobody writes meanwhile (inspectCaseFile's `immutable`). */
    immutable?: boolean;
    /** Word a file SQLite cannot read as opening does (unreadableMessage): for a check deferred from opening. */
    asOpening?: boolean;
  } = {},
): IntegrityCheck {
  const { compare, workerFile = WORKER, asOpening = false } = options;
  // What SQLite opens: the file, or a URI saying it is not written meanwhile (then nothing is created beside it).
  const source = options.immutable ? immutableUri(resolve(path)) : resolve(path);
  const name = basename(path);
  const signal = new SharedArrayBuffer(4);
  const flag = new Int32Array(signal);
  const { port1, port2 } = new MessageChannel();
  let worker: Worker | undefined;
  try {
    if (existsSync(workerFile)) {
      worker = new Worker(BOOTSTRAP, {
        eval: true,
        workerData: {
          path: source,
          signal,
          port: port2,
          url: pathToFileURL(workerFile).href,
          compare: compare && {
            with: compare.casePath,
            schema: OURS,
            sql: CONTRADICTION_SQL,
            recordsSql: RECORDS_SQL,
          },
        },
        transferList: [port2],
      });
      worker.unref();
    }
  } catch {
    worker = undefined;
  }
  const ended: Promise<number | null> = worker
    ? new Promise((resolve) => worker.once('exit', resolve))
    : Promise.resolve(null);
  let verdict: Verdict | undefined;
  let where: 'worker' | 'here' = 'worker';
  const stop = () => {
    void worker?.terminate();
    port1.close();
    // Whoever awaits settled() is released: the check will not answer any more.
    if (Atomics.compareExchange(flag, 0, 0, 3) === 0) Atomics.notify(flag, 0);
  };
  return {
    passed() {
      if (!verdict) {
        // A worker that cannot run the check says so (the bootstrap catches it), and the check runs here.
        // One that neither answers nor fails in a time generous for the file's size is given up on likewise.
        const timeout = Math.max(60_000, statSync(path).size / 10_000);
        const answered = worker !== undefined && Atomics.wait(flag, 0, 0, timeout) !== 'timed-out';
        const message =
          answered && Atomics.load(flag, 0) === 1
            ? (receiveMessageOnPort(port1)?.message as Verdict | undefined)
            : undefined;
        stop();
        if (!message) where = 'here';
        verdict = message ?? checkHere(source, compare);
      }
      if (!verdict.ok && asOpening && verdict.unreadable) {
        throw new AttestError('corrupt', unreadableMessage(name, verdict.problem ?? ''));
      }
      if (!verdict.ok) {
        throw new AttestError(
          'corrupt',
          `${name} is damaged: SQLite's integrity check failed (${verdict.problem}).`,
        );
      }
      if (verdict.contradiction) {
        throw badInput(
          `${name} was refused: its history contradicts this case's (a ${verdict.contradiction} change recorded differently on each side).`,
        );
      }
      return where;
    },
    recordsPerKind() {
      if (!verdict?.ok) throw new AttestError('internal', 'The checks have not passed.');
      return new Map(verdict.records);
    },
    settled() {
      // No worker: passed() checks here, at once. A pending Atomics.waitAsync keeps no process alive.
      if (verdict || !worker) return Promise.resolve();
      const waiting = Atomics.waitAsync(flag, 0, 0);
      return waiting.async ? waiting.value.then(() => undefined) : Promise.resolve();
    },
    stop,
    threadEnded: () => ended,
  };
}
