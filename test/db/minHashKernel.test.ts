// The WebAssembly MinHash kernel: the same minimums as the JS loop, on any shingles, at any size.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minHashSimd } from '../../db/minHashKernel.ts';
import { minHashLoop, SEEDS, signatureOf } from '../../db/repeats.ts';

const bySimd = (shingles: Int32Array): number[] => {
  const signature = new Uint32Array(128);
  expect(minHashSimd(shingles, SEEDS, signature)).toBe(true);
  return Array.from(signature);
};
const byLoop = (shingles: Int32Array): number[] => Array.from(minHashLoop(shingles, new Uint32Array(128)));

describe('the MinHash kernel', () => {
  it('gives the JS loop’s signature for any set of shingles, extreme values included', () => {
    const shingle = fc.oneof(
      fc.integer({ min: -0x80000000, max: 0x7fffffff }),
      fc.constantFrom(0, -1, 1, 0x7fffffff, -0x80000000, 0x55555555, -0x55555556),
    );
    fc.assert(
      fc.property(fc.array(shingle, { minLength: 1, maxLength: 700 }), (values) => {
        const shingles = Int32Array.from(values);
        expect(bySimd(shingles)).toEqual(byLoop(shingles));
      }),
      { numRuns: 300 },
    );
  });

  it('grows its memory for a long text, and then still gives the same values for a short one', () => {
    // 200,000 shingles need 800 KB: the module starts with one 64 KiB page.
    const long = Int32Array.from({ length: 200_000 }, (_, i) => Math.imul(i + 1, 0x9e3779b1));
    expect(bySimd(long)).toEqual(byLoop(long));
    const short = long.subarray(5, 40);
    expect(bySimd(short)).toEqual(byLoop(short));
  });

  it('declines an empty set, and signatures of texts are the pinned ones either way', () => {
    expect(minHashSimd(new Int32Array(0), SEEDS, new Uint32Array(128))).toBe(false);
    // The first three slots pinned in test/db/repeats.test.ts: stored fingerprints must not change.
    const text = Array.from({ length: 30 }, (_, i) => `w${i}`).join(' ');
    expect(Array.from(signatureOf(text)!.slice(0, 3))).toEqual([137214653, 83304867, 289626195]);
  });
});
