// highlightSegments: runs that cover the text exactly once, each with the claims over it, overlaps allowed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { highlightSegments } from '../../renderer/lib/highlightSegments.ts';

describe('highlightSegments', () => {
  it('gives the whole text as one plain run when there are no claims', () => {
    expect(highlightSegments(10, [])).toEqual([{ start: 0, end: 10, claimIds: [] }]);
  });

  it('gives nothing for an empty text', () => {
    expect(highlightSegments(0, [{ id: 'a', start: 0, end: 3 }])).toEqual([]);
  });

  it('marks one claim between plain runs', () => {
    expect(highlightSegments(10, [{ id: 'a', start: 2, end: 5 }])).toEqual([
      { start: 0, end: 2, claimIds: [] },
      { start: 2, end: 5, claimIds: ['a'] },
      { start: 5, end: 10, claimIds: [] },
    ]);
  });

  it('stacks overlapping claims, outermost first', () => {
    // a: [0, 6)  b: [3, 9)  c: [4, 5) nested in both
    const segments = highlightSegments(10, [
      { id: 'c', start: 4, end: 5 },
      { id: 'b', start: 3, end: 9 },
      { id: 'a', start: 0, end: 6 },
    ]);
    expect(segments).toEqual([
      { start: 0, end: 3, claimIds: ['a'] },
      { start: 3, end: 4, claimIds: ['a', 'b'] },
      { start: 4, end: 5, claimIds: ['a', 'b', 'c'] },
      { start: 5, end: 6, claimIds: ['a', 'b'] },
      { start: 6, end: 9, claimIds: ['b'] },
      { start: 9, end: 10, claimIds: [] },
    ]);
  });

  it('keeps adjacent claims apart and puts the longer of two same-start claims outside', () => {
    expect(
      highlightSegments(6, [
        { id: 'short', start: 0, end: 2 },
        { id: 'long', start: 0, end: 4 },
        { id: 'next', start: 4, end: 6 },
      ]),
    ).toEqual([
      { start: 0, end: 2, claimIds: ['long', 'short'] },
      { start: 2, end: 4, claimIds: ['long'] },
      { start: 4, end: 6, claimIds: ['next'] },
    ]);
  });

  it('lists both of two claims over the same words', () => {
    expect(
      highlightSegments(3, [
        { id: 'y', start: 0, end: 3 },
        { id: 'x', start: 0, end: 3 },
      ]),
    ).toEqual([{ start: 0, end: 3, claimIds: ['x', 'y'] }]);
  });

  it('clamps spans to the text and ignores empty ones', () => {
    expect(
      highlightSegments(5, [
        { id: 'past', start: 3, end: 99 },
        { id: 'empty', start: 2, end: 2 },
        { id: 'reversed', start: 4, end: 1 },
      ]),
    ).toEqual([
      { start: 0, end: 3, claimIds: [] },
      { start: 3, end: 5, claimIds: ['past'] },
    ]);
  });

  it('covers every position once, with exactly the claims that contain it (property)', () => {
    const claim = (length: number) =>
      fc
        .tuple(fc.nat(length), fc.nat(length))
        .map(([a, b]) => ({ start: Math.min(a, b), end: Math.max(a, b) }));
    fc.assert(
      fc.property(
        fc
          .integer({ min: 0, max: 40 })
          .chain((length) => fc.tuple(fc.constant(length), fc.array(claim(length), { maxLength: 8 }))),
        ([length, spans]) => {
          const claims = spans.map((span, index) => ({ id: `c${index}`, ...span }));
          const segments = highlightSegments(length, claims);
          let position = 0;
          for (const segment of segments) {
            expect(segment.start).toBe(position);
            expect(segment.end).toBeGreaterThan(segment.start);
            position = segment.end;
            for (let offset = segment.start; offset < segment.end; offset++) {
              const covering = claims.filter((c) => c.start <= offset && offset < c.end).map((c) => c.id);
              expect([...segment.claimIds].sort()).toEqual(covering.sort());
            }
          }
          expect(position).toBe(length);
        },
      ),
    );
  });
});
