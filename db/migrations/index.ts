// The explicit list of schema migrations; a released entry and its SQL file are never edited, only appended to.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Migration {
  /** The schema version a case file has after this migration (its PRAGMA user_version). */
  version: number;
  file: string;
  /** The folder of the file: this one for released migrations; tests point elsewhere. */
  dir?: string;
}

export const migrations: readonly Migration[] = [
  { version: 10, file: '0010_init.sql' },
  { version: 20, file: '0020_source_pages.sql' },
  { version: 30, file: '0030_source_repeats.sql' },
  { version: 40, file: '0040_dismissed_suggestions.sql' },
  { version: 50, file: '0050_merge_conflicts.sql' },
];

export const latestVersion: number = migrations[migrations.length - 1]!.version;

const sqlCache = new Map<string, string>();

export function migrationSql(migration: Migration): string {
  const path = join(migration.dir ?? import.meta.dirname, migration.file);
  let sql = sqlCache.get(path);
  if (sql === undefined) {
    sql = readFileSync(path, 'utf8');
    sqlCache.set(path, sql);
  }
  return sql;
}
