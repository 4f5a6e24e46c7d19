// The import baseline: plain better-sqlite3 writing the rows the engine writes, into the same schema, with nothing else.
//
// Every row value (ids, hashes, date bounds, change JSON) is computed before the clock starts, so the timed part is
// only what any program must do to store these rows: bind, insert, index for FTS, commit. The engine's time over
// this is its own cost: parsing files, validating, looking things up, building SQL, recording history per field.
import type Database from 'better-sqlite3';
import { createHash, randomUUID } from 'node:crypto';
import { parseEventDate } from '../../db/dates.ts';
import { membershipIdFor, sourceIdFor, tagIdFor } from '../../db/ids.ts';
import type { ReferenceCase } from './generate.ts';

const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

// Columns of each table the baseline fills, in one place: the INSERTs and the positional rows are built from them.
const STAMP = ['created_at', 'created_by', 'updated_at', 'updated_by', 'hlc', 'deleted'] as const;
const SOURCE_COLUMNS = [
  ...['id', 'sha256', 'text', 'original_sha256', 'file_name', 'format', 'title', 'outlet', 'author', 'url'],
  ...['published_at', 'language', 'reliability', 'note', ...STAMP],
];
const CLAIM_COLUMNS = [
  ...[
    'id',
    'source_id',
    'source_sha256',
    'quote_start',
    'quote_end',
    'quote',
    'prefix',
    'suffix',
    'statement',
  ],
  ...[
    'claimant',
    'event_date',
    'earliest',
    'latest',
    'place',
    'actors',
    'event_type',
    'credibility',
    'status',
  ],
  ...['note', ...STAMP],
];
const TAG_COLUMNS = ['id', 'parent_id', 'name', 'kind', 'color', 'description', 'merged_into', ...STAMP];
const CLAIM_TAG_COLUMNS = ['id', 'claim_id', 'tag_id', ...STAMP];

const insertSql = (table: string, columns: readonly string[]): string =>
  `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;

/** A record's values in column order; a column it does not name is NULL. */
const valuesOf = (columns: readonly string[], record: Record<string, unknown>): unknown[] =>
  columns.map((column) => record[column] ?? null);

const stamp = (authorId: string, at: number, hlc: string) => ({
  created_at: at,
  created_by: authorId,
  updated_at: at,
  updated_by: authorId,
  hlc,
  deleted: 0,
});

interface SourceRows {
  original: unknown[];
  source: unknown[];
  change: unknown[];
  fts: unknown[];
}

interface ClaimRows {
  claim: unknown[];
  change: unknown[];
  fts: unknown[];
  memberships: { row: unknown[]; change: unknown[] }[];
}

interface TagRows {
  tag: unknown[];
  change: unknown[];
}

export interface RawRows {
  authorId: string;
  sources: SourceRows[];
  /** Tags in the order claims first use them (parents before children), with the claim index that needs them. */
  tags: { before: number; rows: TagRows }[];
  claims: ClaimRows[];
  /** Source ids in generator order: the engine's import results must give the same ones. */
  sourceIds: string[];
  sourceSha256: string[];
}

/** A monotonic clock like the engine's HLC text ('000001700000000000-000000'), one tick per change. */
function rawClock(start: number): () => { hlc: string; at: number } {
  let tick = 0;
  return () => {
    const at = start + Math.floor(tick / 1000);
    const counter = tick % 1000;
    tick += 1;
    return { hlc: `${String(at).padStart(15, '0')}-${String(counter).padStart(6, '0')}`, at };
  };
}

/** The rows of the reference case as the engine stores them (checked against the engine's file after both runs). */
export function buildRawRows(reference: ReferenceCase, authorId: string, start = Date.now()): RawRows {
  const next = rawClock(start);
  const sourceIds: string[] = [];
  const sourceSha256: string[] = [];
  const sources = reference.sources.map((s): SourceRows => {
    const textSha = sha256(s.text);
    const originalSha = sha256(s.bytes);
    const id = sourceIdFor(textSha);
    sourceIds.push(id);
    sourceSha256.push(textSha);
    const { hlc, at } = next();
    const fields = {
      sha256: textSha,
      originalSha256: originalSha,
      fileName: s.fileName,
      format: s.format,
      title: s.title,
      outlet: s.outlet,
      author: s.author,
      url: s.url,
      publishedAt: s.publishedAt,
      language: s.language,
      reliability: null,
      note: null,
      deleted: false,
    };
    return {
      original: [originalSha, s.mediaType, Buffer.from(s.bytes)],
      source: valuesOf(SOURCE_COLUMNS, {
        id,
        sha256: textSha,
        text: s.text,
        original_sha256: originalSha,
        file_name: s.fileName,
        format: s.format,
        title: s.title,
        outlet: s.outlet,
        author: s.author,
        url: s.url,
        published_at: s.publishedAt,
        language: s.language,
        ...stamp(authorId, at, hlc),
      }),
      change: ['source', id, JSON.stringify(fields), hlc, authorId],
      fts: [s.title, s.outlet, s.text],
    };
  });

  const bounds = new Map<string, { earliest: string | null; latest: string | null }>();
  const tagIds = new Map<string, string>();
  const tags: RawRows['tags'] = [];
  /** The id of the tag at a path, adding rows for it and its missing ancestors the first time it is used. */
  const tagFor = (path: string, claimIndex: number): string => {
    const segments = path.split('/');
    let parentId: string | null = null;
    segments.forEach((name, depth) => {
      const key = segments
        .slice(0, depth + 1)
        .map((s) => s.toLowerCase())
        .join('/');
      let id = tagIds.get(key);
      if (!id) {
        id = tagIdFor(key);
        tagIds.set(key, id);
        const { hlc, at } = next();
        const fields = {
          parentId,
          name,
          kind: 'topic',
          color: null,
          description: null,
          mergedInto: null,
          deleted: false,
        };
        tags.push({
          before: claimIndex,
          rows: {
            tag: valuesOf(TAG_COLUMNS, {
              id,
              parent_id: parentId,
              name,
              kind: 'topic',
              ...stamp(authorId, at, hlc),
            }),
            change: ['tag', id, JSON.stringify(fields), hlc, authorId],
          },
        });
      }
      parentId = id;
    });
    return parentId!;
  };

  const claims = reference.claims.map((claim, index): ClaimRows => {
    const id = randomUUID();
    const sourceId = sourceIds[claim.source]!;
    let bound = claim.date ? bounds.get(claim.date) : { earliest: null, latest: null };
    if (!bound && claim.date) {
      const { earliest, latest } = parseEventDate(claim.date);
      bound = { earliest, latest };
      bounds.set(claim.date, bound);
    }
    const { hlc, at } = next();
    const fields = {
      sourceId,
      sourceSha256: sourceSha256[claim.source],
      start: claim.start,
      end: claim.end,
      quote: claim.quote,
      prefix: claim.prefix,
      suffix: claim.suffix,
      statement: claim.statement,
      claimant: claim.claimant,
      date: claim.date,
      place: claim.place,
      actors: claim.actors,
      eventType: claim.eventType,
      credibility: claim.credibility,
      status: claim.status,
      note: null,
      deleted: false,
    };
    const memberships = claim.tags.map((path) => {
      const tagId = tagFor(path, index);
      const membershipId = membershipIdFor(id, tagId);
      const tick = next();
      return {
        row: valuesOf(CLAIM_TAG_COLUMNS, {
          id: membershipId,
          claim_id: id,
          tag_id: tagId,
          ...stamp(authorId, tick.at, tick.hlc),
        }),
        change: [
          'claimTag',
          membershipId,
          JSON.stringify({ claimId: id, tagId, deleted: false }),
          tick.hlc,
          authorId,
        ],
      };
    });
    return {
      claim: valuesOf(CLAIM_COLUMNS, {
        id,
        source_id: sourceId,
        source_sha256: sourceSha256[claim.source],
        quote_start: claim.start,
        quote_end: claim.end,
        quote: claim.quote,
        prefix: claim.prefix,
        suffix: claim.suffix,
        statement: claim.statement,
        claimant: claim.claimant,
        event_date: claim.date,
        earliest: bound!.earliest,
        latest: bound!.latest,
        place: claim.place,
        actors: JSON.stringify(claim.actors),
        event_type: claim.eventType,
        credibility: claim.credibility,
        status: claim.status,
        ...stamp(authorId, at, hlc),
      }),
      change: ['claim', id, JSON.stringify(fields), hlc, authorId],
      fts: [claim.statement, claim.quote, claim.claimant, claim.place, null],
      memberships,
    };
  });
  return { authorId, sources, tags, claims, sourceIds, sourceSha256 };
}

/** Prepared statements of the baseline: positional parameters, prepared once. */
function statements(db: Database.Database) {
  return {
    author: db.prepare('INSERT INTO authors (id, name) VALUES (?, ?) ON CONFLICT (id) DO NOTHING'),
    action: db.prepare(
      `INSERT INTO actions (id, author_id, hlc, at, kind, label) VALUES (?, ?, ?, ?, 'do', ?)`,
    ),
    clock: db.prepare(
      `INSERT INTO meta (key, value) VALUES ('clock', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    ),
    change: db.prepare(
      `INSERT INTO changes (action_id, entity, entity_id, field, value, hlc, author_id) VALUES (?, ?, ?, '*', ?, ?, ?)`,
    ),
    original: db.prepare(
      'INSERT INTO originals (sha256, media_type, bytes) VALUES (?, ?, ?) ON CONFLICT (sha256) DO NOTHING',
    ),
    source: db.prepare(insertSql('sources', SOURCE_COLUMNS)),
    sourceFts: db.prepare('INSERT INTO sources_fts (rowid, title, outlet, text) VALUES (?, ?, ?, ?)'),
    claim: db.prepare(insertSql('claims', CLAIM_COLUMNS)),
    claimFts: db.prepare(
      'INSERT INTO claims_fts (rowid, statement, quote, claimant, place, note) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    tag: db.prepare(insertSql('tags', TAG_COLUMNS)),
    claimTag: db.prepare(insertSql('claim_tags', CLAIM_TAG_COLUMNS)),
  };
}

export interface RawWriter {
  /** Writes sources [from, to) in one transaction. */
  writeSources(from: number, to: number): void;
  /** Writes claims [from, to), their tag memberships and the codebook rows they first use, in one transaction. */
  writeClaims(from: number, to: number): void;
}

/** The baseline writer: one action and one transaction per call, as a bulk import would do. */
export function rawWriter(db: Database.Database, rows: RawRows): RawWriter {
  const s = statements(db);
  let actionCount = 0;
  const action = (): string => {
    const id = randomUUID();
    const hlc = `${String(Date.now()).padStart(15, '0')}-${String((actionCount += 1)).padStart(6, '0')}`;
    s.action.run(id, rows.authorId, hlc, Date.now(), 'bench raw');
    s.clock.run(hlc);
    return id;
  };
  s.author.run(rows.authorId, 'bench');
  let nextTag = 0;
  return {
    writeSources(from, to) {
      db.transaction(() => {
        const actionId = action();
        for (let index = from; index < to; index += 1) {
          const r = rows.sources[index]!;
          s.original.run(r.original);
          const seq = s.source.run(r.source).lastInsertRowid;
          s.change.run(actionId, ...r.change);
          s.sourceFts.run(seq, ...r.fts);
        }
      }).immediate();
    },
    writeClaims(from, to) {
      db.transaction(() => {
        const actionId = action();
        for (let index = from; index < to; index += 1) {
          // Codebook rows go in just before the first claim that uses them, as the engine creates them.
          while (nextTag < rows.tags.length && rows.tags[nextTag]!.before === index) {
            const t = rows.tags[nextTag++]!.rows;
            s.tag.run(t.tag);
            s.change.run(actionId, ...t.change);
          }
          const r = rows.claims[index]!;
          const seq = s.claim.run(r.claim).lastInsertRowid;
          s.change.run(actionId, ...r.change);
          s.claimFts.run(seq, ...r.fts);
          for (const m of r.memberships) {
            s.claimTag.run(m.row);
            s.change.run(actionId, ...m.change);
          }
        }
      }).immediate();
    },
  };
}
