// The JSON-safe records the contract returns: what the renderer may know of a case. Times are ISO strings.

export type ClaimStatus = 'draft' | 'verified' | 'disputed' | 'rejected';
export type Reliability = 'A' | 'B' | 'C' | 'D' | 'E' | 'F';
export type TagKind = 'topic' | 'actor' | 'place' | 'organization' | 'event-type';
export type LinkRelation = 'corroborates' | 'contradicts' | 'same-event' | 'repeats';
export type Verdict =
  'citation-ok' | 'quote-mismatch' | 'misattributed' | 'out-of-context' | 'date-wrong' | 'unsupported';
export type BucketUnit = 'day' | 'week' | 'month' | 'year';

export interface CaseSummary {
  caseId: string;
  title: string;
  createdAt: string;
  schemaVersion: number;
  fileName: string;
  analyst: string;
  counts: { sources: number; claims: number; tags: number };
  /** True while the file's full integrity check runs, after opening: it can be read, not yet written. */
  checking: boolean;
}

export interface Preferences {
  analystName: string;
}

export interface UndoState {
  undo: string | null;
  redo: string | null;
}

export interface SourceSummary {
  id: string;
  title: string;
  outlet: string | null;
  author: string | null;
  url: string | null;
  publishedAt: string | null;
  language: string | null;
  reliability: Reliability | null;
  note: string | null;
  /** Ids of the sources this one repeats (marked by the analyst: copies of one story). */
  repeats: string[];
  sha256: string;
  fileName: string;
  format: string;
  length: number;
  claimCount: number;
  tags: string[];
  createdAt: string;
  createdBy: string;
  updatedAt: string;
}

export interface Source extends SourceSummary {
  text: string;
  /** Where each page starts in `text` (page 1 first) for paged formats (PDF); null for the others. See pageAt. */
  pages: number[] | null;
}

export type ImportResult =
  | {
      fileName: string;
      ok: true;
      id: string;
      title: string;
      publishedAt: string | null;
      sha256: string;
      duplicate: boolean;
      /** Live sources whose text is a near-copy of this one; empty for a duplicate. */
      repeats: NearCopy[];
    }
  | { fileName: string; ok: false; error: string };

/** A source whose text is nearly the same as another's: the same story, edited. */
export interface NearCopy {
  sourceId: string;
  title: string;
  outlet: string | null;
  /** Estimated share of five-word sequences the two texts have in common (Jaccard), 0..1. */
  similarity: number;
}

export interface Claim {
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

export interface HistoryEntry {
  at: string;
  hlc: string;
  author: string;
  authorId: string;
  action: string;
  actionKind: 'do' | 'undo' | 'redo';
  entity: string;
  entityId: string;
  field: string;
  value: unknown;
  /** For a tag membership (entity 'claimTag'): the tag's path, or its name once retired. */
  tag?: string;
}

export interface Tag {
  id: string;
  path: string;
  name: string;
  parentId: string | null;
  kind: TagKind;
  color: string | null;
  description: string | null;
  claimCount: number;
  sourceCount: number;
}

export interface Link {
  id: string;
  fromClaimId: string;
  toClaimId: string;
  relation: LinkRelation;
  note: string | null;
  createdAt: string;
  createdBy: string;
}

export interface Review {
  id: string;
  claimId: string;
  verdict: Verdict;
  comment: string | null;
  reviewer: string;
  reviewedAt: string;
  stale: boolean;
}

export interface SearchHit {
  kind: 'source' | 'claim';
  id: string;
  sourceId: string;
  title: string;
  snippet: string;
  marks: [number, number][];
  rank: number;
}

export interface TimelineItem {
  id: string;
  sourceId: string;
  statement: string;
  date: string;
  earliest: string;
  latest: string | null;
  exact: boolean;
  status: string;
  claimant: string | null;
  tags: string[];
  actors: string[];
}

export interface Bucket {
  start: string;
  count: number;
}

export interface BrokenCitation {
  claimId: string;
  sourceId: string;
  problem: 'source-missing' | 'source-altered' | 'hash-mismatch' | 'quote-mismatch' | 'context-mismatch';
  message: string;
  expected?: string;
  found?: string;
}

export interface VerifyReport {
  ok: boolean;
  claims: number;
  sources: number;
  broken: BrokenCitation[];
}

export type ReviewQueueState = 'broken' | 'stale' | 'unreviewed' | 'reviewed';

/** One claim in the reviewer's queue: broken citations first, then stale verdicts, unreviewed, reviewed. */
export interface ReviewQueueItem {
  claim: Claim;
  state: ReviewQueueState;
  /** The newest verdict, if any; stale when the claim was edited since. */
  latest: Review | null;
  /** What verify finds wrong with the citation; empty when it holds. */
  problems: BrokenCitation[];
}

export interface ReviewQueue {
  items: ReviewQueueItem[];
  progress: { total: number; reviewed: number; stale: number; broken: number };
}

export type EntityKind = 'source' | 'claim' | 'tag' | 'claimTag' | 'sourceTag' | 'link' | 'review';

export interface MergeKindSummary {
  added: number;
  updated: number;
  unchanged: number;
  conflicts: number;
}

/** What a merge did: per kind of record, and the open conflicts left in the case. */
export interface MergeSummary {
  name: string;
  changes: number;
  kinds: Record<EntityKind, MergeKindSummary>;
  openConflicts: number;
}

export interface ConflictSide {
  value: unknown;
  author: string;
  authorId: string;
  at: string;
  hlc: string;
}

/** Two or more values written to one field from the same starting point, waiting for a person. */
export interface Conflict {
  entity: EntityKind;
  entityId: string;
  field: string;
  baseHlc: string;
  current: unknown;
  sides: ConflictSide[];
  label: string;
  quote?: string;
  sourceId?: string;
  sourceTitle?: string;
}

/** Why an imported Web Annotation did not become a claim. */
export type AnnotationProblem =
  | 'not-an-annotation'
  | 'no-anchor'
  | 'several-targets'
  | 'source-unknown'
  | 'source-ambiguous'
  | 'quote-not-found'
  | 'quote-ambiguous'
  | 'no-statement'
  | 'bad-field'
  | 'duplicate';

/** What `annotation.import` did with each annotation of the file: a claim, or the reason there is none. */
export interface AnnotationImportResult {
  fileName: string;
  annotations: number;
  created: { annotation: string; claimId: string; sourceId: string; matchedBy: 'sha256' | 'url' | 'text' }[];
  refused: { annotation: string; problem: AnnotationProblem; message: string }[];
}

/** A candidate claim: a sentence of a source with what Attest read in it, for the analyst to accept or dismiss. */
export interface Suggestion {
  /** Derived from source and span; the id its dismissal is kept under. */
  id: string;
  start: number;
  end: number;
  quote: string;
  kind: 'event' | 'statement' | 'allegation' | 'figure' | 'context';
  /** EDTF, or null. */
  date: string | null;
  datePrecision: 'day' | 'week' | 'month' | 'year' | 'range' | null;
  /** The words the date was read from ("last Sunday"). */
  dateText: string | null;
  claimant: string | null;
  entities: {
    name: string;
    kind: 'person' | 'organization' | 'place' | 'actor' | 'armed-group';
    aliases: string[];
    tagId: string | null;
    tagPath: string | null;
  }[];
  /** A live claim cites exactly these words already. */
  claimed: boolean;
}
