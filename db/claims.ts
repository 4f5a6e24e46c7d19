// Claims: the analyst's statements anchored to exact words of a source, and their fields.
// Invariant on every write (and checked by verify): source.text.slice(start, end) === quote.
import { createHash } from 'node:crypto';
import type { CaseFile } from './caseFile.ts';
import { prepare, transaction } from './caseFile.ts';
import { parseDay, parseEventDate } from './dates.ts';
import { badInput, notFound } from './errors.ts';
import { beginAction, insertEntity, readEntity, setDerive, updateEntity, type Action } from './history.ts';
import { newId } from './ids.ts';
import { normalizeText } from './ingest/normalize.ts';
import { ensureTag, findTag, resolveTag, tagAndDescendants, tagClaim, tagPathsOf } from './tags.ts';

export const CLAIM_STATUSES = ['draft', 'verified', 'disputed', 'rejected'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** Characters of context kept on each side of a quote (W3C Web Annotation TextQuoteSelector prefix/suffix). */
export const CONTEXT_LENGTH = 32;

export interface ClaimFields {
  statement?: string;
  claimant?: string | null;
  date?: string | null;
  place?: string | null;
  actors?: string[];
  eventType?: string | null;
  credibility?: number | null;
  status?: ClaimStatus;
  note?: string | null;
}

export type ClaimAnchor =
  { sourceId: string; start: number; end: number } | { sourceId: string; quote: string; occurrence?: number };

export interface ClaimRow {
  id: string;
  sourceId: string;
  start: number;
  end: number;
  quote: string;
  prefix: string;
  suffix: string;
  sourceSha256: string;
  statement: string;
  claimant: string | null;
  date: string | null;
  earliest: string | null;
  latest: string | null;
  place: string | null;
  actors: string[];
  eventType: string | null;
  credibility: number | null;
  status: ClaimStatus;
  note: string | null;
  tags: string[];
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

setDerive('claim', (fields) => {
  const date = fields.date as string | null | undefined;
  if (!date) return { earliest: null, latest: null };
  const parsed = parseEventDate(date);
  return { earliest: parsed.earliest, latest: parsed.latest };
});

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** The context around [start, end), cut so that no character's surrogate pair is split. */
function contextOf(text: string, start: number, end: number): { prefix: string; suffix: string } {
  let from = Math.max(0, start - CONTEXT_LENGTH);
  if (from > 0 && isLowSurrogate(text.charCodeAt(from))) from += 1;
  let to = Math.min(text.length, end + CONTEXT_LENGTH);
  if (to < text.length && isLowSurrogate(text.charCodeAt(to))) to -= 1;
  return { prefix: text.slice(from, start), suffix: text.slice(end, to) };
}

function occurrences(text: string, quote: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) found.push(at);
  return found;
}

const fold = (s: string) => s.replace(/\s+/g, ' ').toLowerCase();

function sourceForClaim(c: CaseFile, sourceId: string): { text: string; sha256: string } {
  const source = prepare(c, 'SELECT text, sha256, deleted FROM sources WHERE id = ?').get(sourceId) as
    { text: string; sha256: string; deleted: number } | undefined;
  if (!source || source.deleted) throw notFound(`There is no source with id ${sourceId} in this case.`);
  return source;
}

/** Turns an anchor (offsets, or a quote and which occurrence) into checked offsets. */
export function resolveAnchor(text: string, anchor: ClaimAnchor): { start: number; end: number } {
  if ('quote' in anchor) {
    const quote = normalizeText(anchor.quote);
    if (quote.trim() === '') throw badInput('The quote is empty: give the exact words of the source.');
    const found = occurrences(text, quote);
    if (found.length === 0) {
      const near = fold(text).includes(fold(quote))
        ? ' Words like it are there with different spacing or capitals: copy them exactly.'
        : '';
      throw badInput(`The quote "${quote.slice(0, 80)}" is not in the source.${near}`);
    }
    const occurrence = anchor.occurrence;
    if (occurrence === undefined && found.length > 1) {
      throw badInput(
        `The quote appears ${found.length} times in the source; say which with an occurrence from 1 to ${found.length}.`,
      );
    }
    const index = (occurrence ?? 1) - 1;
    if (!Number.isInteger(occurrence ?? 1) || index < 0 || index >= found.length) {
      throw badInput(
        `The quote appears ${found.length} time${found.length === 1 ? '' : 's'}; occurrence ${occurrence} does not exist.`,
      );
    }
    return { start: found[index]!, end: found[index]! + quote.length };
  }
  const { start, end } = anchor;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start || end > text.length) {
    throw badInput(
      `The offsets ${start}..${end} are not a span of the source (0..${text.length}, start before end).`,
    );
  }
  if (isLowSurrogate(text.charCodeAt(start)) || (end < text.length && isLowSurrogate(text.charCodeAt(end)))) {
    throw badInput(`The offsets ${start}..${end} cut a character in two.`);
  }
  return { start, end };
}

function checkFields(fields: ClaimFields, creating: boolean): ClaimFields {
  const clean: ClaimFields = {};
  const text = (value: string | null | undefined, what: string, max = 10_000): string | null | undefined => {
    if (value === undefined || value === null) return value;
    if (typeof value !== 'string') throw badInput(`The ${what} must be text.`);
    const trimmed = value.normalize('NFC').trim();
    if (trimmed.length > max) throw badInput(`The ${what} is longer than ${max} characters.`);
    return trimmed === '' ? null : trimmed;
  };
  if (fields.statement !== undefined || creating) {
    const statement = text(fields.statement ?? '', 'statement');
    if (!statement)
      throw badInput('A claim needs a statement: say in your own words what the source claims.');
    clean.statement = statement;
  }
  if (fields.claimant !== undefined) clean.claimant = text(fields.claimant, 'claimant', 500);
  if (fields.place !== undefined) clean.place = text(fields.place, 'place', 500);
  if (fields.eventType !== undefined) clean.eventType = text(fields.eventType, 'event type', 200);
  if (fields.note !== undefined) clean.note = text(fields.note, 'note');
  if (fields.date !== undefined)
    clean.date = fields.date === null || fields.date.trim() === '' ? null : parseEventDate(fields.date).date;
  if (fields.actors !== undefined) {
    if (!Array.isArray(fields.actors)) throw badInput('The actors must be a list of names.');
    clean.actors = [
      ...new Set(fields.actors.map((a) => text(a, 'actor', 500)).filter((a): a is string => !!a)),
    ];
  }
  if (fields.credibility !== undefined && fields.credibility !== null) {
    if (!Number.isInteger(fields.credibility) || fields.credibility < 1 || fields.credibility > 6) {
      throw badInput('Credibility is a whole number from 1 (confirmed) to 6 (cannot be judged).');
    }
  }
  if (fields.credibility !== undefined) clean.credibility = fields.credibility;
  if (fields.status !== undefined) {
    if (!CLAIM_STATUSES.includes(fields.status)) {
      throw badInput(`"${fields.status}" is not a claim status; use one of ${CLAIM_STATUSES.join(', ')}.`);
    }
    clean.status = fields.status;
  }
  return clean;
}

export interface CreateClaimInput extends ClaimFields {
  anchor: ClaimAnchor;
  statement: string;
  tags?: string[];
}

export function createClaimIn(c: CaseFile, action: Action, input: CreateClaimInput): string {
  // Many claims in one action (a bulk entry) share their sources and tags: look each up once.
  const sourceKey = `source:${input.anchor.sourceId}`;
  let source = action.memo.get(sourceKey) as { text: string; sha256: string } | undefined;
  if (!source) {
    source = sourceForClaim(c, input.anchor.sourceId);
    action.memo.set(sourceKey, source);
  }
  const { start, end } = resolveAnchor(source.text, input.anchor);
  const fields = checkFields(input, true);
  const id = newId();
  insertEntity(c, action, 'claim', id, {
    sourceId: input.anchor.sourceId,
    sourceSha256: source.sha256,
    start,
    end,
    quote: source.text.slice(start, end),
    ...contextOf(source.text, start, end),
    claimant: null,
    date: null,
    place: null,
    actors: [],
    eventType: null,
    credibility: null,
    status: 'draft',
    note: null,
    ...fields,
  });
  const tagIds = new Set(
    (input.tags ?? []).map((path) => {
      const key = `tag:${path}`;
      let tagId = action.memo.get(key) as string | undefined;
      if (!tagId) {
        tagId = findTag(c, path) ?? ensureTag(c, action, path);
        action.memo.set(key, tagId);
      }
      return tagId;
    }),
  );
  for (const tagId of tagIds) tagClaim(c, action, id, tagId, true, true);
  return id;
}

export function createClaim(c: CaseFile, input: CreateClaimInput): ClaimRow {
  const id = transaction(c, () => createClaimIn(c, beginAction(c, 'Create claim'), input));
  return getClaim(c, id);
}

export interface UpdateClaimInput extends ClaimFields {
  tags?: string[];
  untag?: string[];
}

export function updateClaim(c: CaseFile, id: string, input: UpdateClaimInput): ClaimRow {
  liveClaim(c, id);
  const fields = checkFields(input, false);
  transaction(c, () => {
    const action = beginAction(c, 'Edit claim');
    updateEntity(c, action, 'claim', id, { ...fields });
    for (const path of input.tags ?? []) tagClaim(c, action, id, ensureTag(c, action, path));
    for (const path of input.untag ?? []) tagClaim(c, action, id, resolveTag(c, path), false);
  });
  return getClaim(c, id);
}

/** The edits a selection of claims can take together. */
export interface BulkClaimEdit {
  status?: ClaimStatus;
  tags?: string[];
  untag?: string[];
}

/**
 * Edits many claims as one action, so one Undo takes the whole bulk edit back. Refuses (changing nothing) when
 * any id is not a live claim. Returns how many claims changed.
 */
export function updateClaims(c: CaseFile, ids: readonly string[], input: BulkClaimEdit): number {
  const unique = [...new Set(ids)];
  for (const id of unique) liveClaim(c, id);
  const fields = checkFields({ status: input.status }, false);
  return transaction(c, () => {
    const action = beginAction(c, unique.length === 1 ? 'Edit claim' : `Edit ${unique.length} claims`);
    const tagIds = (input.tags ?? []).map((path) => ensureTag(c, action, path));
    const untagIds = (input.untag ?? []).map((path) => resolveTag(c, path));
    let changed = 0;
    for (const id of unique) {
      let any = updateEntity(c, action, 'claim', id, { ...fields }).length > 0;
      for (const tagId of tagIds) any = tagClaim(c, action, id, tagId) || any;
      for (const tagId of untagIds) any = tagClaim(c, action, id, tagId, false) || any;
      if (any) changed += 1;
    }
    return changed;
  });
}

export function deleteClaim(c: CaseFile, id: string): void {
  liveClaim(c, id);
  transaction(c, () => updateEntity(c, beginAction(c, 'Delete claim'), 'claim', id, { deleted: true }));
}

function liveClaim(c: CaseFile, id: string): void {
  const row = readEntity(c, 'claim', id);
  if (!row || row.deleted) throw notFound(`There is no claim with id ${id} in this case.`);
}

const SELECT_CLAIM = `
  SELECT c.id, c.source_id AS sourceId, c.quote_start AS start, c.quote_end AS "end", c.quote, c.prefix, c.suffix,
    c.source_sha256 AS sourceSha256, c.statement, c.claimant, c.event_date AS date, c.earliest, c.latest,
    c.place, c.actors, c.event_type AS eventType, c.credibility, c.status, c.note,
    c.created_at AS createdAt, cb.name AS createdBy, c.updated_at AS updatedAt, ub.name AS updatedBy
  FROM claims c JOIN authors cb ON cb.id = c.created_by JOIN authors ub ON ub.id = c.updated_by`;

type RawClaim = Omit<ClaimRow, 'actors' | 'tags' | 'createdAt' | 'updatedAt'> & {
  actors: string;
  createdAt: number;
  updatedAt: number;
};

function toClaimRows(c: CaseFile, raws: RawClaim[]): ClaimRow[] {
  const tags = tagPathsOf(
    c,
    'claim',
    raws.map((r) => r.id),
  );
  return raws.map((r) => ({
    ...r,
    actors: JSON.parse(r.actors) as string[],
    tags: tags.get(r.id) ?? [],
    createdAt: new Date(r.createdAt).toISOString(),
    updatedAt: new Date(r.updatedAt).toISOString(),
  }));
}

export function getClaim(c: CaseFile, id: string): ClaimRow {
  const raw = prepare(c, `${SELECT_CLAIM} WHERE c.id = ? AND c.deleted = 0`).get(id) as RawClaim | undefined;
  if (!raw) throw notFound(`There is no claim with id ${id} in this case.`);
  return toClaimRows(c, [raw])[0]!;
}

export interface ClaimFilter {
  sourceId?: string;
  tag?: string;
  status?: ClaimStatus;
  claimant?: string;
  /** Claims whose event dates meet the window [from, to] (days, inclusive). */
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

/** SQL conditions and parameters for a claim filter; shared by the claims list, search and the timeline. */
export function claimConditions(
  c: CaseFile,
  filter: ClaimFilter,
  alias = 'c',
): { where: string[]; params: Record<string, unknown> } {
  const where = [`${alias}.deleted = 0`];
  const params: Record<string, unknown> = {};
  if (filter.sourceId) {
    where.push(`${alias}.source_id = :sourceId`);
    params.sourceId = filter.sourceId;
  }
  if (filter.status) {
    if (!CLAIM_STATUSES.includes(filter.status)) {
      throw badInput(`"${filter.status}" is not a claim status; use one of ${CLAIM_STATUSES.join(', ')}.`);
    }
    where.push(`${alias}.status = :status`);
    params.status = filter.status;
  }
  if (filter.claimant) {
    where.push(`${alias}.claimant = :claimant COLLATE NOCASE`);
    params.claimant = filter.claimant;
  }
  if (filter.tag) {
    where.push(
      `${alias}.id IN (SELECT claim_id FROM claim_tags WHERE deleted = 0 AND tag_id IN (SELECT value FROM json_each(:tagIds)))`,
    );
    params.tagIds = JSON.stringify(tagAndDescendants(c, resolveTag(c, filter.tag)));
  }
  const from = filter.from ? parseDay(filter.from, 'The start of the date window') : undefined;
  const to = filter.to ? parseDay(filter.to, 'The end of the date window') : undefined;
  if (from && to && from > to) throw badInput(`The date window starts (${from}) after it ends (${to}).`);
  if (to) {
    where.push(`${alias}.earliest IS NOT NULL AND ${alias}.earliest <= :to`);
    params.to = to;
  }
  if (from) {
    where.push(`(${alias}.latest >= :from OR (${alias}.latest IS NULL AND ${alias}.earliest IS NOT NULL))`);
    params.from = from;
  }
  return { where, params };
}

export function listClaims(c: CaseFile, filter: ClaimFilter = {}): ClaimRow[] {
  const { where, params } = claimConditions(c, filter);
  // No limit given: every claim (LIMIT -1 is SQLite's "no limit").
  const limit = filter.limit === undefined ? -1 : Math.max(Math.trunc(filter.limit), 1);
  const raws = c.db
    .prepare(
      `${SELECT_CLAIM} WHERE ${where.join(' AND ')}
       ORDER BY c.source_id, c.quote_start, c.id LIMIT :limit OFFSET :offset`,
    )
    .all({ ...params, limit, offset: Math.max(filter.offset ?? 0, 0) }) as RawClaim[];
  return toClaimRows(c, raws);
}

/** How many live claims meet a filter (for counts and paging without loading them). */
export function countClaims(c: CaseFile, filter: ClaimFilter = {}): number {
  const { where, params } = claimConditions(c, filter);
  return c.db
    .prepare(`SELECT count(*) FROM claims c WHERE ${where.join(' AND ')}`)
    .pluck()
    .get(params) as number;
}

/** The hash of what a reviewer judges: the anchor and every field; a later edit changes it. */
export function claimHash(
  claim: Pick<
    ClaimRow,
    | 'sourceId'
    | 'start'
    | 'end'
    | 'quote'
    | 'statement'
    | 'claimant'
    | 'date'
    | 'place'
    | 'actors'
    | 'eventType'
  >,
): string {
  const content = [
    claim.sourceId,
    claim.start,
    claim.end,
    claim.quote,
    claim.statement,
    claim.claimant,
    claim.date,
    claim.place,
    claim.actors,
    claim.eventType,
  ];
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}
