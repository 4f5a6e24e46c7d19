// SQLite's integrity check of a case file, on a thread of its own: a merge runs it beside its own work.
// Plain JavaScript so that it runs as it is, from the source tree and beside the bundled main process alike.
import Database from 'better-sqlite3';
import { workerData } from 'node:worker_threads';

const { path, signal, port } = workerData;
let verdict;
try {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    db.pragma('trusted_schema = OFF');
    const problems = db.pragma('quick_check(20)').map((row) => row.quick_check);
    verdict = { ok: problems.length === 1 && problems[0] === 'ok', problem: problems[0] };
  } finally {
    db.close();
  }
} catch (error) {
  verdict = { ok: false, problem: String(error.code || error.message) };
}
port.postMessage(verdict);
const flag = new Int32Array(signal);
Atomics.store(flag, 0, 1);
Atomics.notify(flag, 0);
