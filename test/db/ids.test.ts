// Ids and dates that must agree with the libraries they stand in for on hot paths.
import fc from 'fast-check';
import { v5 } from 'uuid';
import edtf from 'edtf';
import { describe, expect, it } from 'vitest';
import { parseEventDate } from '../../db/dates.ts';
import { AttestError } from '../../db/errors.ts';
import { tagIdFor, uuidv5 } from '../../db/ids.ts';

describe('uuidv5', () => {
  it('gives the same ids as the uuid package (RFC 9562)', () => {
    const ns = '6ba7b810-9dad-11d1-80b4-00c04fd430c8'; // the RFC's DNS namespace
    expect(uuidv5('www.example.com', ns)).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
    fc.assert(
      fc.property(
        fc.string(),
        fc.uuid(),
        (name, namespace) => uuidv5(name, namespace) === v5(name, namespace),
      ),
    );
    expect(tagIdFor('actors/m23')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});

describe('event dates', () => {
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

  it('reads plain dates exactly as the EDTF parser does', () => {
    const plain = fc.oneof(
      fc.integer({ min: 1000, max: 2999 }).map((y) => String(y)),
      fc
        .tuple(fc.integer({ min: 1000, max: 2999 }), fc.integer({ min: 1, max: 12 }))
        .map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`),
      fc
        .date({ min: new Date('1000-01-01'), max: new Date('2999-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10)),
    );
    fc.assert(
      fc.property(plain, (text) => {
        const parsed = edtf(text);
        const ours = parseEventDate(text);
        return ours.earliest === day(parsed.min) && ours.latest === day(parsed.max);
      }),
    );
  });

  it('refuses impossible days the same way', () => {
    for (const text of ['2025-02-29', '2024-13', '2025-00-10', '2025-04-31']) {
      expect(() => parseEventDate(text)).toThrow(AttestError);
    }
    expect(parseEventDate('2024-02-29')).toEqual({
      date: '2024-02-29',
      earliest: '2024-02-29',
      latest: '2024-02-29',
    });
  });
});
