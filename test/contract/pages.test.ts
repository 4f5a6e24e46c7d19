// pageAt and pageLabel: the page of an offset in a paged source's text, for citing a claim as "p. 4".
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pageAt, pageLabel } from '../../electron/contract/index.ts';

describe('pageAt', () => {
  it('gives the page on which an offset falls', () => {
    const pages = [0, 120, 120, 400];
    expect(pageAt(pages, 0)).toBe(1);
    expect(pageAt(pages, 119)).toBe(1);
    // An empty page starts where the next does: the offset belongs to the later page.
    expect(pageAt(pages, 120)).toBe(3);
    expect(pageAt(pages, 399)).toBe(3);
    expect(pageAt(pages, 5000)).toBe(4);
    expect(pageLabel(pages, 450)).toBe('p. 4');
  });

  it('is null for a source without pages', () => {
    expect(pageAt(null, 10)).toBeNull();
    expect(pageAt([], 10)).toBeNull();
    expect(pageLabel(undefined, 10)).toBeNull();
  });

  it('agrees with a linear scan', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(1000), { minLength: 1 }), fc.nat(1200), (gaps, offset) => {
        const pages = gaps.map((_, i) => gaps.slice(0, i).reduce((sum, gap) => sum + gap, 0));
        let expected = 1;
        pages.forEach((start, index) => {
          if (start <= offset) expected = index + 1;
        });
        expect(pageAt(pages, offset)).toBe(expected);
      }),
    );
  });
});
