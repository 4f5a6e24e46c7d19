// The merge part of `npm run bench`: two cases that share half their history (the reference case, and a copy of
// it taken halfway through its claims that then went on with claims of its own), merged through the engine and,
// as the baseline, by plain SQL copying the same new rows into a copy of the same file.
import Database from 'better-sqlite3';
import { closeSync, fsyncSync, openSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CaseFile } from '../../db/caseFile.ts';
import { mergeCaseFile, type MergePhases } from '../../db/merge.ts';
import { verifyCase } from '../../db/verify.ts';
import { timed } from './measure.ts';

export interface MergeTimes {
  engineMs: number;
  rawMs: number;
  newChanges: number;
  newClaims: number;
  rawRows: number;
  conflicts: number;
  verified: boolean;
  /** Where the engine's time went, ms by phase. */
  phases: MergePhases;
}

/**
 * The baseline: what any merge must at least do, as one hand-written SQL script — copy the other file's actions,
 * changes, claims, memberships and their full-text rows that this file lacks. No validation, no rebuilding.
 */
function rawCopy(targetPath: string, otherPath: string): { ms: number; rows: number } {
  const db = new Database(targetPath, { fileMustExist: true });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.prepare('ATTACH DATABASE ? AS other').run(otherPath);
  const run = () =>
    db.transaction(() => {
      let rows = 0;
      rows += db.prepare('INSERT OR IGNORE INTO authors SELECT * FROM other.authors').run().changes;
      rows += db.prepare('INSERT OR IGNORE INTO actions SELECT * FROM other.actions').run().changes;
      rows += db
        .prepare(
          `INSERT OR IGNORE INTO changes (action_id, entity, entity_id, field, value, hlc, author_id, prev_hlc)
           SELECT action_id, entity, entity_id, field, value, hlc, author_id, prev_hlc FROM other.changes`,
        )
        .run().changes;
      const claimColumns = `id, source_id, source_sha256, quote_start, quote_end, quote, prefix, suffix, statement,
        claimant, event_date, earliest, latest, place, actors, event_type, credibility, status, note, created_at,
        created_by, updated_at, updated_by, hlc, deleted`;
      const before = db.prepare('SELECT max(seq) FROM claims').pluck().get() as number;
      rows += db
        .prepare(`INSERT OR IGNORE INTO claims (${claimColumns}) SELECT ${claimColumns} FROM other.claims`)
        .run().changes;
      db.prepare(
        `INSERT INTO claims_fts (rowid, statement, quote, claimant, place, note)
         SELECT seq, statement, quote, claimant, place, note FROM claims WHERE seq > ?`,
      ).run(before);
      const tagColumns = 'id, claim_id, tag_id, created_at, created_by, updated_at, updated_by, hlc, deleted';
      rows += db
        .prepare(
          `INSERT OR IGNORE INTO claim_tags (${tagColumns}) SELECT ${tagColumns} FROM other.claim_tags`,
        )
        .run().changes;
      return rows;
    })();
  const result = timed(run);
  db.close();
  return { ms: result.ms, rows: result.value };
}

/**
 * Writes every file of the bench's folder to disk (untimed): the system's flushing of what the bench wrote before
 * (gigabytes, by then) must not fall into one side's time, nor the baseline's own writes into the engine's.
 */
function settleDisk(dir: string): void {
  for (const name of readdirSync(dir)) {
    const fd = openSync(join(dir, name), 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}

/** Merges `otherPath` into the open case `c` (timed), after the baseline ran on `rawTargetPath`, a copy of it. */
export function benchMerge(c: CaseFile, rawTargetPath: string, otherPath: string): MergeTimes {
  const claimsBefore = c.db.prepare('SELECT count(*) FROM claims').pluck().get() as number;
  settleDisk(dirname(rawTargetPath));
  const raw = rawCopy(rawTargetPath, otherPath);
  settleDisk(dirname(rawTargetPath));
  const phases: MergePhases = {};
  const engine = timed(() => mergeCaseFile(c, otherPath, { phases }));
  const claimsAfter = c.db.prepare('SELECT count(*) FROM claims').pluck().get() as number;
  return {
    engineMs: engine.ms,
    rawMs: raw.ms,
    newChanges: engine.value.changes,
    newClaims: claimsAfter - claimsBefore,
    rawRows: raw.rows,
    conflicts: engine.value.openConflicts,
    verified: verifyCase(c).ok,
    phases,
  };
}
