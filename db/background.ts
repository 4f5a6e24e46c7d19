// Work on a case's files that the analyst need not wait for, on worker threads: copying a large write's
// write-ahead log into the file (a merge writes hundreds of MiB to the log, and SQLite's automatic checkpoint at
// COMMIT took as long again as writing them), and removing a merge's temporary copy of the other file (a
// 400 MiB unlink). Closing the case waits for it, so a case closed cleanly still leaves no log and no copy.
import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CaseFile } from './caseFile.ts';

/** Beside this module, and beside the bundled main process; unpacked from the asar archive in the packaged app. */
const CHECKPOINT_WORKER = join(import.meta.dirname, 'checkpointWorker.mjs').replace(
  /\.asar([\\/])/,
  '.asar.unpacked$1',
);

/** Loads the checkpoint's module; if that fails, raises the flag with 2 so that the checkpoint is done here. */
const CHECKPOINT_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import(workerData.url).catch(() => {
  const flag = new Int32Array(workerData.signal);
  Atomics.store(flag, 0, 2);
  Atomics.notify(flag, 0);
});
`;

/** Node's own file system module only: runs the same from the source tree, the bundle and the packaged app. */
const REMOVAL = `
const { workerData } = require('node:worker_threads');
const flag = new Int32Array(workerData.signal);
try {
  require('node:fs').rmSync(workerData.dir, { recursive: true, force: true });
  Atomics.store(flag, 0, 1);
} catch {
  Atomics.store(flag, 0, 2);
}
Atomics.notify(flag, 0);
`;

interface Task {
  kind: 'checkpoint' | 'removal';
  /** 0 while running, 1 done, 2 failed (then `here` does it on the waiting thread). */
  flag: Int32Array;
  worker: Worker;
  here: () => void;
}

const running = new WeakMap<CaseFile, Task[]>();

/** Starts `code` on a worker thread for the case; where no worker can start, does the work here at once. */
function beside(
  c: CaseFile,
  kind: Task['kind'],
  code: string,
  workerData: Record<string, unknown>,
  here: () => void,
): void {
  const signal = new SharedArrayBuffer(4);
  let worker: Worker;
  try {
    worker = new Worker(code, { eval: true, workerData: { ...workerData, signal } });
  } catch {
    here();
    return;
  }
  worker.unref();
  // Work that ended meanwhile is settled now (a day of merges keeps no finished threads around).
  const tasks = (running.get(c) ?? []).filter((task) => {
    if (Atomics.load(task.flag, 0) === 0) return true;
    settle(task);
    return false;
  });
  tasks.push({ kind, flag: new Int32Array(signal), worker, here });
  running.set(c, tasks);
}

/**
 * Runs `write` (one transaction) without SQLite's checkpoint at its COMMIT, then checkpoints on a worker thread.
 * Where no worker can run, the checkpoint is done here, as SQLite would have.
 */
export function withCheckpointBeside<T>(c: CaseFile, write: () => T, workerFile = CHECKPOINT_WORKER): T {
  finishBackground(c, 'checkpoint');
  const every = c.db.pragma('wal_autocheckpoint', { simple: true }) as number;
  c.db.pragma('wal_autocheckpoint = 0');
  let result: T;
  try {
    result = write();
  } finally {
    c.db.pragma(`wal_autocheckpoint = ${every}`);
  }
  // Only a log SQLite would have checkpointed at that COMMIT (larger than its threshold) is worth a thread.
  const pageSize = c.db.pragma('page_size', { simple: true }) as number;
  if (every > 0 && walSize(c) > every * pageSize) {
    const checkpointHere = () => {
      if (c.db.open) c.db.pragma('wal_checkpoint(PASSIVE)');
    };
    if (existsSync(workerFile)) {
      beside(
        c,
        'checkpoint',
        CHECKPOINT_BOOTSTRAP,
        { path: c.path, url: pathToFileURL(workerFile).href },
        checkpointHere,
      );
    } else {
      checkpointHere();
    }
  }
  return result;
}

/** Removes a folder (no longer open) on a worker thread; closing the case waits for it. */
export function removeBeside(c: CaseFile, dir: string): void {
  beside(c, 'removal', REMOVAL, { dir }, () => rmSync(dir, { recursive: true, force: true }));
}

function walSize(c: CaseFile): number {
  try {
    return statSync(`${c.path}-wal`).size;
  } catch {
    return 0;
  }
}

/**
 * Waits for the work running beside the case (all of it, or of one kind): closeCase calls it, since the case's
 * log goes only with its last connection. Says where each piece of work was done, for tests.
 */
export function finishBackground(c: CaseFile, kind?: Task['kind']): ('worker' | 'here')[] {
  const tasks = running.get(c) ?? [];
  const finishing = tasks.filter((task) => kind === undefined || task.kind === kind);
  running.set(
    c,
    tasks.filter((task) => !finishing.includes(task)),
  );
  return finishing.map((task) => {
    // Generous for a log of any size; a worker that neither finishes nor fails in that time is given up on.
    Atomics.wait(task.flag, 0, 0, Math.max(60_000, walSize(c) / 10_000));
    return settle(task);
  });
}

/** Ends a task's thread; work the thread did not finish is done here. */
function settle(task: Task): 'worker' | 'here' {
  void task.worker.terminate();
  if (Atomics.load(task.flag, 0) === 1) return 'worker';
  task.here();
  return 'here';
}

/** For tests: what is running beside the case. */
export const runningBeside = (c: CaseFile): Task['kind'][] => (running.get(c) ?? []).map((task) => task.kind);
