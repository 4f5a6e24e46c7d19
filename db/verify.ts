// Verify: proves every citation still holds — each claim's quote is its source's words at its offsets, with the
// same context, and the source text is unchanged since import (its SHA-256).
import { createHash } from 'node:crypto';
import type { CaseFile } from './caseFile.ts';

export type CitationProblem =
  'source-missing' | 'source-altered' | 'hash-mismatch' | 'quote-mismatch' | 'context-mismatch';

export interface BrokenCitation {
  claimId: string;
  sourceId: string;
  problem: CitationProblem;
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

export function verifyCase(c: CaseFile): VerifyReport {
  const sources = new Map<string, { text: string; sha256: string; deleted: number; intact: boolean }>();
  for (const s of c.db.prepare('SELECT id, text, sha256, deleted FROM sources').iterate() as Iterable<{
    id: string;
    text: string;
    sha256: string;
    deleted: number;
  }>) {
    sources.set(s.id, { ...s, intact: createHash('sha256').update(s.text).digest('hex') === s.sha256 });
  }
  const broken: BrokenCitation[] = [];
  let claims = 0;
  const rows = c.db
    .prepare(
      `SELECT id, source_id AS sourceId, source_sha256 AS sourceSha256, quote_start AS start, quote_end AS "end",
         quote, prefix, suffix FROM claims WHERE deleted = 0`,
    )
    .iterate() as Iterable<{
    id: string;
    sourceId: string;
    sourceSha256: string;
    start: number;
    end: number;
    quote: string;
    prefix: string;
    suffix: string;
  }>;
  for (const claim of rows) {
    claims += 1;
    const base = { claimId: claim.id, sourceId: claim.sourceId };
    const source = sources.get(claim.sourceId);
    if (!source || source.deleted) {
      broken.push({
        ...base,
        problem: 'source-missing',
        message: 'The claim cites a source that is not in the case.',
      });
      continue;
    }
    if (!source.intact) {
      broken.push({
        ...base,
        problem: 'source-altered',
        message: "The source's text no longer matches its SHA-256.",
      });
    } else if (source.sha256 !== claim.sourceSha256) {
      broken.push({
        ...base,
        problem: 'hash-mismatch',
        message: 'The claim was made on a different version of the source text.',
      });
    }
    const found = source.text.slice(claim.start, claim.end);
    if (found !== claim.quote) {
      broken.push({
        ...base,
        problem: 'quote-mismatch',
        message: `The source's words at ${claim.start}..${claim.end} are not the quote.`,
        expected: claim.quote,
        found,
      });
      continue;
    }
    const prefix = source.text.slice(Math.max(0, claim.start - claim.prefix.length), claim.start);
    const suffix = source.text.slice(claim.end, claim.end + claim.suffix.length);
    if (prefix !== claim.prefix || suffix !== claim.suffix) {
      broken.push({
        ...base,
        problem: 'context-mismatch',
        message: 'The words around the quote differ from those recorded.',
        expected: `${claim.prefix}[…]${claim.suffix}`,
        found: `${prefix}[…]${suffix}`,
      });
    }
  }
  const live = [...sources.values()].filter((s) => !s.deleted).length;
  return { ok: broken.length === 0, claims, sources: live, broken };
}
