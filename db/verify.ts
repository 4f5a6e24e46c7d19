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

interface CitedSource {
  text: string;
  sha256: string;
  deleted: number;
  intact: boolean;
}

/** A claim's anchor: enough to check its citation (a rebuilt record's fields hold it too). */
export interface CitingClaim {
  id: string;
  sourceId: string;
  sourceSha256: string;
  start: number;
  end: number;
  quote: string;
  prefix: string;
  suffix: string;
}

const CLAIM_COLUMNS = `id, source_id AS sourceId, source_sha256 AS sourceSha256, quote_start AS start,
  quote_end AS "end", quote, prefix, suffix`;

const citedSource = (s: { text: string; sha256: string; deleted: number }, hash = true): CitedSource => ({
  ...s,
  intact: !hash || createHash('sha256').update(s.text).digest('hex') === s.sha256,
});

/** What is wrong with one claim's citation, or nothing; a source that is gone or altered comes first. */
function checkCitation(claim: CitingClaim, source: CitedSource | undefined): BrokenCitation[] {
  const base = { claimId: claim.id, sourceId: claim.sourceId };
  if (!source || source.deleted) {
    return [
      { ...base, problem: 'source-missing', message: 'The claim cites a source that is not in the case.' },
    ];
  }
  const broken: BrokenCitation[] = [];
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
    return broken;
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
  return broken;
}

export function verifyCase(c: CaseFile): VerifyReport {
  const sources = new Map<string, CitedSource>();
  for (const s of c.db.prepare('SELECT id, text, sha256, deleted FROM sources').iterate() as Iterable<{
    id: string;
    text: string;
    sha256: string;
    deleted: number;
  }>) {
    sources.set(s.id, citedSource(s));
  }
  const broken: BrokenCitation[] = [];
  let claims = 0;
  const rows = c.db
    .prepare(`SELECT ${CLAIM_COLUMNS} FROM claims WHERE deleted = 0`)
    .iterate() as Iterable<CitingClaim>;
  for (const claim of rows) {
    claims += 1;
    broken.push(...checkCitation(claim, sources.get(claim.sourceId)));
  }
  const live = [...sources.values()].filter((s) => !s.deleted).length;
  return { ok: broken.length === 0, claims, sources: live, broken };
}

/**
 * Checks claims one by one against their sources, each source read (and hashed) once. With `deleted`, tombstoned
 * sources count as present: an undo can bring a tombstoned claim back, so its citation must hold as well. With
 * `hashed: false`, sources' texts are taken as matching their SHA-256 (a merge: every source's text was checked
 * against it when it came into the case, and verifyCase checks them all again).
 */
export function citationChecker(
  c: CaseFile,
  options: { deleted?: boolean; hashed?: boolean } = {},
): (claim: CitingClaim) => BrokenCitation[] {
  const sources = new Map<string, CitedSource | undefined>();
  const sourceStatement = c.db.prepare('SELECT text, sha256, deleted FROM sources WHERE id = ?');
  return (claim) => {
    if (!sources.has(claim.sourceId)) {
      const row = sourceStatement.get(claim.sourceId) as
        { text: string; sha256: string; deleted: number } | undefined;
      sources.set(
        claim.sourceId,
        row && citedSource(options.deleted ? { ...row, deleted: 0 } : row, options.hashed !== false),
      );
    }
    return checkCitation(claim, sources.get(claim.sourceId));
  };
}
