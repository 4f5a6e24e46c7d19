// The renderer's small pure helpers: sorting the library, preparing imports, the claim form's input, dates, warnings.
import { describe, expect, it } from 'vitest';
import type { SourceSummary } from '../../electron/contract/index.ts';
import { claimInput, emptyDraft, parseTagList } from '../../renderer/lib/claimForm.ts';
import { formatDay } from '../../renderer/lib/formatDate.ts';
import { countHiddenCharacters } from '../../renderer/lib/hiddenCharacters.ts';
import { batchFiles, bytesToBase64, refusalBeforeReading } from '../../renderer/lib/importFiles.ts';
import { nextSort, sortSources } from '../../renderer/lib/sortSources.ts';

const row = (id: string, fields: Partial<SourceSummary>) =>
  ({ id, title: id, tags: [], claimCount: 0, ...fields }) as SourceSummary;

describe('sortSources', () => {
  const rows = [
    row('b', { title: 'Beta', outlet: 'Wire', publishedAt: '2025-02-01', claimCount: 2 }),
    row('a', { title: 'alpha', outlet: null, publishedAt: '2025-03-01', claimCount: 10 }),
    row('c', { title: 'Gamma 10', outlet: 'Herald', publishedAt: null, claimCount: 2 }),
    row('d', { title: 'Gamma 9', outlet: 'herald', publishedAt: '2024-12-31', claimCount: 0 }),
  ];
  const ids = (sorted: SourceSummary[]) => sorted.map((source) => source.id);

  it('sorts text without regard to case, and numbers in titles naturally', () => {
    expect(ids(sortSources(rows, { column: 'title', direction: 'ascending' }))).toEqual(['a', 'b', 'd', 'c']);
    expect(ids(sortSources(rows, { column: 'title', direction: 'descending' }))).toEqual([
      'c',
      'd',
      'b',
      'a',
    ]);
  });

  it('puts missing values last in both directions', () => {
    expect(ids(sortSources(rows, { column: 'outlet', direction: 'ascending' })).at(-1)).toBe('a');
    expect(ids(sortSources(rows, { column: 'outlet', direction: 'descending' })).at(-1)).toBe('a');
    expect(ids(sortSources(rows, { column: 'publishedAt', direction: 'descending' }))).toEqual([
      'a',
      'b',
      'd',
      'c',
    ]);
  });

  it('sorts counts as numbers, ties by title', () => {
    expect(ids(sortSources(rows, { column: 'claimCount', direction: 'descending' }))).toEqual([
      'a',
      'b',
      'c',
      'd',
    ]);
  });

  it('starts dates and counts newest and largest first, and flips the same column', () => {
    expect(nextSort(null, 'publishedAt')).toEqual({ column: 'publishedAt', direction: 'descending' });
    expect(nextSort(null, 'outlet')).toEqual({ column: 'outlet', direction: 'ascending' });
    expect(nextSort({ column: 'outlet', direction: 'ascending' }, 'outlet').direction).toBe('descending');
  });
});

describe('import helpers', () => {
  it('encodes bytes as base64 like Node does, across chunk boundaries', () => {
    const bytes = new Uint8Array(100_000).map((_, index) => (index * 7) % 256);
    expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    expect(bytesToBase64(new Uint8Array())).toBe('');
  });

  it('refuses files over the contract limit before reading them', () => {
    expect(refusalBeforeReading({ name: 'a.pdf', size: 50 * 1024 * 1024 })).toBeNull();
    expect(refusalBeforeReading({ name: 'a.pdf', size: 50 * 1024 * 1024 + 1 })).toMatch(/50 MiB/);
  });

  it('batches files under a size and a count limit, keeping their order', () => {
    const file = (name: string, size: number) => ({ fileName: name, dataBase64: 'x'.repeat(size) });
    const batches = batchFiles([file('a', 5), file('b', 5), file('c', 20), file('d', 1)], 12, 10);
    expect(batches.map((batch) => batch.map((f) => f.fileName))).toEqual([['a', 'b'], ['c'], ['d']]);
    expect(batchFiles([file('a', 1), file('b', 1), file('c', 1)], 100, 2).map((b) => b.length)).toEqual([
      2, 1,
    ]);
  });
});

describe('claim form', () => {
  it('splits tags on commas, trims paths and drops repeats', () => {
    expect(parseTagList(' Actors / M23 , Places/Goma,, Actors/M23 ')).toEqual(['Actors/M23', 'Places/Goma']);
  });

  it('builds claim.create input, leaving empty fields out', () => {
    const input = claimInput(
      's1',
      { start: 3, end: 9 },
      { ...emptyDraft(), statement: ' Rebels took Goma ', date: '2025-01-26' },
    );
    expect(input).toEqual({
      sourceId: 's1',
      start: 3,
      end: 9,
      statement: 'Rebels took Goma',
      claimant: undefined,
      date: '2025-01-26',
      place: undefined,
      status: 'draft',
    });
  });
});

describe('formatDay', () => {
  it.each([
    ['2025-02-22', '22 Feb 2025'],
    ['2025-02-22T23:30:00-05:00', '22 Feb 2025'],
    ['2025-02', 'Feb 2025'],
    ['Spring', 'Spring'],
    [null, ''],
  ])('%s -> %s', (iso, text) => expect(formatDay(iso)).toBe(text));
});

describe('countHiddenCharacters', () => {
  it('counts direction overrides and zero-width characters, not ordinary emoji joiners', () => {
    expect(countHiddenCharacters('a\u202Eb\u202C c\u200Bd 👩\u200D👩\u200D👧')).toEqual({
      bidiControls: 2,
      zeroWidth: 1,
    });
    expect(countHiddenCharacters('plain')).toEqual({ bidiControls: 0, zeroWidth: 0 });
  });
});
