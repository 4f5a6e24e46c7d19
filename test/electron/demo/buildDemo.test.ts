// The demo case: it builds, every citation verifies, every view has something to show, and it is the same each time.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseInfo, closeCase, openCase, type CaseFile } from '../../../db/caseFile.ts';
import { listClaims } from '../../../db/claims.ts';
import { listLinks } from '../../../db/links.ts';
import { listReviews } from '../../../db/reviews.ts';
import { search } from '../../../db/search.ts';
import { getSource, listSources } from '../../../db/sources.ts';
import { listTags, TAG_KINDS } from '../../../db/tags.ts';
import { timelineWindow, undatedClaims } from '../../../db/timeline.ts';
import { verifyCase } from '../../../db/verify.ts';
import {
  buildDemoCase,
  DEMO_AUTHOR,
  DEMO_CLAIMS,
  DEMO_REVIEWER,
  DEMO_SOURCES,
  DEMO_TITLE,
  type DemoCase,
} from '../../../electron/demo/buildDemo.ts';
import { tempDir } from '../../helpers.ts';

/** Builds the demo in a fresh folder, opens it as browser mode will, and runs fn on it. */
function withDemo<T>(fn: (c: CaseFile, demo: DemoCase) => T): T {
  const demo = buildDemoCase(join(tempDir(), 'demo.attest'));
  const c = openCase(demo.path, { author: 'Test Reader' });
  try {
    return fn(c, demo);
  } finally {
    closeCase(c);
  }
}

describe('the demo case', () => {
  it('builds a case whose every citation verifies', () => {
    withDemo((c) => {
      expect(caseInfo(c).title).toBe(DEMO_TITLE);
      const report = verifyCase(c);
      expect(report.broken).toEqual([]);
      expect(report).toMatchObject({ ok: true, sources: 5, claims: Object.keys(DEMO_CLAIMS).length });
    });
  });

  it('fills the library: dated sources from several outlets, with metadata and tags', () => {
    withDemo((c) => {
      const sources = listSources(c);
      expect(sources).toHaveLength(Object.keys(DEMO_SOURCES).length);
      expect(new Set(sources.map((s) => s.format))).toEqual(new Set(['txt', 'md']));
      for (const source of sources) {
        expect(source.publishedAt).toMatch(/^2025-0[34]-\d{2}$/);
        expect(source.outlet).toBeTruthy();
        expect(source.reliability).toBeTruthy();
        expect(source.claimCount).toBeGreaterThan(0);
        expect(source.createdBy).toBe(DEMO_AUTHOR);
      }
      expect(new Set(sources.map((s) => s.outlet)).size).toBe(sources.length);
      expect(sources.filter((s) => s.tags.length > 0).length).toBeGreaterThan(0);
      // Reports 150-400 words long, as the news they stand for.
      for (const source of sources) {
        const words = getSource(c, source.id).text.split(/\s+/).length;
        expect(words, source.title).toBeGreaterThanOrEqual(150);
        expect(words, source.title).toBeLessThanOrEqual(400);
      }
    });
  });

  it('fills the claims table and the timeline: exact, approximate, interval and undated claims', () => {
    withDemo((c) => {
      const claims = listClaims(c);
      expect(claims.length).toBeGreaterThanOrEqual(10);
      const dates = claims.map((claim) => claim.date);
      expect(dates.filter((d) => d && /^\d{4}-\d{2}-\d{2}$/.test(d)).length).toBeGreaterThan(3);
      expect(dates).toContain('2025-03~');
      expect(dates.some((d) => d?.includes('/'))).toBe(true);
      expect(dates.filter((d) => d === null).length).toBeGreaterThan(0);
      expect(new Set(claims.map((claim) => claim.status))).toEqual(
        new Set(['draft', 'verified', 'disputed']),
      );
      expect(claims.every((claim) => claim.claimant && claim.tags.length > 0)).toBe(true);
      expect(claims.some((claim) => claim.actors.length > 1)).toBe(true);

      const timeline = timelineWindow(c, { from: '2025-02-01', to: '2025-04-30' });
      expect(timeline.items.length).toBe(claims.filter((claim) => claim.date).length);
      expect(timeline.items.some((item) => !item.exact)).toBe(true);
      expect(undatedClaims(c).count).toBe(claims.filter((claim) => !claim.date).length);
    });
  });

  it('fills the codebook with every kind of tag, colored, nested and used', () => {
    withDemo((c) => {
      const tags = listTags(c);
      expect(new Set(tags.map((t) => t.kind))).toEqual(new Set(TAG_KINDS));
      const leaves = tags.filter((t) => !tags.some((other) => other.parentId === t.id));
      for (const leaf of leaves) {
        expect(leaf.color, leaf.path).toMatch(/^#[0-9a-f]{6}$/);
        expect(leaf.claimCount + leaf.sourceCount, `${leaf.path} is unused`).toBeGreaterThan(0);
      }
      expect(tags.some((t) => t.path.split('/').length === 3)).toBe(true);
    });
  });

  it('links the claims in every way and reviews two of them', () => {
    withDemo((c, demo) => {
      const links = listLinks(c);
      expect(new Set(links.map((l) => l.relation))).toEqual(
        new Set(['corroborates', 'contradicts', 'same-event', 'repeats']),
      );
      // The wire copy repeats the original, and the differing tolls contradict each other.
      const repeat = links.find((l) => l.relation === 'repeats')!;
      expect([repeat.fromClaimId, repeat.toClaimId]).toEqual([
        demo.claimIds.courierToll,
        demo.claimIds.ministryToll,
      ]);
      const contradiction = links.find((l) => l.relation === 'contradicts')!;
      expect(new Set([contradiction.fromClaimId, contradiction.toClaimId])).toEqual(
        new Set([demo.claimIds.redCrossToll, demo.claimIds.ministryToll]),
      );

      const reviews = Object.values(demo.claimIds).flatMap((id) => listReviews(c, id));
      expect(reviews).toHaveLength(2);
      expect(new Set(reviews.map((r) => r.verdict)).size).toBe(2);
      expect(reviews.every((r) => r.reviewer === DEMO_REVIEWER && !r.stale)).toBe(true);
    });
  });

  it('answers searches for the names that recur across the reports', () => {
    withDemo((c) => {
      for (const name of ['Red Ridge Brigades', 'Kovari Guard', 'Mirek', 'Tovel', 'UN experts']) {
        const sources = new Set(search(c, name).map((hit) => hit.sourceId));
        expect(sources.size, name).toBeGreaterThan(1);
      }
    });
  });

  it('is the same case every time it is built', () => {
    const snapshot = () =>
      withDemo((c) => ({
        sources: listSources(c).map((s) => [s.sha256, s.title, s.outlet, s.publishedAt, s.tags]),
        claims: listClaims(c)
          .map((claim) => [claim.quote, claim.start, claim.end, claim.statement, claim.date, claim.tags])
          .sort((a, b) => String(a[0]).localeCompare(String(b[0])) || Number(a[1]) - Number(b[1])),
        tags: listTags(c).map((t) => [t.path, t.kind, t.color, t.claimCount, t.sourceCount]),
        links: listLinks(c)
          .map((l) => l.relation)
          .sort(),
      }));
    const first = snapshot();
    expect(snapshot()).toEqual(first);
    expect(first.claims.map((claim) => claim[0])).toEqual(
      Object.values(DEMO_CLAIMS)
        .map((claim) => claim.quote)
        .sort((a, b) => a.localeCompare(b)),
    );
  });

  it('refuses to overwrite an existing file', () => {
    const path = withDemo((_c, demo) => demo.path);
    expect(() => buildDemoCase(path)).toThrow(/already exists/);
  });
});
