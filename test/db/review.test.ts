// Links between claims, append-only reviews that go stale on edit, and verify's proof of every citation.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { closeCase, openCase } from '../../db/caseFile.ts';
import { createClaim, deleteClaim, updateClaim } from '../../db/claims.ts';
import { addLink, deleteLink, listLinks } from '../../db/links.ts';
import { addReview, listReviews } from '../../db/reviews.ts';
import { verifyCase } from '../../db/verify.ts';
import { addSource, newCase, REPORT, refusal } from '../helpers.ts';

function twoClaims() {
  const c = newCase();
  const a = addSource(c, REPORT);
  const b = addSource(
    c,
    'date 2025-02-23 Aid groups said at least 900 people were killed in Goma, twice the official toll.',
  );
  const official = createClaim(c, {
    anchor: { sourceId: a, quote: '700 people had died in Goma' },
    statement: '700 dead',
  });
  const aid = createClaim(c, {
    anchor: { sourceId: b, quote: 'at least 900 people were killed in Goma' },
    statement: '900 dead',
  });
  return { c, official, aid };
}

describe('links', () => {
  it('links claims once per relation, both ways for symmetric relations', () => {
    const { c, official, aid } = twoClaims();
    const link = addLink(c, official.id, aid.id, 'contradicts', 'Tolls differ');
    const again = addLink(c, aid.id, official.id, 'contradicts');
    expect(again.id).toBe(link.id);
    const repeat = addLink(c, aid.id, official.id, 'repeats');
    expect(repeat).toMatchObject({ fromClaimId: aid.id, toClaimId: official.id });
    expect(listLinks(c, official.id)).toHaveLength(2);
    expect(refusal(() => addLink(c, aid.id, aid.id, 'corroborates')).code).toBe('bad-input');
    expect(refusal(() => addLink(c, aid.id, official.id, 'supports' as never)).message).toMatch(/not a link/);
    deleteLink(c, link.id);
    expect(listLinks(c).map((l) => l.relation)).toEqual(['repeats']);
    deleteClaim(c, aid.id);
    expect(listLinks(c)).toEqual([]);
  });
});

describe('reviews', () => {
  it('keeps every verdict, and an edit of the claim makes earlier verdicts stale', () => {
    const { c, official } = twoClaims();
    addReview(c, official.id, 'date-wrong', 'The toll is as of Monday');
    addReview(c, official.id, 'citation-ok');
    expect(listReviews(c, official.id).map((r) => [r.verdict, r.stale, r.reviewer])).toEqual([
      ['date-wrong', false, 'Ana Analyst'],
      ['citation-ok', false, 'Ana Analyst'],
    ]);
    updateClaim(c, official.id, { statement: 'The ministry counts 700 dead.' });
    expect(listReviews(c, official.id).every((r) => r.stale)).toBe(true);
    // A status change is the reviewer's own bookkeeping, not the claim's content: verdicts stay fresh.
    addReview(c, official.id, 'citation-ok');
    updateClaim(c, official.id, { status: 'verified' });
    expect(listReviews(c, official.id).at(-1)?.stale).toBe(false);
    expect(refusal(() => addReview(c, official.id, 'fine' as never)).message).toMatch(/not a verdict/);
    expect(refusal(() => addReview(c, 'missing', 'citation-ok')).code).toBe('not-found');
  });
});

describe('verify', () => {
  it('passes a sound case', () => {
    const { c } = twoClaims();
    expect(verifyCase(c)).toMatchObject({ ok: true, claims: 2, sources: 2, broken: [] });
  });

  it('reports each broken citation in a tampered file', () => {
    const { c, official, aid } = twoClaims();
    const path = c.path;
    closeCase(c);
    const raw = new Database(path);
    raw.prepare('UPDATE claims SET quote = ? WHERE id = ?').run('7,000 people had died in Goma', official.id);
    raw
      .prepare(
        `UPDATE sources SET text = replace(text, 'twice', 'thrice') WHERE id = (SELECT source_id FROM claims WHERE id = ?)`,
      )
      .run(aid.id);
    raw.close();
    const reopened = openCase(path, { author: 'Reviewer' });
    const report = verifyCase(reopened);
    closeCase(reopened);
    expect(report.ok).toBe(false);
    expect(report.broken.map((b) => [b.claimId, b.problem])).toEqual(
      expect.arrayContaining([
        [official.id, 'quote-mismatch'],
        [aid.id, 'source-altered'],
      ]),
    );
    const mismatch = report.broken.find((b) => b.problem === 'quote-mismatch');
    expect(mismatch).toMatchObject({
      expected: '7,000 people had died in Goma',
      found: '700 people had died in Goma',
    });
  });
});
