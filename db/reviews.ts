// Reviews: append-only verdicts on a claim, tied to the claim version reviewed (a later edit makes them stale).
import type { CaseFile } from './caseFile.ts';
import { prepare, transaction } from './caseFile.ts';
import { claimHash, getClaim, listClaims, type ClaimRow } from './claims.ts';
import { badInput } from './errors.ts';
import { beginAction, insertEntity } from './history.ts';
import { newId } from './ids.ts';
import { verifyCase, type BrokenCitation } from './verify.ts';

export const VERDICTS = [
  'citation-ok',
  'quote-mismatch',
  'misattributed',
  'out-of-context',
  'date-wrong',
  'unsupported',
] as const;
export type Verdict = (typeof VERDICTS)[number];

export interface ReviewRow {
  id: string;
  claimId: string;
  verdict: Verdict;
  comment: string | null;
  reviewer: string;
  reviewedAt: string;
  /** The claim has been edited since this verdict was given. */
  stale: boolean;
}

export function addReview(c: CaseFile, claimId: string, verdict: Verdict, comment?: string): ReviewRow {
  if (!VERDICTS.includes(verdict))
    throw badInput(`"${verdict}" is not a verdict; use one of ${VERDICTS.join(', ')}.`);
  const text = comment?.normalize('NFC').trim();
  if (text && text.length > 10_000) throw badInput('The comment is longer than 10000 characters.');
  const claim = getClaim(c, claimId);
  const id = newId();
  transaction(c, () => {
    const action = beginAction(c, `Review claim (${verdict})`);
    insertEntity(c, action, 'review', id, {
      claimId,
      verdict,
      comment: text || null,
      claimHash: claimHash(claim),
    });
  });
  return listReviews(c, claimId).find((r) => r.id === id)!;
}

/** Reviews of a claim, oldest first. */
export function listReviews(c: CaseFile, claimId: string): ReviewRow[] {
  const current = claimHash(getClaim(c, claimId));
  const rows = prepare(
    c,
    `SELECT r.id, r.claim_id AS claimId, r.verdict, r.comment, a.name AS reviewer, r.created_at AS reviewedAt,
       r.claim_hash AS claimHash
     FROM reviews r JOIN authors a ON a.id = r.created_by
     WHERE r.claim_id = ? AND r.deleted = 0 ORDER BY r.hlc`,
  ).all(claimId) as (Omit<ReviewRow, 'stale' | 'reviewedAt'> & { reviewedAt: number; claimHash: string })[];
  return rows.map(({ claimHash: hash, ...r }) => ({
    ...r,
    reviewedAt: new Date(r.reviewedAt).toISOString(),
    stale: hash !== current,
  }));
}

export type ReviewQueueState = 'broken' | 'stale' | 'unreviewed' | 'reviewed';

export interface ReviewQueueItem {
  claim: ClaimRow;
  /** Why the claim is where it is in the queue: broken citations first, then stale, unreviewed, reviewed. */
  state: ReviewQueueState;
  /** The newest verdict on the claim, if any (stale when the claim changed since). */
  latest: ReviewRow | null;
  /** What verify finds wrong with the claim's citation; empty when it holds. */
  problems: BrokenCitation[];
}

export interface ReviewQueue {
  items: ReviewQueueItem[];
  progress: {
    total: number;
    /** Claims whose newest verdict was given on their current version. */
    reviewed: number;
    /** Claims whose newest verdict was given on an older version. */
    stale: number;
    /** Claims whose citation verify finds broken. */
    broken: number;
  };
}

const QUEUE_ORDER: Record<ReviewQueueState, number> = { broken: 0, stale: 1, unreviewed: 2, reviewed: 3 };

/** Every live claim in the order a reviewer takes them, with its newest verdict and the queue's progress. */
export function reviewQueue(c: CaseFile): ReviewQueue {
  const problemsOf = new Map<string, BrokenCitation[]>();
  for (const problem of verifyCase(c).broken) {
    const list = problemsOf.get(problem.claimId);
    if (list) list.push(problem);
    else problemsOf.set(problem.claimId, [problem]);
  }
  // The newest live verdict of each claim (by hybrid logical clock).
  const newest = prepare(
    c,
    `SELECT r.id, r.claim_id AS claimId, r.verdict, r.comment, a.name AS reviewer, r.created_at AS reviewedAt,
       r.claim_hash AS claimHash
     FROM reviews r JOIN authors a ON a.id = r.created_by
     WHERE r.deleted = 0 AND r.hlc = (
       SELECT max(other.hlc) FROM reviews other WHERE other.claim_id = r.claim_id AND other.deleted = 0)`,
  ).all() as (Omit<ReviewRow, 'stale' | 'reviewedAt'> & { reviewedAt: number; claimHash: string })[];
  const newestOf = new Map(newest.map((row) => [row.claimId, row]));

  const progress = { total: 0, reviewed: 0, stale: 0, broken: 0 };
  const items = listClaims(c).map((claim, position) => {
    const row = newestOf.get(claim.id);
    let latest: ReviewRow | null = null;
    if (row) {
      const { claimHash: hash, ...rest } = row;
      latest = {
        ...rest,
        reviewedAt: new Date(rest.reviewedAt).toISOString(),
        stale: hash !== claimHash(claim),
      };
    }
    const problems = problemsOf.get(claim.id) ?? [];
    const state: ReviewQueueState =
      problems.length > 0 ? 'broken' : !latest ? 'unreviewed' : latest.stale ? 'stale' : 'reviewed';
    progress.total += 1;
    if (latest && !latest.stale) progress.reviewed += 1;
    if (latest?.stale) progress.stale += 1;
    if (problems.length > 0) progress.broken += 1;
    return { item: { claim, state, latest, problems }, position };
  });
  items.sort((a, b) => QUEUE_ORDER[a.item.state] - QUEUE_ORDER[b.item.state] || a.position - b.position);
  return { items: items.map(({ item }) => item), progress };
}
