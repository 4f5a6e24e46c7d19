// The checks of an untrusted case file that need nothing of the work beside them, on a thread of their own:
// SQLite's integrity check, then (for a merge) whether its history contradicts the case's. See db/integrity.ts,
// which passes the SQL. Plain JavaScript so that it runs as it is, from the source tree and the bundle alike.
import Database from 'better-sqlite3';
import { workerData } from 'node:worker_threads';

const { path, signal, port, compare } = workerData;
let verdict;
try {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    db.pragma('trusted_schema = OFF');
    const problems = db.pragma('quick_check(20)').map((row) => row.quick_check);
    verdict = { ok: problems.length === 1 && problems[0] === 'ok', problem: problems[0] };
    if (verdict.ok && compare) {
      db.prepare(`ATTACH DATABASE ? AS ${compare.schema}`).run(compare.with);
      verdict.contradiction = db.prepare(compare.sql).pluck().get() ?? undefined;
      verdict.records = db.prepare(compare.recordsSql).raw().all();
    }
  } finally {
    db.close();
  }
} catch (error) {
  verdict = { ok: false, problem: String(error.code || error.message), unreadable: true };
}
port.postMessage(verdict);
const flag = new Int32Array(signal);
Atomics.store(flag, 0, 1);
Atomics.notify(flag, 0);
