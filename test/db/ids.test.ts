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
    // Names past the reused buffer's size, in any script, take the other path to the same ids.
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', minLength: 300, maxLength: 1200 }),
        fc.uuid(),
        (name, namespace) => uuidv5(name, namespace) === v5(name, namespace),
      ),
      { numRuns: 50 },
    );
    expect(tagIdFor('actors/m23')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});

const expectBadInput = (fn: () => unknown): boolean => {
  try {
    fn();
  } catch (error) {
    return error instanceof AttestError && error.code === 'bad-input';
  }
  return false;
};

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

  const plainDay = fc
    .date({ min: new Date('1000-01-01'), max: new Date('2999-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
  const plainAny = fc.oneof(
    plainDay,
    plainDay.map((d) => d.slice(0, 7)),
    plainDay.map((d) => d.slice(0, 4)),
  );
  const sameAsParser = (text: string) => {
    const parsed = edtf(text);
    const ours = parseEventDate(text);
    return ours.date === text && ours.earliest === day(parsed.min) && ours.latest === day(parsed.max);
  };

  it('reads qualified dates (uncertain, approximate) as the EDTF parser does', () => {
    fc.assert(
      fc.property(plainAny, fc.constantFrom('?', '~', '%'), (date, qualifier) =>
        sameAsParser(`${date}${qualifier}`),
      ),
    );
    // A qualified impossible day goes to the parser, which rolls it over as before.
    expect(parseEventDate('2023-02-29?')).toMatchObject({ earliest: '2023-03-01', latest: '2023-03-01' });
  });

  it('reads intervals of plain dates as the EDTF parser does, refusing the ones it refuses', () => {
    fc.assert(
      fc.property(plainAny, plainAny, (a, b) => {
        const text = `${a}/${b}`;
        let parserOk = true;
        try {
          edtf(text);
        } catch {
          parserOk = false;
        }
        if (!parserOk) return expectBadInput(() => parseEventDate(text));
        return sameAsParser(text);
      }),
      { numRuns: 300 },
    );
    for (const text of ['2023-09-14/2023-09-14', '2023/2023', '2023-09-15/2023-09', '2023-09-17/2023-09-14'])
      expect(() => parseEventDate(text)).toThrow(AttestError);
    expect(parseEventDate('2023-09/2023-09-15')).toMatchObject({
      earliest: '2023-09-01',
      latest: '2023-09-15',
    });
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
