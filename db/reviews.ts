// Reviews: append-only verdicts on a claim, tied to the claim version reviewed (a later edit makes them stale).
import type { CaseFile } from './caseFile.ts';
import { prepare, transaction } from './caseFile.ts';
import { claimHash, getClaim } from './claims.ts';
import { badInput } from './errors.ts';
import { beginAction, insertEntity } from './history.ts';
import { newId } from './ids.ts';

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
