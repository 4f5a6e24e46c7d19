// Copies a case's write-ahead log into the file itself on a thread of its own, after a large transaction (a merge)
// committed without doing so: see db/background.ts. Plain JavaScript so that it runs as it is, from the source
// tree and the bundle alike.
import Database from 'better-sqlite3';
import { workerData } from 'node:worker_threads';

const { path, signal } = workerData;
const flag = new Int32Array(signal);
try {
  const db = new Database(path, { fileMustExist: true });
  try {
    // PASSIVE: never waits for, nor blocks, the case's own connection, which reads and writes on meanwhile.
    db.pragma('wal_checkpoint(PASSIVE)');
  } finally {
    db.close();
  }
  Atomics.store(flag, 0, 1);
} catch {
  // The waiting thread checkpoints itself.
  Atomics.store(flag, 0, 2);
}
Atomics.notify(flag, 0);
