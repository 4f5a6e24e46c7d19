// SQLite's integrity check of an untrusted file on another thread, so that a merge's own work runs beside it on
// the second core: nothing is committed until the check has passed (the merge waits for it before COMMIT).
import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { AttestError } from './errors.ts';

interface Verdict {
  ok: boolean;
  problem?: string;
}

export interface IntegrityCheck {
  /**
   * Waits for the check (blocking this thread); throws AttestError 'corrupt' when the file is damaged. Says
   * where the check ran: on its worker thread, or here (no worker could run it).
   */
  passed(): 'worker' | 'here';
  /** Stops a check that is no longer needed. */
  stop(): void;
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

function checkHere(path: string): Verdict {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    db.pragma('trusted_schema = OFF');
    const problems = (db.pragma('quick_check(20)') as { quick_check: string }[]).map((r) => r.quick_check);
    return { ok: problems.length === 1 && problems[0] === 'ok', problem: problems[0] };
  } catch (error) {
    return { ok: false, problem: String((error as { code?: string }).code ?? 'unreadable') };
  } finally {
    db.close();
  }
}

/** Starts PRAGMA quick_check of a file on a worker thread (here, if no worker can be started). */
export function startIntegrityCheck(path: string, workerFile = WORKER): IntegrityCheck {
  const name = basename(path);
  const signal = new SharedArrayBuffer(4);
  const flag = new Int32Array(signal);
  const { port1, port2 } = new MessageChannel();
  let worker: Worker | undefined;
  try {
    if (existsSync(workerFile)) {
      worker = new Worker(BOOTSTRAP, {
        eval: true,
        workerData: { path, signal, port: port2, url: pathToFileURL(workerFile).href },
        transferList: [port2],
      });
      worker.unref();
    }
  } catch {
    worker = undefined;
  }
  let verdict: Verdict | undefined;
  let where: 'worker' | 'here' = 'worker';
  const stop = () => {
    void worker?.terminate();
    port1.close();
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
        verdict = message ?? checkHere(path);
      }
      if (!verdict.ok) {
        throw new AttestError(
          'corrupt',
          `${name} is damaged: SQLite's integrity check failed (${verdict.problem}).`,
        );
      }
      return where;
    },
    stop,
  };
}
