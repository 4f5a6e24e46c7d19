// The one API between the UI and the engine: every method's name, its zod input schema and its result type.
// Pure TypeScript: the renderer, the desktop shell, browser mode and the CLI all speak exactly this.
import { z } from 'zod';
import type * as T from './types.ts';

export type * from './types.ts';
export { pageAt, pageLabel } from './pages.ts';

const id = z.string().min(1, 'an id is required').max(100);
const text = (max: number) => z.string().max(max);
const optionalText = (max: number) => text(max).nullable().optional();
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day written YYYY-MM-DD');
const tagPath = z.string().trim().min(1, 'a tag path is required, like Actors/M23').max(1000);

const claimStatus = z.enum(['draft', 'verified', 'disputed', 'rejected']);
const tagKind = z.enum(['topic', 'actor', 'place', 'organization', 'event-type']);
const relation = z.enum(['corroborates', 'contradicts', 'same-event', 'repeats']);
const verdict = z.enum([
  'citation-ok',
  'quote-mismatch',
  'misattributed',
  'out-of-context',
  'date-wrong',
  'unsupported',
]);

const claimFilter = {
  sourceId: id.optional(),
  tag: tagPath.optional(),
  status: claimStatus.optional(),
  claimant: text(500).optional(),
  from: day.optional(),
  to: day.optional(),
};

const claimFields = {
  claimant: optionalText(500),
  date: optionalText(200),
  place: optionalText(500),
  actors: z.array(text(500)).max(100).optional(),
  eventType: optionalText(200),
  credibility: z.number().int().min(1).max(6).nullable().optional(),
  status: claimStatus.optional(),
  note: optionalText(10_000),
};

const sourceFields = {
  title: text(500).optional(),
  outlet: optionalText(300),
  author: optionalText(300),
  url: optionalText(2000),
  publishedAt: optionalText(40),
  language: optionalText(35),
  reliability: z.enum(['A', 'B', 'C', 'D', 'E', 'F']).nullable().optional(),
  note: optionalText(10_000),
};

const tagOptions = {
  kind: tagKind.optional(),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'a color written #rrggbb')
    .nullable()
    .optional(),
  description: optionalText(2000),
};

/** Largest file the UI may send for import, before base64 (the engine's own limit is the same). */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

/** Largest case file the browser UI may send for a merge, before base64: browser mode takes request bodies up to
 * 96 MiB. The desktop menu and the CLI pass a path, which has no such limit. */
export const MAX_MERGE_BYTES = 64 * 1024 * 1024;

interface MethodSpec<I extends z.ZodType, O> {
  input: I;
  /** Phantom: the result type, for the typed client. Never read at run time. */
  output?: O;
}

const method =
  <O>() =>
  <I extends z.ZodType>(input: I): MethodSpec<I, O> => ({ input });

const none = z.strictObject({});

export const contract = {
  'case.info': method<T.CaseSummary>()(none),
  'preferences.get': method<T.Preferences>()(none),
  'preferences.set': method<T.Preferences>()(
    z.strictObject({ analystName: z.string().trim().min(1).max(200) }),
  ),
  'history.state': method<T.UndoState>()(none),
  'history.undo': method<{ undone: string | null } & T.UndoState>()(none),
  'history.redo': method<{ redone: string | null } & T.UndoState>()(none),

  'source.import': method<T.ImportResult[]>()(
    z.strictObject({
      files: z
        .array(
          z.strictObject({
            fileName: z.string().min(1).max(500),
            // base64 of at most MAX_IMPORT_BYTES bytes
            dataBase64: z.string().max(Math.ceil(MAX_IMPORT_BYTES / 3) * 4),
          }),
        )
        .min(1)
        .max(1000),
    }),
  ),
  'source.list': method<T.SourceSummary[]>()(
    z.strictObject({
      tag: tagPath.optional(),
      outlet: text(300).optional(),
      from: day.optional(),
      to: day.optional(),
    }),
  ),
  'source.get': method<T.Source>()(z.strictObject({ id })),
  'source.update': method<T.Source>()(
    z.strictObject({
      id,
      ...sourceFields,
      tags: z.array(tagPath).max(100).optional(),
      untag: z.array(tagPath).max(100).optional(),
    }),
  ),
  'source.delete': method<{ deleted: true }>()(z.strictObject({ id })),
  /** Near-copies of a source among the case's live sources, most similar first. */
  'source.repeats': method<T.NearCopy[]>()(z.strictObject({ sourceId: id })),
  /** Marks a source as a repeat of another (not independent corroboration); undoable. */
  'source.markRepeat': method<T.Source>()(z.strictObject({ sourceId: id, repeatsId: id })),
  'source.unmarkRepeat': method<T.Source>()(z.strictObject({ sourceId: id, repeatsId: id })),

  'claim.create': method<T.Claim>()(
    z.strictObject({
      sourceId: id,
      start: z.number().int().min(0).optional(),
      end: z.number().int().min(1).optional(),
      quote: text(100_000).optional(),
      occurrence: z.number().int().min(1).optional(),
      statement: text(10_000),
      ...claimFields,
      tags: z.array(tagPath).max(100).optional(),
    }),
  ),
  'claim.update': method<T.Claim>()(
    z.strictObject({
      id,
      statement: text(10_000).optional(),
      ...claimFields,
      tags: z.array(tagPath).max(100).optional(),
      untag: z.array(tagPath).max(100).optional(),
    }),
  ),
  /** One edit of many claims (the claims table's bulk actions): one step for Undo. */
  'claim.bulkUpdate': method<{ updated: number }>()(
    z.strictObject({
      ids: z.array(id).min(1).max(100_000),
      status: claimStatus.optional(),
      tags: z.array(tagPath).max(100).optional(),
      untag: z.array(tagPath).max(100).optional(),
    }),
  ),
  'claim.delete': method<{ deleted: true }>()(z.strictObject({ id })),
  'claim.get': method<T.Claim>()(z.strictObject({ id })),
  'claim.list': method<T.Claim[]>()(
    z.strictObject({
      ...claimFilter,
      limit: z.number().int().min(1).max(100_000).optional(),
      offset: z.number().int().min(0).optional(),
    }),
  ),
  'claim.history': method<T.HistoryEntry[]>()(z.strictObject({ id })),

  'tag.list': method<T.Tag[]>()(none),
  'tag.add': method<T.Tag>()(z.strictObject({ path: tagPath, ...tagOptions })),
  'tag.update': method<T.Tag>()(z.strictObject({ path: tagPath, ...tagOptions })),
  'tag.rename': method<T.Tag>()(z.strictObject({ path: tagPath, newPath: tagPath })),
  'tag.merge': method<T.Tag>()(z.strictObject({ from: tagPath, into: tagPath })),
  'tag.delete': method<{ deleted: true }>()(z.strictObject({ path: tagPath })),

  'link.create': method<T.Link>()(
    z.strictObject({ fromClaimId: id, toClaimId: id, relation, note: text(2000).optional() }),
  ),
  'link.delete': method<{ deleted: true }>()(z.strictObject({ id })),
  'link.list': method<T.Link[]>()(z.strictObject({ claimId: id.optional() })),

  'review.add': method<T.Review>()(
    z.strictObject({ claimId: id, verdict, comment: text(10_000).optional() }),
  ),
  'review.list': method<T.Review[]>()(z.strictObject({ claimId: id })),

  'search.query': method<T.SearchHit[]>()(
    z.strictObject({
      query: text(1000),
      prefix: z.boolean().optional(),
      kinds: z
        .array(z.enum(['source', 'claim']))
        .max(2)
        .optional(),
      limit: z.number().int().min(1).max(500).optional(),
      /** false: which records match, without snippets (each hit's snippet is empty). */
      snippets: z.boolean().optional(),
      ...claimFilter,
    }),
  ),
  'timeline.window': method<{ items: T.TimelineItem[]; truncated: boolean }>()(
    z.strictObject({
      ...claimFilter,
      from: day,
      to: day,
      limit: z.number().int().min(1).max(20_000).optional(),
    }),
  ),
  'timeline.buckets': method<T.Bucket[]>()(
    z.strictObject({ ...claimFilter, from: day, to: day, unit: z.enum(['day', 'week', 'month', 'year']) }),
  ),
  'timeline.undated': method<{ count: number; ids: string[] }>()(
    z.strictObject({
      sourceId: id.optional(),
      tag: tagPath.optional(),
      status: claimStatus.optional(),
      claimant: text(500).optional(),
    }),
  ),

  'verify.run': method<T.VerifyReport>()(none),
  'export.json': method<Record<string, unknown>>()(none),
  'export.csv': method<{ csv: string }>()(none),
  /** How many claims meet a filter: the claims table's row count, without loading the rows. */
  'claim.count': method<{ count: number }>()(z.strictObject({ ...claimFilter })),
  'review.queue': method<T.ReviewQueue>()(none),

  /**
   * Merges another case (an .attest file or a JSON export) into the open one. The desktop shell and the CLI
   * pass the path the analyst chose; the browser UI sends the file's bytes.
   */
  'case.merge': method<T.MergeSummary>()(
    z.union([
      z.strictObject({ path: z.string().min(1).max(4096) }),
      z.strictObject({
        fileName: z.string().min(1).max(500),
        dataBase64: z.string().max(Math.ceil(MAX_MERGE_BYTES / 3) * 4),
      }),
    ]),
  ),
  'conflict.list': method<T.Conflict[]>()(none),
  'conflict.settle': method<T.Conflict>()(
    z.strictObject({
      entityId: id,
      field: z.string().min(1).max(100),
      baseHlc: z.string().regex(/^\d{15}-\d{6}$/, 'a clock value'),
      value: z.json(),
    }),
  ),
  /** Every live claim as a W3C Web Annotation, in one AnnotationCollection (JSON-LD). */
  'export.annotations': method<Record<string, unknown>>()(none),
  /** The citation report, as Markdown or as one self-contained HTML file. */
  'export.report': method<{ text: string }>()(
    z.strictObject({ format: z.enum(['markdown', 'html']), groupBy: z.enum(['tag', 'date']).optional() }),
  ),
  /** Web Annotations from one JSON file (sent as base64, like source.import) become claims on known sources. */
  'annotation.import': method<T.AnnotationImportResult>()(
    z.strictObject({
      fileName: z.string().min(1).max(500),
      dataBase64: z.string().max(Math.ceil(MAX_IMPORT_BYTES / 3) * 4),
    }),
  ),
  /** Candidate claims of a source (sentences with date, claimant, entities), without the dismissed ones. */
  'suggestion.list': method<T.Suggestion[]>()(z.strictObject({ sourceId: id })),
  'suggestion.dismiss': method<{ id: string }>()(
    z.strictObject({ sourceId: id, start: z.number().int().min(0), end: z.number().int().min(1) }),
  ),
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = NonNullable<Contract[M]['output']>;

export const methodNames = Object.keys(contract) as MethodName[];

export const isMethodName = (name: unknown): name is MethodName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);

export type ViewName =
  'library' | 'reader' | 'claims' | 'timeline' | 'review' | 'codebook' | 'compare' | 'conflicts';

/**
 * What a desktop menu item asks of the renderer. Undo and Redo go through the renderer so that, while a text
 * field has focus, they act on its text rather than on the case.
 */
export type MenuCommand =
  { command: 'find' } | { command: 'undo' } | { command: 'redo' } | { command: 'view'; view: ViewName };

/** Push events from the engine and the desktop shell to the UI. */
export interface Events {
  'import.progressed': { done: number; total: number };
  'case.changed': { method: MethodName };
  /** The desktop shell merged a case file chosen from its menu: the conflicts view shows the result. */
  'case.merged': T.MergeSummary;
  /** A case was opened or created in place of the open one: every view reloads. */
  'case.opened': { fileName: string };
  /**
   * The open case's full integrity check, which ran while it was already being read, has its verdict: problem
   * null when the file is sound (it can now be written); otherwise the case was closed and problem says why, in
   * the words opening a damaged file uses.
   */
  'case.checked': { fileName: string; problem: string | null };
  'menu.command': MenuCommand;
}

/**
 * The one Content Security Policy of every page of Attest (desktop and browser mode): our own files only,
 * no eval, no plugins, no frames, no forms. Inline styles are allowed because React sets `style` attributes.
 * https://www.electronjs.org/docs/latest/tutorial/security#7-define-a-content-security-policy
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');
export type EventName = keyof Events;

/** Every error a call can give; `message` is written for a person, never a stack or a path. */
export type ErrorCode =
  | 'bad-input'
  | 'not-found'
  | 'conflict'
  | 'not-a-case'
  | 'corrupt'
  | 'newer-version'
  | 'untrusted-schema'
  | 'io'
  | 'internal'
  | 'unknown-method'
  | 'unauthorized'
  | 'forbidden'
  | 'too-large';

export const ERROR_CODES: readonly ErrorCode[] = [
  'bad-input',
  'not-found',
  'conflict',
  'not-a-case',
  'corrupt',
  'newer-version',
  'untrusted-schema',
  'io',
  'internal',
  'unknown-method',
  'unauthorized',
  'forbidden',
  'too-large',
];

export type Result<V> = { ok: true; value: V } | { ok: false; error: { code: ErrorCode; message: string } };

/** What a transport offers the renderer: one generic call and event subscription. */
export interface Transport {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}
