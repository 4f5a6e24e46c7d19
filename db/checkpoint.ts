// Checkpointing a case's write-ahead log beside the work: a merge writes hundreds of MiB to the log, and copying
// them into the file at COMMIT (SQLite's automatic checkpoint) took as long again as writing them. The merge
// commits without it and a worker thread checkpoints while the analyst reads the result; closing the case waits.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CaseFile } from './caseFile.ts';

/** Beside this module, and beside the bundled main process; unpacked from the asar archive in the packaged app. */
const WORKER = join(import.meta.dirname, 'checkpointWorker.mjs').replace(/\.asar([\\/])/, '.asar.unpacked$1');

/** Loads the worker's module; if that fails, raises the flag with 2 so that the checkpoint is done here. */
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import(workerData.url).catch(() => {
  const flag = new Int32Array(workerData.signal);
  Atomics.store(flag, 0, 2);
  Atomics.notify(flag, 0);
});
`;

interface Pending {
  flag: Int32Array;
  worker: Worker;
}

const pending = new WeakMap<CaseFile, Pending>();

/**
 * Runs `write` (one transaction) without SQLite's checkpoint at its COMMIT, then checkpoints on a worker thread.
 * Where no worker can run, the checkpoint is done here, as SQLite would have.
 */
export function withCheckpointBeside<T>(c: CaseFile, write: () => T, workerFile = WORKER): T {
  finishCheckpoint(c);
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
  if (every > 0 && walSize(c) > every * pageSize) startCheckpoint(c, workerFile);
  return result;
}

function walSize(c: CaseFile): number {
  try {
    return statSync(`${c.path}-wal`).size;
  } catch {
    return 0;
  }
}

function startCheckpoint(c: CaseFile, workerFile: string): void {
  const signal = new SharedArrayBuffer(4);
  try {
    if (!existsSync(workerFile)) throw new Error('no worker');
    const worker = new Worker(BOOTSTRAP, {
      eval: true,
      workerData: { path: c.path, signal, url: pathToFileURL(workerFile).href },
    });
    worker.unref();
    pending.set(c, { flag: new Int32Array(signal), worker });
  } catch {
    checkpointHere(c);
  }
}

function checkpointHere(c: CaseFile): void {
  if (c.db.open) c.db.pragma('wal_checkpoint(PASSIVE)');
}

/**
 * Waits for a checkpoint running beside the case, if any (closeCase calls it: the case's file is whole, and its
 * log gone, only once no other connection holds it). Returns where it ran, for tests.
 */
export function finishCheckpoint(c: CaseFile): 'none' | 'worker' | 'here' {
  const running = pending.get(c);
  if (!running) return 'none';
  pending.delete(c);
  // Generous for the log's size; a worker that neither finishes nor fails in that time is given up on.
  const timeout = Math.max(60_000, walSize(c) / 10_000);
  const answered = Atomics.wait(running.flag, 0, 0, timeout) !== 'timed-out';
  void running.worker.terminate();
  if (answered && Atomics.load(running.flag, 0) === 1) return 'worker';
  checkpointHere(c);
  return 'here';
}

/** For tests: whether a checkpoint is running beside the case. */
export const checkpointRunning = (c: CaseFile): boolean => pending.has(c);
