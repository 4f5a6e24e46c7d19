// Merge properties on random edit histories of three analysts (fast-check): every order of merging converges,
// merging twice changes nothing, nothing present on any side is lost, and every citation still verifies.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { transaction, type CaseFile } from '../../db/caseFile.ts';
import { createClaim, deleteClaim, listClaims, updateClaim } from '../../db/claims.ts';
import { undo } from '../../db/history.ts';
import { addLink } from '../../db/links.ts';
import { mergeCaseFile } from '../../db/merge.ts';
import { addReview } from '../../db/reviews.ts';
import { verifyCase } from '../../db/verify.ts';
import { addSource, newCase, REPORT } from '../helpers.ts';
import { closeAll, copyFor, snapshot } from './mergeFixtures.ts';

const QUOTES = [
  'Rebels of the M23 group entered the city of Goma',
  'about 4,000 Rwandan soldiers support the rebels',
  'fighting closed the airport',
  '700 people had died in Goma',
];
const TAGS = ['Actors/M23', 'Places/Goma', 'Figures'];
const FIELDS = {
  statement: fc.constantFrom('M23 took Goma', 'Goma fell', 'Rebels in Goma'),
  status: fc.constantFrom('draft' as const, 'verified' as const, 'disputed' as const),
  place: fc.constantFrom('Goma', 'North Kivu', null),
  claimant: fc.constantFrom('the governor', 'UN experts', null),
  date: fc.constantFrom('2025-01-26', '2025-01~', '2025-01-25/2025-01-27', null),
};

type Op =
  | { kind: 'create'; who: number; quote: number; tag: number }
  | { kind: 'edit'; who: number; claim: number; field: keyof typeof FIELDS; value: unknown }
  | { kind: 'delete'; who: number; claim: number }
  | { kind: 'tag'; who: number; claim: number; tag: number; remove: boolean }
  | { kind: 'review'; who: number; claim: number }
  | { kind: 'link'; who: number; claim: number; other: number }
  | { kind: 'undo'; who: number }
  | { kind: 'sync'; who: number; from: number };

const who = fc.integer({ min: 0, max: 2 });
const index = fc.nat({ max: 20 });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('create' as const),
    who,
    quote: fc.nat({ max: 3 }),
    tag: fc.nat({ max: 2 }),
  }),
  fc.constantFrom(...(Object.keys(FIELDS) as (keyof typeof FIELDS)[])).chain((field) =>
    fc.record({
      kind: fc.constant('edit' as const),
      who,
      claim: index,
      field: fc.constant(field),
      value: FIELDS[field],
    }),
  ),
  fc.record({ kind: fc.constant('delete' as const), who, claim: index }),
  fc.record({
    kind: fc.constant('tag' as const),
    who,
    claim: index,
    tag: fc.nat({ max: 2 }),
    remove: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('review' as const), who, claim: index }),
  fc.record({ kind: fc.constant('link' as const), who, claim: index, other: index }),
  fc.record({ kind: fc.constant('undo' as const), who }),
  fc.record({ kind: fc.constant('sync' as const), who, from: who }),
);

function apply(cases: CaseFile[], step: Op): void {
  const c = cases[step.who]!;
  const live = listClaims(c);
  const pick = (i: number) => live[i % Math.max(live.length, 1)];
  const claim = 'claim' in step ? pick(step.claim) : undefined;
  try {
    switch (step.kind) {
      case 'create': {
        const sourceId = (c.db.prepare('SELECT id FROM sources LIMIT 1').pluck().get() as string) ?? '';
        createClaim(c, {
          anchor: { sourceId, quote: QUOTES[step.quote]! },
          statement: 'new',
          tags: [TAGS[step.tag]!],
        });
        break;
      }
      case 'edit':
        if (claim) updateClaim(c, claim.id, { [step.field]: step.value });
        break;
      case 'delete':
        if (claim) deleteClaim(c, claim.id);
        break;
      case 'tag':
        if (claim)
          updateClaim(c, claim.id, step.remove ? { untag: [TAGS[step.tag]!] } : { tags: [TAGS[step.tag]!] });
        break;
      case 'review':
        if (claim) addReview(c, claim.id, 'citation-ok');
        break;
      case 'link': {
        const other = pick(step.other);
        if (claim && other && other.id !== claim.id) addLink(c, claim.id, other.id, 'corroborates');
        break;
      }
      case 'undo':
        transaction(c, () => undo(c));
        break;
      case 'sync':
        if (step.from !== step.who) mergeCaseFile(c, cases[step.from]!.path);
        break;
    }
  } catch (error) {
    // Refusals a person would also meet (an untag of a tag not on the claim, an undo over a colleague's later
    // edit) are part of a real history; anything else is a failure.
    if ((error as { code?: string }).code === 'internal' || !(error as { code?: string }).code) throw error;
  }
}

const ids = (c: CaseFile, table: string) =>
  new Set(c.db.prepare(`SELECT id FROM ${table}`).pluck().all() as string[]);

describe('merge properties', () => {
  it('converges in every order, is idempotent, loses nothing and keeps every citation', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 5, maxLength: 25 }), (ops) => {
        const ana = newCase('Ana Analyst');
        const sourceId = addSource(ana, REPORT);
        createClaim(ana, {
          anchor: { sourceId, quote: QUOTES[0]! },
          statement: 'M23 entered Goma',
          tags: [TAGS[0]!],
        });
        const cases = [ana, copyFor(ana, 'Ben Reviewer'), copyFor(ana, 'Cy Coder')];
        for (const step of ops) apply(cases, step);
        const [a, b, c] = cases as [CaseFile, CaseFile, CaseFile];

        // Two different orders, each into a fresh copy of a different starting case.
        const abc = copyFor(a, 'Ana Analyst');
        mergeCaseFile(abc, b.path);
        mergeCaseFile(abc, c.path);
        const cba = copyFor(c, 'Cy Coder');
        mergeCaseFile(cba, b.path);
        mergeCaseFile(cba, a.path);
        const bac = copyFor(b, 'Ben Reviewer');
        mergeCaseFile(bac, a.path);
        mergeCaseFile(bac, c.path);
        const expected = snapshot(abc);
        expect(snapshot(cba)).toEqual(expected);
        expect(snapshot(bac)).toEqual(expected);

        // Idempotent: merging any side again changes nothing.
        for (const side of cases) expect(mergeCaseFile(abc, side.path).changes).toBe(0);
        expect(snapshot(abc)).toEqual(expected);

        // Nothing lost: every claim, review and tag assignment of every side is there.
        for (const side of cases) {
          for (const table of ['claims', 'reviews', 'claim_tags', 'tags', 'links']) {
            const merged = ids(abc, table);
            for (const id of ids(side, table)) expect(merged.has(id)).toBe(true);
          }
        }
        // Every citation still quotes its source exactly. One thing merge cannot settle alone: a source deleted
        // on one side while a claim on it lived on (or came back by undo) on another. Verify reports that claim
        // (and Review puts it first) rather than hiding either analyst's act; nothing else may be broken.
        for (const problem of verifyCase(abc).broken) {
          expect(problem.problem).toBe('source-missing');
          expect(
            abc.db.prepare('SELECT deleted FROM sources WHERE id = ?').pluck().get(problem.sourceId),
          ).toBe(1);
        }
        closeAll(cases[1]!, cases[2]!, abc, cba, bac);
      }),
      { numRuns: 25 },
    );
  }, 240_000);
});
