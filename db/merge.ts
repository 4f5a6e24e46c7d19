// Merging another analyst's case into this one: their history joins ours, every touched record is rebuilt from
// the union of changes, and concurrent edits of one field become conflicts for a person to settle.
// DESIGN.md "Merge": deterministic, idempotent, commutative; field-level last-writer-wins by hybrid logical clock
// with the author id as tiebreak; the other file is untrusted and never written.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { constants, copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { CaseFile } from './caseFile.ts';
import { removeBeside, withCheckpointBeside } from './background.ts';
import {
  closeCase,
  fileStamp,
  inspectCaseFile,
  latestVersion,
  openCase,
  prepare,
  sameStamp,
  transaction,
  type FileStamp,
} from './caseFile.ts';
import { immutableUri } from './sqliteUris.ts';
import './claims.ts'; // registers the claim's derived columns (earliest/latest days), which rebuilt rows need
import { parseHlc } from './clock.ts';
import { AttestError, badInput } from './errors.ts';
import {
  changeableFields,
  entities,
  indexNewRows,
  materializeEntity,
  readEntity,
  beginAction,
  updateEntity,
  type EntityKind,
  type Materialized,
  type RecordedChange,
} from './history.ts';
import { sourceIdFor, suggestionIdFor } from './ids.ts';
import { startIntegrityCheck, type IntegrityCheck } from './integrity.ts';
import { fingerprintSources } from './repeats.ts';
import { citationChecker, type BrokenCitation, type CitingClaim } from './verify.ts';

export const ENTITY_KINDS = Object.keys(entities) as EntityKind[];

export interface ChangeRecord {
  actionId: string;
  entity: EntityKind;
  entityId: string;
  field: string;
  /** JSON text */
  value: string;
  hlc: string;
  authorId: string;
  prevHlc: string | null;
}

/** A change new to this case, as the merge's pass over the other file finds it: with its action's time. */
type FreshChange = ChangeRecord & { at: number | null; otherSeq: number };

export interface ActionRecord {
  id: string;
  authorId: string;
  hlc: string;
  at: number;
  kind: string;
  label: string;
  targetId: string | null;
}

export interface SettledConflict {
  entity: EntityKind;
  entityId: string;
  field: string;
  baseHlc: string;
  settledBy: string;
  settledAt: number;
}

/** A source's file as imported, kept byte for byte. */
export interface OriginalFile {
  sha256: string;
  mediaType: string;
  bytes: Uint8Array;
}

/** Everything another case (a file, or a JSON export) brings: its history and what no change holds. */
export interface ChangeSet {
  /** How the user knows it, for messages: a file's base name. */
  name: string;
  authors: Iterable<{ id: string; name: string }>;
  actions: Iterable<ActionRecord>;
  changes: Iterable<ChangeRecord>;
  /**
   * When the other case is a file attached to this connection: its schema name there (its changes are then
   * sorted into shared and new by SQL, and only the new ones pass through JavaScript), and how many records
   * its history holds per kind, asked for once its checks passed (`changes` is then not read).
   */
  attached?: { schema: string; recordsPerKind(): ReadonlyMap<string, number> };
  originals: Iterable<OriginalFile>;
  /** A source's normalized text by source id. */
  sourceText(id: string): string | undefined;
  settled: Iterable<SettledConflict>;
  /** Suggestions dismissed on the other side: they stay dismissed here too (db/suggest). */
  dismissals: Iterable<DismissedSuggestion>;
}

export interface DismissedSuggestion {
  id: string;
  sourceId: string;
  start: number;
  end: number;
  dismissedBy: string;
  dismissedAt: number;
}

export interface KindSummary {
  added: number;
  updated: number;
  unchanged: number;
  conflicts: number;
}

export interface MergeSummary {
  name: string;
  /** Changes new to this case. */
  changes: number;
  kinds: Record<EntityKind, KindSummary>;
  /** Open conflicts in the whole case after the merge. */
  openConflicts: number;
}

const HLC = /^\d{15}-\d{6}$/;
const TEXT_LIMIT = 1_000_000;

function check(condition: boolean, name: string, what: string): asserts condition {
  if (!condition) throw badInput(`${name} was refused: ${what}.`);
}

const isText = (value: unknown, max = 500): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= max;

/** The fields a change may name, per kind of record, as sets (checked for every incoming change). */
const FIELDS = new Map(
  ENTITY_KINDS.map((kind) => {
    const { all, immutable } = changeableFields(kind);
    return [kind, { all: new Set(all), immutable: new Set(immutable) }];
  }),
);

function refuse(name: string, what: string): never {
  throw badInput(`${name} was refused: ${what}.`);
}

/**
 * Checks one incoming change's shape before any row of it is written; returns its value, parsed. Messages are
 * made only on refusal: this runs for every change a colleague's file brings.
 */
function checkChange(name: string, change: ChangeRecord): unknown {
  const fields = FIELDS.get(change.entity);
  if (!fields) refuse(name, 'it has a change to an unknown kind of record');
  if (!isText(change.entityId, 100) || !isText(change.actionId, 100))
    refuse(name, 'it has a change without ids');
  if (!HLC.test(change.hlc)) refuse(name, 'it has a change with a malformed clock');
  if (change.prevHlc !== null && !HLC.test(change.prevHlc)) refuse(name, 'it has a malformed earlier clock');
  if (change.prevHlc !== null && change.prevHlc >= change.hlc)
    refuse(name, 'it has a change older than its parent');
  if (typeof change.value !== 'string' || change.value.length > TEXT_LIMIT)
    refuse(name, 'it has an oversized value');
  let value: unknown;
  try {
    value = JSON.parse(change.value);
  } catch {
    refuse(name, 'it has a change whose value is not valid JSON');
  }
  const kind = change.entity;
  if (change.field === '*') {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      refuse(name, `it creates a ${kind} without fields`);
    }
    for (const field in value) {
      if (!fields.all.has(field)) refuse(name, `it gives a ${kind} an unknown field "${field.slice(0, 40)}"`);
      if (!fitsField(field, (value as Record<string, unknown>)[field])) {
        refuse(name, `it gives a ${kind} a malformed ${field}`);
      }
    }
  } else {
    if (!fields.all.has(change.field)) refuse(name, `it changes an unknown field of a ${kind}`);
    if (fields.immutable.has(change.field)) {
      refuse(name, `it changes the ${change.field} of a ${kind}, which never changes`);
    }
    if (!fitsField(change.field, value)) refuse(name, `it gives a ${kind} a malformed ${change.field}`);
  }
  return value;
}

/** Value types of fields that are not text (or null); a hostile file's wrong types are refused, not stored. */
const FIELD_TYPES = new Map<string, (value: unknown) => boolean>([
  ['deleted', (v) => typeof v === 'boolean'],
  ['start', (v) => Number.isSafeInteger(v)],
  ['end', (v) => Number.isSafeInteger(v)],
  ['credibility', (v) => v === null || Number.isSafeInteger(v)],
  ['actors', (v) => Array.isArray(v) && v.every((item) => typeof item === 'string')],
  ['repeats', (v) => v === null || (Array.isArray(v) && v.every((item) => typeof item === 'string'))],
  // A PDF's page map is kept in the creation record as JSON text of page starts, fixed with the source's text.
  ['pages', (v) => v === null || (typeof v === 'string' && isPageMap(v))],
]);

function isPageMap(text: string): boolean {
  try {
    const starts = JSON.parse(text) as unknown;
    return (
      Array.isArray(starts) &&
      starts.every((start, i) => Number.isSafeInteger(start) && (i === 0 || start >= starts[i - 1]))
    );
  } catch {
    return false;
  }
}

const fitsField = (field: string, value: unknown): boolean =>
  FIELD_TYPES.get(field)?.(value) ??
  (value === null || (typeof value === 'string' && value.length <= TEXT_LIMIT));

const emptySummary = (): KindSummary => ({ added: 0, updated: 0, unchanged: 0, conflicts: 0 });

/**
 * Applies a change set to the case in one transaction: it completes or changes nothing. Returns what changed
 * per kind of record. Throws AttestError 'bad-input' (nothing written) for anything malformed or contradictory.
 */
export function applyChangeSet(
  c: CaseFile,
  set: ChangeSet,
  options: { beforeCommit?: () => void; phases?: MergePhases } = {},
): MergeSummary {
  const phase = phaseClock(options.phases);
  const { name } = set;
  const kinds = Object.fromEntries(ENTITY_KINDS.map((k) => [k, emptySummary()])) as Record<
    EntityKind,
    KindSummary
  >;
  let newChanges = 0;
  try {
    if (c.db.inTransaction) throw new AttestError('internal', 'A merge runs in a transaction of its own.');
    transaction(c, () => {
      // Records arrive in any order (a claim before its source's row is rebuilt): check references at the end.
      c.db.pragma('defer_foreign_keys = ON');
      const addAuthor = prepare(
        c,
        'INSERT INTO authors (id, name) VALUES (:id, :name) ON CONFLICT DO NOTHING',
      );
      for (const author of set.authors) {
        check(isText(author.id, 100) && isText(author.name), name, 'it has an author without a name');
        addAuthor.run({ id: author.id, name: author.name });
      }
      const addAction = prepare(
        c,
        `INSERT INTO actions (id, author_id, hlc, at, kind, label, target_id)
         VALUES (:id, :authorId, :hlc, :at, :kind, :label, :targetId) ON CONFLICT (id) DO NOTHING`,
      );
      for (const action of set.actions) {
        check(isText(action.id, 100) && HLC.test(action.hlc), name, 'it has a malformed action');
        check(Number.isSafeInteger(action.at), name, 'it has an action without a time');
        check(
          typeof action.label === 'string' && action.label.length <= 500,
          name,
          'it has a malformed action',
        );
        addAction.run(action);
      }

      const addChange = prepare(
        c,
        `INSERT INTO changes (action_id, entity, entity_id, field, value, hlc, author_id, prev_hlc)
         VALUES (:actionId, :entity, :entityId, :field, :value, :hlc, :authorId, :prevHlc)`,
      );
      const existingChange = prepare(
        c,
        `SELECT action_id AS actionId, entity, value, prev_hlc AS prevHlc FROM changes
         WHERE entity_id = :entityId AND field = :field AND hlc = :hlc AND author_id = :authorId`,
      );
      const touched = new Map<EntityKind, Set<string>>(ENTITY_KINDS.map((k) => [k, new Set<string>()]));
      const seen = new Map<EntityKind, Set<string>>(ENTITY_KINDS.map((k) => [k, new Set<string>()]));
      let maxHlc = '';
      let incoming: Iterable<ChangeRecord> = set.changes;
      // With an attached file: how many records its history holds, per kind (known by the time of COMMIT).
      let recordsOf: (() => ReadonlyMap<string, number>) | undefined;
      // Changes new to this case, by record, with their action's time: a record that is new here is rebuilt
      // from these alone (this case holds no change of a record it has no row of), without reading them back.
      const freshOf = new Map<EntityKind, Map<string, (FreshChange & RecordedChange)[]>>(
        ENTITY_KINDS.map((k) => [k, new Map()]),
      );
      if (set.attached) {
        // The other file's history beside ours in the order of their (record, field, clock, author) indexes,
        // which alone answer: both are read front to back, not looked up at random (a third of the time). Only
        // the changes new here are then read in full, in the other file's order. How many records the other
        // history holds per kind, and whether a change both files hold is recorded alike on both sides, is
        // mergeCaseFile's work on the integrity check's thread, beside this.
        const other = set.attached.schema;
        const freshSeqs = c.db
          .prepare(
            `SELECT o.seq FROM ${other}.changes o LEFT JOIN main.changes m ON m.entity_id = o.entity_id
               AND m.field = o.field AND m.hlc = o.hlc AND m.author_id = o.author_id
             WHERE m.seq IS NULL ORDER BY o.entity_id, o.field, o.hlc, o.author_id`,
          )
          .pluck()
          .all() as number[];
        const fresh = c.db
          .prepare(
            `SELECT o.action_id AS actionId, o.entity, o.entity_id AS entityId, o.field, o.value, o.hlc,
               o.author_id AS authorId, o.prev_hlc AS prevHlc, a.at, o.seq AS otherSeq
             FROM ${other}.changes o LEFT JOIN main.actions a ON a.id = o.action_id
             WHERE o.seq IN (SELECT value FROM json_each(:seqs)) ORDER BY o.seq`,
          )
          .all({ seqs: JSON.stringify(freshSeqs) }) as FreshChange[];
        // Shared changes are ours already, and our clock is past them: only new ones can move it.
        for (const change of fresh) if (change.hlc > maxHlc) maxHlc = change.hlc;
        check(maxHlc === '' || HLC.test(maxHlc), name, 'it has a change with a malformed clock');
        recordsOf = set.attached.recordsPerKind;
        phase('reading the other history beside ours');
        // Known to be new by the pass above: each is checked, then all are copied by SQL from the other file
        // (a read-only copy, so the rows copied are the rows checked), without passing their values back.
        for (const change of fresh) {
          const parsed = checkChange(name, change);
          check(change.at !== null, name, 'its records refer to records it does not hold');
          newChanges += 1;
          touched.get(change.entity)!.add(change.entityId);
          const byRecord = freshOf.get(change.entity)!;
          const recorded = { ...change, at: change.at, parsed };
          const list = byRecord.get(change.entityId);
          if (list) list.push(recorded);
          else byRecord.set(change.entityId, [recorded]);
        }
        phase('checking new changes');
        const copyChanges = prepare(
          c,
          `INSERT INTO main.changes (action_id, entity, entity_id, field, value, hlc, author_id, prev_hlc)
           SELECT action_id, entity, entity_id, field, value, hlc, author_id, prev_hlc FROM ${other}.changes
           WHERE seq IN (SELECT value FROM json_each(:seqs)) ORDER BY seq`,
        );
        for (let i = 0; i < fresh.length; i += 10_000) {
          copyChanges.run({
            seqs: JSON.stringify(fresh.slice(i, i + 10_000).map((change) => change.otherSeq)),
          });
        }
        incoming = [];
      }
      for (const change of incoming) {
        checkChange(name, change);
        seen.get(change.entity)!.add(change.entityId);
        if (change.hlc > maxHlc) maxHlc = change.hlc;
        // Most of a colleague's history is shared: look first, and write only what is new.
        const ours = existingChange.get(change) as Omit<ChangeRecord, 'field'> | undefined;
        if (ours === undefined) {
          addChange.run(change);
          newChanges += 1;
          touched.get(change.entity)!.add(change.entityId);
          continue;
        }
        check(
          ours.entity === change.entity &&
            ours.value === change.value &&
            ours.actionId === change.actionId &&
            ours.prevHlc === change.prevHlc,
          name,
          `its history contradicts this case's (a ${change.entity} change recorded differently on each side)`,
        );
      }
      phase('adding new changes');
      const addOriginal = prepare(
        c,
        `INSERT INTO originals (sha256, media_type, bytes) VALUES (:sha256, :mediaType, :bytes)
         ON CONFLICT DO NOTHING`,
      );
      for (const original of set.originals) {
        const hash = createHash('sha256').update(original.bytes).digest('hex');
        check(hash === original.sha256, name, "an original file's bytes do not match its SHA-256");
        addOriginal.run({ ...original, bytes: Buffer.from(original.bytes) });
      }
      // Sources' texts were checked against their SHA-256 as they came in (a new one just below, in rebuild).
      const checkCitation = citationChecker(c, { deleted: true, hashed: false });
      const broken: BrokenCitation[] = [];
      const forkCandidates = new Map<EntityKind, string[]>(ENTITY_KINDS.map((k) => [k, []]));
      // Sources first (claims are verified against them), then the records that point at them.
      for (const kind of ENTITY_KINDS) {
        const ids = [...touched.get(kind)!];
        const indexNew = indexNewRows(c, kind);
        const inMemory = freshOf.get(kind)!;
        for (const [id, changes, exists] of changesOf(c, kind, ids, inMemory)) {
          // A record new here has no changes but those just read: its forks are found among them.
          if (!exists && inMemory.has(id))
            kinds[kind].conflicts += recordForksOf(c, kind, id, inMemory.get(id)!);
          else forkCandidates.get(kind)!.push(id);
          const { outcome, fields } = rebuild(c, set, kind, id, changes, exists);
          kinds[kind][outcome] += 1;
          // A claim's anchor never changes after its creation: checked here on the rebuilt fields.
          if (kind === 'claim') broken.push(...checkCitation({ ...(fields as unknown as CitingClaim), id }));
        }
        indexNew();
        if (!recordsOf) kinds[kind].unchanged += seen.get(kind)!.size - ids.length;
        phase(`rebuilding ${kind} records`);
      }

      if (maxHlc) {
        c.clock.observe(maxHlc);
        prepare(
          c,
          `INSERT INTO meta (key, value) VALUES ('clock', :hlc) ON CONFLICT (key) DO UPDATE SET value = :hlc`,
        ).run({ hlc: c.clock.last });
      }

      for (const kind of ENTITY_KINDS)
        kinds[kind].conflicts += recordForks(c, kind, forkCandidates.get(kind)!);
      phase('finding conflicts');
      applySettled(c, set);
      applyDismissals(c, set);
      // Near-copy fingerprints are derived from a source's text alone: made here for the sources that came in.
      fingerprintSources(c, [...touched.get('source')!]);
      checkTagTree(c, name, [...touched.get('tag')!]);
      if (broken.length > 0) {
        check(
          false,
          name,
          `${broken.length === 1 ? 'one of its claims does' : `${broken.length} of its claims do`} not match ` +
            `the words of ${broken.length === 1 ? 'its source' : 'their sources'} (${broken[0]!.message})`,
        );
      }
      // References (a claim's source, a tag's parent) are checked by SQLite at COMMIT: the deferred foreign
      // keys count violations as rows go in, so no scan of the whole file is needed.
      phase('settled conflicts, dismissals, fingerprints, checks');
      options.beforeCommit?.();
      phase('waiting for the checks beside the merge');
      if (recordsOf) {
        const records = recordsOf();
        for (const kind of ENTITY_KINDS)
          kinds[kind].unchanged += (records.get(kind) ?? 0) - touched.get(kind)!.size;
      }
    });
  } catch (error) {
    if (error instanceof AttestError) throw error;
    const code = (error as { code?: string }).code ?? '';
    if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
      throw badInput(`${name} was refused: its records refer to records it does not hold.`);
    }
    if (code.startsWith('SQLITE_CONSTRAINT')) {
      throw badInput(`${name} was refused: it holds records Attest does not accept (${code.toLowerCase()}).`);
    }
    throw error;
  }
  phase('commit');
  return { name, changes: newChanges, kinds, openConflicts: countOpenConflicts(c) };
}

/**
 * Where a merge's time went, by phase, for the bench (`npm run bench` prints it): wall time, and the CPU time of
 * the merging thread alone (on a busy machine the two part ways; work beside it on other threads is not in it).
 */
export type MergePhases = Record<string, { ms: number; cpuMs: number }>;

const threadCpuMs = (): number => {
  const usage = process.threadCpuUsage();
  return (usage.user + usage.system) / 1000;
};

/** Adds the time since the previous call to a phase; does nothing when no one asked. */
function phaseClock(phases: MergePhases | undefined): (name: string) => void {
  if (!phases) return () => {};
  let last = performance.now();
  let lastCpu = threadCpuMs();
  return (name) => {
    const now = performance.now();
    const cpu = threadCpuMs();
    const entry = (phases[name] ??= { ms: 0, cpuMs: 0 });
    entry.ms += now - last;
    entry.cpuMs += cpu - lastCpu;
    last = now;
    lastCpu = cpu;
  };
}

/** A tag whose parents lead back to itself would hang every tree walk: refuse such a file. */
function checkTagTree(c: CaseFile, name: string, ids: readonly string[]): void {
  const parentOf = prepare(c, 'SELECT parent_id FROM tags WHERE id = ?').pluck();
  for (const id of ids) {
    const path = new Set<string>();
    for (let tag: string | null | undefined = id; tag; tag = parentOf.get(tag) as string | null | undefined) {
      check(!path.has(tag) && path.size < 64, name, 'its tags are nested in a loop');
      path.add(tag);
    }
  }
}

/** SQLite's order of text (BINARY: by UTF-8 bytes), which JavaScript's `<` matches only for ASCII. */
function byteOrder(a: string, b: string): number {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(a + b)) return a < b ? -1 : a > b ? 1 : 0;
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

const clockOrder = (a: RecordedChange, b: RecordedChange): number =>
  a.hlc === b.hlc ? byteOrder(a.authorId, b.authorId) : byteOrder(a.hlc, b.hlc);

/**
 * Every change of the given records, grouped by record in clock order (then author, the tiebreak). A record this
 * case has no row of has no change here but those just brought in (`fresh`): they are used as they are.
 */
function* changesOf(
  c: CaseFile,
  kind: EntityKind,
  ids: readonly string[],
  fresh: ReadonlyMap<string, RecordedChange[]>,
): Generator<[string, RecordedChange[], boolean]> {
  const statement = prepare(
    c,
    `SELECT ch.entity_id AS entityId, ch.field, ch.value, ch.hlc, ch.author_id AS authorId, a.at
     FROM changes ch JOIN actions a ON a.id = ch.action_id
     WHERE ch.entity_id IN (SELECT value FROM json_each(:ids)) AND ch.entity = :kind
     ORDER BY ch.entity_id, ch.hlc, ch.author_id`,
  );
  // Which of the records have a row already: one query per batch, so new records skip the look-up.
  const present = prepare(
    c,
    `SELECT id FROM ${entities[kind].table} WHERE id IN (SELECT value FROM json_each(:ids))`,
  ).pluck();
  for (let i = 0; i < ids.length; i += 500) {
    const batch = ids.slice(i, i + 500);
    const existing = new Set(present.all({ ids: JSON.stringify(batch) }) as string[]);
    const read = batch.filter((id) => existing.has(id) || !fresh.has(id));
    const stored = new Map<string, RecordedChange[]>();
    if (read.length > 0) {
      const rows = statement.all({ ids: JSON.stringify(read), kind }) as (RecordedChange & {
        entityId: string;
      })[];
      for (const row of rows) {
        const list = stored.get(row.entityId);
        if (list) list.push(row);
        else stored.set(row.entityId, [row]);
      }
    }
    for (const id of batch) {
      const changes = stored.get(id) ?? fresh.get(id)?.sort(clockOrder);
      if (changes) yield [id, changes, existing.has(id)];
    }
  }
}

function rebuild(
  c: CaseFile,
  set: ChangeSet,
  kind: EntityKind,
  id: string,
  changes: RecordedChange[],
  exists: boolean,
): Materialized {
  if (kind !== 'source') return materializeEntity(c, kind, id, changes, { exists, indexLater: true });
  const creation = changes.find((change) => change.field === '*');
  const sha256 = creation ? (JSON.parse(creation.value) as { sha256?: unknown }).sha256 : undefined;
  check(
    typeof sha256 === 'string' && sourceIdFor(sha256) === id,
    set.name,
    'a source id does not fit its text',
  );
  const ours = prepare(c, 'SELECT text FROM sources WHERE id = ?').pluck().get(id) as string | undefined;
  const text = ours ?? set.sourceText(id);
  check(text !== undefined, set.name, 'a source has no text');
  check(
    ours !== undefined || createHash('sha256').update(text).digest('hex') === sha256,
    set.name,
    "a source's text does not match its SHA-256",
  );
  return materializeEntity(c, kind, id, changes, { text, exists, indexLater: true });
}

/**
 * Records the forks among these records' changes: two changes of one field from the same starting point
 * (prev_hlc) with different values. A pure function of the changes, so every merge order finds the same.
 * Returns how many forks are new.
 */
function recordForks(c: CaseFile, kind: EntityKind, ids: readonly string[]): number {
  const insert = prepare(
    c,
    `INSERT INTO conflicts (entity, entity_id, field, base_hlc)
     SELECT entity, entity_id, field, prev_hlc FROM changes
     WHERE entity_id IN (SELECT value FROM json_each(:ids)) AND entity = :kind AND field <> '*'
       AND prev_hlc IS NOT NULL
     GROUP BY entity_id, field, prev_hlc HAVING count(DISTINCT value) > 1
     ON CONFLICT DO NOTHING`,
  );
  let added = 0;
  for (let i = 0; i < ids.length; i += 500) {
    added += insert.run({ ids: JSON.stringify(ids.slice(i, i + 500)), kind }).changes;
  }
  return added;
}

/** recordForks for one record whose every change is at hand: returns how many forks are new. */
function recordForksOf(c: CaseFile, kind: EntityKind, id: string, changes: readonly FreshChange[]): number {
  const values = new Map<string, Set<string>>();
  for (const change of changes) {
    if (change.field === '*' || change.prevHlc === null) continue;
    const key = `${change.field}\u0000${change.prevHlc}`;
    const seen = values.get(key);
    if (seen) seen.add(change.value);
    else values.set(key, new Set([change.value]));
  }
  let added = 0;
  for (const [key, distinct] of values) {
    if (distinct.size < 2) continue;
    const [field, baseHlc] = key.split('\u0000') as [string, string];
    added += prepare(
      c,
      `INSERT INTO conflicts (entity, entity_id, field, base_hlc) VALUES (:kind, :id, :field, :baseHlc)
       ON CONFLICT DO NOTHING`,
    ).run({ kind, id, field, baseHlc }).changes;
  }
  return added;
}

/** Settled conflicts of the other side are settled here too; the earliest settling wins, on both sides. */
function applySettled(c: CaseFile, set: ChangeSet): void {
  const settle = prepare(
    c,
    `UPDATE conflicts SET settled_by = :settledBy, settled_at = :settledAt
     WHERE entity_id = :entityId AND field = :field AND base_hlc = :baseHlc
       AND (settled_at IS NULL OR (:settledAt, :settledBy) < (settled_at, settled_by))`,
  );
  for (const s of set.settled) {
    check(
      isText(s.settledBy, 100) && Number.isSafeInteger(s.settledAt) && HLC.test(s.baseHlc),
      set.name,
      'it has a malformed settled conflict',
    );
    settle.run({
      entityId: s.entityId,
      field: s.field,
      baseHlc: s.baseHlc,
      settledBy: s.settledBy,
      settledAt: s.settledAt,
    });
  }
}

/** Dismissals merge by union; of two dismissals of one suggestion the earlier is kept, on both sides alike. */
function applyDismissals(c: CaseFile, set: ChangeSet): void {
  const add = prepare(
    c,
    `INSERT INTO dismissed_suggestions (id, source_id, quote_start, quote_end, dismissed_by, dismissed_at)
     VALUES (:id, :sourceId, :start, :end, :dismissedBy, :dismissedAt)
     ON CONFLICT (id) DO UPDATE SET dismissed_by = excluded.dismissed_by, dismissed_at = excluded.dismissed_at
     WHERE (excluded.dismissed_at, excluded.dismissed_by) < (dismissed_at, dismissed_by)`,
  );
  for (const d of set.dismissals) {
    check(
      isText(d.id, 100) &&
        isText(d.sourceId, 100) &&
        Number.isSafeInteger(d.start) &&
        Number.isSafeInteger(d.end) &&
        d.start >= 0 &&
        d.end > d.start &&
        d.id === suggestionIdFor(d.sourceId, d.start, d.end) &&
        isText(d.dismissedBy, 100) &&
        Number.isSafeInteger(d.dismissedAt),
      set.name,
      'it has a malformed dismissed suggestion',
    );
    add.run(d);
  }
}

export function countOpenConflicts(c: CaseFile): number {
  return prepare(c, 'SELECT count(*) FROM conflicts WHERE settled_at IS NULL').pluck().get() as number;
}

/** Rows read only when iterated: an unfinished iterator keeps its connection busy, so none is opened early. */
const rowsOf = <T>(db: Database.Database, sql: string): Iterable<T> => ({
  [Symbol.iterator]: () => db.prepare(sql).iterate() as IterableIterator<T>,
});

/** Reads a validated case file as a change set. */
function changeSetOf(db: Database.Database, name: string): ChangeSet {
  const sourceText = db.prepare('SELECT text FROM sources WHERE id = ?').pluck();
  return {
    name,
    authors: rowsOf(db, 'SELECT id, name FROM authors'),
    actions: rowsOf(
      db,
      'SELECT id, author_id AS authorId, hlc, at, kind, label, target_id AS targetId FROM actions ORDER BY hlc',
    ),
    changes: rowsOf(
      db,
      `SELECT action_id AS actionId, entity, entity_id AS entityId, field, value, hlc, author_id AS authorId,
         prev_hlc AS prevHlc FROM changes ORDER BY seq`,
    ),
    originals: rowsOf(db, 'SELECT sha256, media_type AS mediaType, bytes FROM originals'),
    sourceText: (id) => sourceText.get(id) as string | undefined,
    dismissals: rowsOf(
      db,
      `SELECT id, source_id AS sourceId, quote_start AS start, quote_end AS "end", dismissed_by AS dismissedBy,
         dismissed_at AS dismissedAt FROM dismissed_suggestions`,
    ),
    settled: rowsOf(
      db,
      `SELECT entity, entity_id AS entityId, field, base_hlc AS baseHlc, settled_by AS settledBy,
         settled_at AS settledAt FROM conflicts WHERE settled_at IS NOT NULL`,
    ),
  };
}

const ATTACHED = 'merge_other';

/**
 * Where a merge reads the other file: in place, when nobody is writing it (no -wal beside it) and it needs no
 * upgrade, read as immutable so that SQLite creates nothing beside it; else a private copy, upgraded there if
 * older, so the colleague's file is never written, not even its WAL.
 */
interface OtherFile {
  /** What SQLite opens: an immutable URI of the file, or the copy's path. */
  source: string;
  /** Read in place: its stamp, to make sure it did not change while it was read. */
  inPlace?: FileStamp;
  /** The folder of the copy, removed afterwards. */
  dir?: string;
}

function otherFileFor(c: CaseFile, otherPath: string, name: string): OtherFile {
  const stamp = fileStamp(otherPath);
  if (stamp && !existsSync(`${otherPath}-wal`)) {
    // Header, version and schema checked before a row is read; the whole file's integrity beside the merge.
    let version: number | undefined;
    try {
      version = inspectCaseFile(otherPath, undefined, { skipIntegrityCheck: true, immutable: true });
    } catch (error) {
      // Where SQLite takes no URI file names (a connection was made before db/sqliteUris.ts ran), it finds no
      // file by that name: the copy is read instead.
      if (!(error instanceof AttestError && error.message.includes('SQLITE_CANTOPEN'))) throw error;
    }
    if (version === latestVersion) return { source: immutableUri(resolve(otherPath)), inPlace: stamp };
  }
  const dir = mkdtempSync(join(tmpdir(), 'attest-merge-'));
  const copy = join(dir, name);
  try {
    // A clone where the file system can make one (Btrfs, XFS, APFS): no bytes copied; a copy elsewhere.
    copyFileSync(otherPath, copy, constants.COPYFILE_FICLONE);
    if (existsSync(`${otherPath}-wal`)) copyFileSync(`${otherPath}-wal`, `${copy}-wal`);
    const version = inspectCaseFile(copy, undefined, { skipIntegrityCheck: true });
    if (version < latestVersion) closeCase(openCase(copy, { author: c.author }));
    return { source: copy, dir };
  } catch (error) {
    removeBeside(c, dir);
    if (error instanceof AttestError) throw error;
    throw new AttestError('not-found', `There is no case file named ${name} there.`);
  }
}

/**
 * Merges another case file into this one. The other file is read in place when nobody writes it, else from a
 * copy (see OtherFile): it is never written, not even its WAL.
 */
export function mergeCaseFile(
  c: CaseFile,
  otherPath: string,
  options: { phases?: MergePhases; beforeCommit?: () => void } = {},
): MergeSummary {
  const phase = phaseClock(options.phases);
  const name = basename(otherPath);
  let db: Database.Database | undefined;
  let attached = false;
  let integrity: IntegrityCheck | undefined;
  let other: OtherFile | undefined;
  try {
    other = otherFileFor(c, otherPath, name);
    phase('checking its header and schema (copying it if it is being written or older)');
    // SQLite's integrity check of the whole file (a second or more for a large case), the comparison of the
    // history both files hold (another second: every shared change's value is read on both sides) and the
    // count of its records per kind (for the summary) run on another thread beside the merge, which waits for
    // them before committing anything: a damaged file or a rewritten history is refused with nothing changed,
    // as before, in less time.
    const { source, inPlace } = other;
    integrity = startIntegrityCheck(other.dir ? source : otherPath, {
      compare: { casePath: c.path },
      immutable: inPlace !== undefined,
    });
    const beforeCommit = () => {
      options.beforeCommit?.();
      integrity?.passed();
      // Read in place: what was checked and read must be what is still there.
      if (inPlace && !sameStamp(inPlace, fileStamp(otherPath))) {
        throw badInput(`${name} changed while it was being merged, so nothing was merged: merge it again`);
      }
    };
    const otherDb = new Database(source, { readonly: true, fileMustExist: true });
    db = otherDb;
    otherDb.pragma('trusted_schema = OFF');
    // Attached (validated above) so that shared history is told from new by SQL, not row by row.
    c.db.prepare(`ATTACH DATABASE ? AS ${ATTACHED}`).run(source);
    attached = true;
    // A merge touches index pages all over the file; SQLite's default 2 MiB page cache would spill to the WAL
    // and read them back again and again (measured: 40% of a merge's time at the bench's 0.1 scale).
    const cache = c.db.pragma('cache_size', { simple: true }) as number;
    c.db.pragma('cache_size = -262144');
    try {
      // Original files this case lacks, read one by one: most of a colleague's are shared, and large.
      const missing = c.db
        .prepare(
          `SELECT o.sha256 FROM ${ATTACHED}.originals o
           WHERE NOT EXISTS (SELECT 1 FROM main.originals m WHERE m.sha256 = o.sha256)`,
        )
        .pluck()
        .all() as string[];
      const original = otherDb.prepare(
        'SELECT sha256, media_type AS mediaType, bytes FROM originals WHERE sha256 = ?',
      );
      const originals = (function* () {
        for (const sha256 of missing) yield original.get(sha256) as OriginalFile;
      })();
      phase('attaching it');
      // The merge's hundreds of MiB of log are copied into the file on another thread, not at its COMMIT.
      return withCheckpointBeside(c, () =>
        applyChangeSet(
          c,
          {
            ...changeSetOf(otherDb, name),
            originals,
            attached: { schema: ATTACHED, recordsPerKind: () => integrity!.recordsPerKind() },
          },
          { phases: options.phases, beforeCommit },
        ),
      );
    } catch (error) {
      // Whatever went wrong reading a damaged file, the damage is what to tell.
      integrity?.passed();
      throw error;
    } finally {
      c.db.pragma(`cache_size = ${cache}`);
    }
  } finally {
    integrity?.stop();
    if (attached) c.db.prepare(`DETACH DATABASE ${ATTACHED}`).run();
    db?.close();
    // A copy is removed on a worker thread that closing the case waits for (a removal left to the event loop
    // was lost whenever the process ended first: a test run left thousands of copies behind).
    if (other?.dir) removeBeside(c, other.dir);
  }
}

export interface ConflictSide {
  value: unknown;
  author: string;
  authorId: string;
  at: string;
  hlc: string;
}

export interface Conflict {
  entity: EntityKind;
  entityId: string;
  field: string;
  baseHlc: string;
  /** The value the record holds now (the last writer's, or a later edit). */
  current: unknown;
  /** Each distinct value written from the same starting point, earliest first. */
  sides: ConflictSide[];
  /** What the record is, for a person: a claim's statement and quote, a tag's name, a source's title. */
  label: string;
  quote?: string;
  sourceId?: string;
  sourceTitle?: string;
}

/** Open conflicts, oldest fork first. */
export function listConflicts(c: CaseFile, limit = 500): Conflict[] {
  const rows = prepare(
    c,
    `SELECT entity, entity_id AS entityId, field, base_hlc AS baseHlc FROM conflicts
     WHERE settled_at IS NULL ORDER BY base_hlc, entity_id, field LIMIT :limit`,
  ).all({ limit }) as { entity: EntityKind; entityId: string; field: string; baseHlc: string }[];
  return rows.map((row) => describeConflict(c, row));
}

function describeConflict(
  c: CaseFile,
  row: { entity: EntityKind; entityId: string; field: string; baseHlc: string },
): Conflict {
  const changes = prepare(
    c,
    `SELECT ch.value, ch.hlc, ch.author_id AS authorId, au.name AS author FROM changes ch
     JOIN authors au ON au.id = ch.author_id
     WHERE ch.entity_id = :entityId AND ch.field = :field AND ch.prev_hlc = :baseHlc
     ORDER BY ch.hlc, ch.author_id`,
  ).all(row) as { value: string; hlc: string; authorId: string; author: string }[];
  const sides: ConflictSide[] = [];
  const values = new Set<string>();
  for (const change of changes) {
    if (values.has(change.value)) continue;
    values.add(change.value);
    sides.push({
      value: JSON.parse(change.value) as unknown,
      author: change.author,
      authorId: change.authorId,
      at: new Date(parseHlc(change.hlc).wall).toISOString(),
      hlc: change.hlc,
    });
  }
  const record = readEntity(c, row.entity, row.entityId);
  const conflict: Conflict = { ...row, current: record?.[row.field] ?? null, sides, label: row.entityId };
  if (row.entity === 'claim' && record) {
    const source = readEntity(c, 'source', String(record.sourceId));
    Object.assign(conflict, {
      label: String(record.statement),
      quote: String(record.quote),
      sourceId: String(record.sourceId),
      sourceTitle: source ? String(source.title) : undefined,
    });
  } else if (row.entity === 'source' && record) {
    conflict.label = String(record.title);
  } else if (row.entity === 'tag' && record) {
    conflict.label = String(record.name);
  }
  return conflict;
}

/**
 * Settles a conflict by choosing a value: one of its sides or the current value. Choosing a value other than the
 * current one writes it as an ordinary edit (undoable, and it merges like any edit); the settling itself is
 * recorded with who and when and merges by union.
 */
export function settleConflict(
  c: CaseFile,
  input: { entityId: string; field: string; baseHlc: string; value: unknown },
): Conflict {
  return transaction(c, () => {
    const row = prepare(
      c,
      `SELECT entity, entity_id AS entityId, field, base_hlc AS baseHlc, settled_at AS settledAt FROM conflicts
       WHERE entity_id = :entityId AND field = :field AND base_hlc = :baseHlc`,
    ).get(input) as
      | { entity: EntityKind; entityId: string; field: string; baseHlc: string; settledAt: number | null }
      | undefined;
    if (!row) throw new AttestError('not-found', 'There is no such conflict in this case.');
    if (row.settledAt !== null) throw new AttestError('conflict', 'This conflict has already been settled.');
    const conflict = describeConflict(c, row);
    const chosen = JSON.stringify(input.value ?? null);
    const allowed = [conflict.current, ...conflict.sides.map((s) => s.value)].map((v) =>
      JSON.stringify(v ?? null),
    );
    if (!allowed.includes(chosen)) {
      throw badInput('Choose one of the conflicting values or the current one.');
    }
    const action = beginAction(c, `Settle conflict on ${conflict.field}`);
    updateEntity(c, action, row.entity, row.entityId, { [row.field]: input.value ?? null });
    prepare(
      c,
      `UPDATE conflicts SET settled_by = :by, settled_at = :at
       WHERE entity_id = :entityId AND field = :field AND base_hlc = :baseHlc`,
    ).run({ by: c.author.id, at: action.at, entityId: row.entityId, field: row.field, baseHlc: row.baseHlc });
    return { ...conflict, current: input.value ?? null };
  });
}
