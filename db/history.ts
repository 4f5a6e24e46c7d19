// The write path every record goes through: actions, field-level changes with clocks, tombstones, undo/redo.
// Each table's current row is the result of its changes; audit, undo and merge read the changes.
import type { CaseFile } from './caseFile.ts';
import { prepare } from './caseFile.ts';
import { hlcTime } from './clock.ts';
import { AttestError, notFound } from './errors.ts';
import { newId } from './ids.ts';

export type EntityKind = 'source' | 'claim' | 'tag' | 'claimTag' | 'sourceTag' | 'link' | 'review';

type Row = Record<string, unknown>;

interface EntitySpec {
  table: string;
  /** Every field of the record (camelCase) and its column; all but `text` are kept in the creation change. */
  fields: Record<string, string>;
  /** Fields fixed at creation: no change may touch them. */
  immutable: readonly string[];
  /** Fields held as JSON text in their column. */
  json?: readonly string[];
  /** Columns computed from fields after each write. */
  derive?: (fields: Row) => Row;
  fts?: { table: string; columns: readonly string[] };
}

const common = { deleted: 'deleted' };

export const entities: Record<EntityKind, EntitySpec> = {
  source: {
    table: 'sources',
    fields: {
      sha256: 'sha256',
      text: 'text',
      originalSha256: 'original_sha256',
      fileName: 'file_name',
      format: 'format',
      title: 'title',
      outlet: 'outlet',
      author: 'author',
      url: 'url',
      publishedAt: 'published_at',
      language: 'language',
      reliability: 'reliability',
      note: 'note',
      // JSON text (an array of offsets) or null, kept as such in the creation record: fixed with the text.
      pages: 'pages',
      repeats: 'repeats',
      ...common,
    },
    immutable: ['sha256', 'text', 'originalSha256', 'fileName', 'format', 'pages'],
    json: ['repeats'],
    // The ids of the sources this one repeats; none is stored as NULL (the column's meaning), not '[]'.
    derive: (fields) => {
      const repeats = fields.repeats as string[] | null | undefined;
      return { repeats: repeats?.length ? JSON.stringify(repeats) : null };
    },
    fts: { table: 'sources_fts', columns: ['title', 'outlet', 'text'] },
  },
  claim: {
    table: 'claims',
    fields: {
      sourceId: 'source_id',
      sourceSha256: 'source_sha256',
      start: 'quote_start',
      end: 'quote_end',
      quote: 'quote',
      prefix: 'prefix',
      suffix: 'suffix',
      statement: 'statement',
      claimant: 'claimant',
      date: 'event_date',
      place: 'place',
      actors: 'actors',
      eventType: 'event_type',
      credibility: 'credibility',
      status: 'status',
      note: 'note',
      ...common,
    },
    immutable: ['sourceId', 'sourceSha256', 'start', 'end', 'quote', 'prefix', 'suffix'],
    json: ['actors'],
    fts: { table: 'claims_fts', columns: ['statement', 'quote', 'claimant', 'place', 'note'] },
  },
  tag: {
    table: 'tags',
    fields: {
      parentId: 'parent_id',
      name: 'name',
      kind: 'kind',
      color: 'color',
      description: 'description',
      mergedInto: 'merged_into',
      ...common,
    },
    immutable: [],
  },
  claimTag: {
    table: 'claim_tags',
    fields: { claimId: 'claim_id', tagId: 'tag_id', ...common },
    immutable: ['claimId', 'tagId'],
  },
  sourceTag: {
    table: 'source_tags',
    fields: { sourceId: 'source_id', tagId: 'tag_id', ...common },
    immutable: ['sourceId', 'tagId'],
  },
  link: {
    table: 'links',
    fields: {
      fromClaimId: 'from_claim_id',
      toClaimId: 'to_claim_id',
      relation: 'relation',
      note: 'note',
      ...common,
    },
    immutable: ['fromClaimId', 'toClaimId', 'relation'],
  },
  review: {
    table: 'reviews',
    fields: {
      claimId: 'claim_id',
      verdict: 'verdict',
      comment: 'comment',
      claimHash: 'claim_hash',
      ...common,
    },
    immutable: ['claimId', 'verdict', 'comment', 'claimHash'],
  },
};

/** Hooks for columns derived from fields; set by the modules that own them (claims: earliest/latest). */
export function setDerive(kind: EntityKind, derive: (fields: Row) => Row): void {
  entities[kind].derive = derive;
}

export interface Action {
  id: string;
  hlc: string;
  at: number;
  /** Lookups that stay true for the rest of the action (a tag path's id, a source's text), for bulk work. */
  memo: Map<string, unknown>;
}

export type ActionKind = 'do' | 'undo' | 'redo';

/** Written with every action (not once per session): a rolled-back action must not take the author row with it. */
function recordAuthor(c: CaseFile): void {
  prepare(
    c,
    `INSERT INTO authors (id, name) VALUES (:id, :name)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name WHERE name <> excluded.name`,
  ).run(c.author);
}

/** Starts a user action; call inside a transaction. Its changes are undone together. */
export function beginAction(
  c: CaseFile,
  label: string,
  kind: ActionKind = 'do',
  targetId: string | null = null,
): Action {
  if (!c.db.inTransaction) throw new AttestError('internal', 'An action must run inside a transaction.');
  recordAuthor(c);
  const hlc = c.clock.tick();
  const action: Action = { id: newId(), hlc, at: hlcTime(hlc), memo: new Map() };
  prepare(
    c,
    `INSERT INTO actions (id, author_id, hlc, at, kind, label, target_id)
     VALUES (:id, :authorId, :hlc, :at, :kind, :label, :targetId)`,
  ).run({ id: action.id, hlc, at: action.at, authorId: c.author.id, kind, label, targetId });
  c.pendingActions.push(action.id);
  prepare(
    c,
    `INSERT INTO meta (key, value) VALUES ('clock', :hlc) ON CONFLICT (key) DO UPDATE SET value = :hlc`,
  ).run({
    hlc,
  });
  return action;
}

const toColumn = (spec: EntitySpec, field: string, value: unknown): unknown => {
  if (value === undefined) return null;
  if (field === 'deleted') return value ? 1 : 0;
  if (spec.json?.includes(field)) return JSON.stringify(value ?? []);
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
};

const fromColumn = (spec: EntitySpec, field: string, value: unknown): unknown => {
  if (field === 'deleted') return value === 1;
  if (spec.json?.includes(field)) return JSON.parse(String(value ?? '[]'));
  return value;
};

/** The record's fields (camelCase) as they stand, tombstoned or not; null when there is no such record. */
export function readEntity(c: CaseFile, kind: EntityKind, id: string): Row | null {
  const spec = entities[kind];
  const row = prepare(c, `SELECT * FROM ${spec.table} WHERE id = ?`).get(id) as Row | undefined;
  if (!row) return null;
  const fields: Row = { id };
  for (const [field, column] of Object.entries(spec.fields))
    fields[field] = fromColumn(spec, field, row[column]);
  fields.seq = row.seq;
  return fields;
}

const ftsSql = new Map<string, string>();

/** The FTS statement of a kind, its text made once (each write used to build it, and prepare() to hash it). */
function ftsStatementSql(fts: NonNullable<EntitySpec['fts']>, remove: boolean): string {
  const key = `${fts.table}:${remove}`;
  let sql = ftsSql.get(key);
  if (sql === undefined) {
    const placeholders = fts.columns.map(() => '?').join(', ');
    sql = remove
      ? `INSERT INTO ${fts.table} (${fts.table}, rowid, ${fts.columns.join(', ')}) VALUES ('delete', ?, ${placeholders})`
      : `INSERT INTO ${fts.table} (rowid, ${fts.columns.join(', ')}) VALUES (?, ${placeholders})`;
    ftsSql.set(key, sql);
  }
  return sql;
}

function ftsWrite(c: CaseFile, spec: EntitySpec, seq: unknown, fields: Row, remove: boolean): void {
  if (!spec.fts) return;
  const values: unknown[] = [seq];
  for (const field of spec.fts.columns) values.push(fields[field] ?? null);
  prepare(c, ftsStatementSql(spec.fts, remove)).run(values);
}

function insertChange(
  c: CaseFile,
  action: Action,
  kind: EntityKind,
  id: string,
  field: string,
  value: unknown,
  prevHlc: string | null,
): string {
  const hlc = c.clock.tick();
  // Positional parameters: every record written binds these, and binding by name costs about 0.5 us a value.
  prepare(
    c,
    `INSERT INTO changes (action_id, entity, entity_id, field, value, hlc, author_id, prev_hlc)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(action.id, kind, id, field, JSON.stringify(value ?? null), hlc, c.author.id, prevHlc);
  return hlc;
}

/** How a kind's new rows are written: its INSERT, made once, and where derived columns go among its values. */
interface InsertPlan {
  derive: EntitySpec['derive'];
  derivedKeys: readonly string[];
  /** The index in the values of each derived column: a field's own column, or one after the fields. */
  derivedAt: readonly number[];
  fields: readonly [field: string, column: string][];
  sql: string;
}

const insertPlans = new Map<EntityKind, InsertPlan>();
/** The columns every record's row starts with, in the order insertEntity gives their values. */
const STAMP_COLUMNS = ['id', 'created_at', 'created_by', 'updated_at', 'updated_by', 'hlc'];

function insertPlan(kind: EntityKind, spec: EntitySpec, derived: Row | undefined): InsertPlan {
  const keys = derived ? Object.keys(derived) : [];
  const plan = insertPlans.get(kind);
  if (
    plan &&
    plan.derive === spec.derive &&
    plan.derivedKeys.length === keys.length &&
    keys.every((key, i) => plan.derivedKeys[i] === key)
  )
    return plan;
  const fields = Object.entries(spec.fields);
  const columns = [...STAMP_COLUMNS, ...fields.map(([, column]) => column)];
  const derivedAt = keys.map((key) => {
    const at = columns.indexOf(key);
    if (at >= 0) return at;
    columns.push(key);
    return columns.length - 1;
  });
  const made: InsertPlan = {
    derive: spec.derive,
    derivedKeys: keys,
    derivedAt,
    fields,
    sql: `INSERT INTO ${spec.table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
  };
  insertPlans.set(kind, made);
  return made;
}

/** Creates a record; `fields` holds every field of its spec that is not null/default. */
export function insertEntity(c: CaseFile, action: Action, kind: EntityKind, id: string, fields: Row): void {
  const spec = entities[kind];
  const all: Row = { ...fields, deleted: false };
  for (const field in all) {
    if (!(field in spec.fields)) throw new AttestError('internal', `No field ${field} on ${kind}.`);
  }
  const logged: Row = {};
  for (const field in spec.fields) {
    if (field !== 'text' && all[field] !== undefined) logged[field] = all[field];
  }
  const hlc = insertChange(c, action, kind, id, '*', logged, null);
  const seq = insertRow(c, kind, id, [action.at, c.author.id, action.at, c.author.id, hlc], all);
  ftsWrite(c, spec, seq, all, false);
}

/**
 * Inserts a record's row: its stamp (created at and by, updated at and by, clock), every field, and what
 * derive() adds; positional, in the kind's plan's column order. Returns the row's seq.
 */
function insertRow(
  c: CaseFile,
  kind: EntityKind,
  id: string,
  stamp: readonly unknown[],
  fields: Row,
): unknown {
  const spec = entities[kind];
  const derived = spec.derive?.(fields);
  const plan = insertPlan(kind, spec, derived);
  const values: unknown[] = [id, ...stamp];
  for (const [field] of plan.fields) values.push(toColumn(spec, field, fields[field]));
  for (let i = 0; i < plan.derivedKeys.length; i++)
    values[plan.derivedAt[i]!] = derived![plan.derivedKeys[i]!];
  return prepare(c, plan.sql).run(values).lastInsertRowid;
}

/** One recorded change as merge and JSON import read it: `value` is JSON text, `at` its action's time. */
export interface RecordedChange {
  field: string;
  value: string;
  hlc: string;
  authorId: string;
  at: number;
  /** `value` parsed already, when the caller has it. */
  parsed?: unknown;
}

export type MaterializeOutcome = 'added' | 'updated' | 'unchanged';

/** What a rebuild did, and the record's fields as rebuilt (so a caller can check them without reading back). */
export interface Materialized {
  outcome: MaterializeOutcome;
  fields: Row;
}

/**
 * Rebuilds a record's row from all of its changes (oldest first by clock, then author): field-level
 * last-writer-wins, the creation ('*') setting every field it holds. This is what a local write leaves, so a
 * record merged from another case equals the same record written here. `text` is a source's text, which no
 * change holds. Throws 'bad-input' for a record that has changes but no creation.
 */
export function materializeEntity(
  c: CaseFile,
  kind: EntityKind,
  id: string,
  changes: readonly RecordedChange[],
  options: {
    /** A source's text. */
    text?: string;
    /** false when the caller knows there is no row yet (a merge checks a whole batch at once). */
    exists?: boolean;
    /** A new row is left out of full-text search: the caller indexes new rows at once (indexNewRows). */
    indexLater?: boolean;
  } = {},
): Materialized {
  const { text, exists = true, indexLater = false } = options;
  const spec = entities[kind];
  const creation = changes.find((change) => change.field === '*');
  if (!creation) throw new AttestError('bad-input', `A change to ${kind} ${id} has no record it belongs to.`);
  const fields: Row = {};
  for (const change of changes) {
    const value = change.parsed ?? (JSON.parse(change.value) as unknown);
    if (change.field === '*') Object.assign(fields, value as Row);
    else fields[change.field] = value;
  }
  if (kind === 'source') fields.text = text;
  const last = changes[changes.length - 1]!;
  const existing = exists
    ? (prepare(c, `SELECT * FROM ${spec.table} WHERE id = ?`).get(id) as Row | undefined)
    : undefined;
  if (!existing) {
    const stamp = [creation.at, creation.authorId, last.at, last.authorId, last.hlc];
    const seq = insertRow(c, kind, id, stamp, fields);
    if (!fields.deleted && !indexLater) ftsWrite(c, spec, seq, fields, false);
    return { outcome: 'added', fields };
  }
  const columns: Row = {
    created_at: creation.at,
    created_by: creation.authorId,
    updated_at: last.at,
    updated_by: last.authorId,
    hlc: last.hlc,
  };
  for (const [field, column] of Object.entries(spec.fields))
    columns[column] = toColumn(spec, field, fields[field]);
  Object.assign(columns, spec.derive?.(fields));
  const names = Object.keys(columns);
  if (names.every((name) => existing[name] === columns[name])) return { outcome: 'unchanged', fields };
  const before = readEntity(c, kind, id)!;
  if (kind === 'source') fields.text = before.text;
  if (!before.deleted) ftsWrite(c, spec, existing.seq, before, true);
  prepare(c, `UPDATE ${spec.table} SET ${names.map((n) => `${n} = :${n}`).join(', ')} WHERE id = :id`).run({
    ...columns,
    id,
  });
  if (!fields.deleted) ftsWrite(c, spec, existing.seq, fields, false);
  return { outcome: 'updated', fields };
}

/**
 * For rows a caller adds in bulk with `indexLater`: call before adding them; the function returned indexes, in
 * one statement, every live row added since (rows get increasing seq numbers).
 */
export function indexNewRows(c: CaseFile, kind: EntityKind): () => void {
  const spec = entities[kind];
  const fts = spec.fts;
  if (!fts) return () => {};
  const before = (prepare(c, `SELECT max(seq) FROM ${spec.table}`).pluck().get() as number | null) ?? 0;
  return () => {
    prepare(
      c,
      `INSERT INTO ${fts.table} (rowid, ${fts.columns.join(', ')})
       SELECT seq, ${fts.columns.map((field) => spec.fields[field]).join(', ')} FROM ${spec.table}
       WHERE seq > :before AND deleted = 0`,
    ).run({ before });
  };
}

/** The fields a change may name for a kind of record: every field but a source's text (never in a change). */
export function changeableFields(kind: EntityKind): { all: readonly string[]; immutable: readonly string[] } {
  const spec = entities[kind];
  return { all: Object.keys(spec.fields).filter((f) => f !== 'text'), immutable: spec.immutable };
}

/** The clock of the change that set a field's current value (its creation, or its last edit). */
function currentChange(
  c: CaseFile,
  id: string,
  field: string,
): { hlc: string; actionId: string } | undefined {
  return prepare(
    c,
    `SELECT hlc, action_id AS actionId FROM changes WHERE entity_id = :id AND field IN (:field, '*')
     ORDER BY hlc DESC, author_id DESC LIMIT 1`,
  ).get({ id, field }) as { hlc: string; actionId: string } | undefined;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Applies a patch of fields; unchanged fields are skipped. Returns the fields that changed. */
export function updateEntity(
  c: CaseFile,
  action: Action,
  kind: EntityKind,
  id: string,
  patch: Row,
): string[] {
  const spec = entities[kind];
  const current = readEntity(c, kind, id);
  if (!current) throw notFound(`No ${kind} with id ${id}.`);
  const changed = Object.keys(patch).filter(
    (field) => patch[field] !== undefined && !same(patch[field], current[field]),
  );
  if (changed.length === 0) return [];
  for (const field of changed) {
    if (!(field in spec.fields)) throw new AttestError('internal', `No field ${field} on ${kind}.`);
    if (spec.immutable.includes(field))
      throw new AttestError('conflict', `The ${field} of a ${kind} cannot change.`);
  }
  const next: Row = { ...current };
  let hlc = '';
  for (const field of changed) {
    next[field] = patch[field];
    hlc = insertChange(c, action, kind, id, field, patch[field], currentChange(c, id, field)?.hlc ?? null);
  }
  const columns: Row = { updated_at: action.at, updated_by: c.author.id, hlc };
  for (const field of changed) columns[spec.fields[field]!] = toColumn(spec, field, next[field]);
  Object.assign(columns, spec.derive?.(next));
  const assignments = Object.keys(columns).map((column) => `${column} = :${column}`);
  const ftsTouched = spec.fts && changed.some((f) => f === 'deleted' || spec.fts!.columns.includes(f));
  if (ftsTouched && !current.deleted) ftsWrite(c, spec, current.seq, current, true);
  prepare(c, `UPDATE ${spec.table} SET ${assignments.join(', ')} WHERE id = :id`).run({ ...columns, id });
  if (ftsTouched && !next.deleted) ftsWrite(c, spec, current.seq, next, false);
  return changed;
}

interface ChangeRow {
  entity: EntityKind;
  entityId: string;
  field: string;
  value: string;
  hlc: string;
  prevHlc: string | null;
  authorId: string;
}

/** The value a field had before a change: from the change it overwrote (an edit, or the creation). */
function valueBefore(c: CaseFile, change: ChangeRow): unknown {
  if (!change.prevHlc) return undefined;
  const prev = prepare(
    c,
    `SELECT field, value FROM changes WHERE entity_id = :id AND hlc = :hlc AND field IN (:field, '*')`,
  ).get({ id: change.entityId, hlc: change.prevHlc, field: change.field }) as
    { field: string; value: string } | undefined;
  if (!prev) return undefined;
  const value = JSON.parse(prev.value) as unknown;
  return prev.field === '*' ? ((value as Row)[change.field] ?? null) : value;
}

interface StackEntry {
  id: string;
  label: string;
}

/** Replays the analyst's actions into the undo and redo stacks. */
function stacks(c: CaseFile): { done: StackEntry[]; undone: StackEntry[] } {
  const rows = prepare(
    c,
    `SELECT id, kind, label, target_id AS targetId FROM actions WHERE author_id = ? ORDER BY hlc`,
  ).all(c.author.id) as { id: string; kind: ActionKind; label: string; targetId: string | null }[];
  const done: StackEntry[] = [];
  let undone: StackEntry[] = [];
  const labels = new Map(rows.map((r) => [r.id, r.label]));
  for (const row of rows) {
    if (row.kind === 'do') {
      done.push({ id: row.id, label: row.label });
      undone = [];
    } else if (row.kind === 'undo') {
      const index = done.findIndex((e) => e.id === row.targetId);
      if (index >= 0) undone.push(...done.splice(index, 1));
    } else {
      const index = undone.findIndex((e) => e.id === row.targetId);
      if (index >= 0) undone.splice(index, 1);
      done.push({ id: row.targetId!, label: labels.get(row.targetId!) ?? '' });
    }
  }
  return { done, undone };
}

export interface UndoState {
  undo: string | null;
  redo: string | null;
}

/** What Undo and Redo would act on now, by label ("Create claim"), for menus. */
export function undoState(c: CaseFile): UndoState {
  const { done, undone } = stacks(c);
  return { undo: done.at(-1)?.label ?? null, redo: undone.at(-1)?.label ?? null };
}

function changesOf(c: CaseFile, actionId: string): ChangeRow[] {
  return prepare(
    c,
    `SELECT entity, entity_id AS entityId, field, value, hlc, prev_hlc AS prevHlc, author_id AS authorId
     FROM changes WHERE action_id = ? ORDER BY hlc`,
  ).all(actionId) as ChangeRow[];
}

/** Undoes the analyst's last action that is not undone yet. Returns its label, or null when there is none. */
export function undo(c: CaseFile): string | null {
  const { done } = stacks(c);
  const target = done.at(-1);
  if (!target) return null;
  const changes = changesOf(c, target.id).reverse();
  // Someone else's later edit of the same field (of any field, for a creation) wins over an undo:
  // refuse rather than silently overwrite their work.
  for (const change of changes) {
    const later = prepare(
      c,
      `SELECT a.name FROM changes ch JOIN authors a ON a.id = ch.author_id
       WHERE ch.entity_id = :entityId AND ch.hlc > :hlc AND ch.author_id <> :authorId
         AND (:field = '*' OR ch.field IN (:field, 'deleted'))
       ORDER BY ch.hlc DESC LIMIT 1`,
    )
      .pluck()
      .get({ entityId: change.entityId, hlc: change.hlc, authorId: c.author.id, field: change.field }) as
      string | undefined;
    if (later !== undefined) {
      throw new AttestError('conflict', `Cannot undo "${target.label}": ${later} has changed it since.`);
    }
  }
  const action = beginAction(c, target.label, 'undo', target.id);
  for (const change of changes) {
    if (change.field === '*') updateEntity(c, action, change.entity, change.entityId, { deleted: true });
    else
      updateEntity(c, action, change.entity, change.entityId, {
        [change.field]: valueBefore(c, change) ?? null,
      });
  }
  return target.label;
}

/** Redoes the analyst's last undone action. Returns its label, or null when there is none. */
export function redo(c: CaseFile): string | null {
  const { undone } = stacks(c);
  const target = undone.at(-1);
  if (!target) return null;
  const action = beginAction(c, target.label, 'redo', target.id);
  for (const change of changesOf(c, target.id)) {
    if (change.field === '*') updateEntity(c, action, change.entity, change.entityId, { deleted: false });
    else
      updateEntity(c, action, change.entity, change.entityId, { [change.field]: JSON.parse(change.value) });
  }
  return target.label;
}

export interface HistoryEntry {
  at: string;
  hlc: string;
  author: string;
  authorId: string;
  action: string;
  actionKind: ActionKind;
  entity: EntityKind;
  entityId: string;
  field: string;
  value: unknown;
}

/** The audit trail of records: every change, oldest first, with who and when. */
export function historyOf(c: CaseFile, entityIds: readonly string[]): HistoryEntry[] {
  if (entityIds.length === 0) return [];
  const rows = prepare(
    c,
    `SELECT ch.hlc, ch.entity, ch.entity_id AS entityId, ch.field, ch.value, ch.author_id AS authorId,
            au.name AS author, ac.label AS action, ac.kind AS actionKind
     FROM changes ch JOIN authors au ON au.id = ch.author_id JOIN actions ac ON ac.id = ch.action_id
     WHERE ch.entity_id IN (SELECT value FROM json_each(?)) ORDER BY ch.hlc, ch.author_id`,
  ).all(JSON.stringify(entityIds)) as (Omit<HistoryEntry, 'at' | 'value'> & { value: string })[];
  return rows.map((r) => ({ ...r, at: new Date(hlcTime(r.hlc)).toISOString(), value: JSON.parse(r.value) }));
}
