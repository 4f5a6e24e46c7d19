// Sources: import, immutability, dedup by text hash, original bytes, metadata editing, deletion.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createClaim, listClaims } from '../../db/claims.ts';
import {
  deleteSource,
  getSource,
  importSources,
  listSources,
  sourceOriginal,
  updateSource,
} from '../../db/sources.ts';
import { newCase, REPORT, refusal } from '../helpers.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('importing sources', () => {
  it('normalizes once, hashes the text, keeps the original bytes and reads the metadata header', () => {
    const c = newCase();
    const raw = `\uFEFF${REPORT.replace(/\n/g, '\r\n')}`;
    const [result] = importSources(c, [{ fileName: '/somewhere/goma.txt', bytes: bytes(raw) }]);
    expect(result).toMatchObject({
      ok: true,
      fileName: 'goma.txt',
      publishedAt: '2025-02-22',
      duplicate: false,
    });
    if (!result?.ok) throw new Error('import failed');
    const source = getSource(c, result.id);
    expect(source.text).not.toMatch(/\r|\uFEFF/);
    expect(source.text.startsWith('GOMA')).toBe(true);
    expect(source.sha256).toBe(createHash('sha256').update(source.text).digest('hex'));
    expect(result.sha256).toBe(source.sha256);
    const original = sourceOriginal(c, result.id);
    expect(Buffer.from(original.bytes).toString('utf8')).toBe(raw);
    expect(original.fileName).toBe('goma.txt');
  });

  it('imports the same text twice as one source, whatever the line ends or file name', () => {
    const c = newCase();
    const [first] = importSources(c, [{ fileName: 'a.txt', bytes: bytes(REPORT) }]);
    const [second] = importSources(c, [{ fileName: 'b.txt', bytes: bytes(REPORT.replace(/\n/g, '\r\n')) }]);
    expect(second).toMatchObject({ ok: true, duplicate: true });
    expect(first?.ok && second?.ok && first.id === second.id).toBe(true);
    expect(listSources(c)).toHaveLength(1);
  });

  it('reports a refused file and still imports the others', () => {
    const c = newCase();
    const progress: number[] = [];
    const results = importSources(
      c,
      [
        { fileName: 'empty.txt', bytes: new Uint8Array() },
        { fileName: 'garbage.txt', bytes: Uint8Array.from({ length: 2000 }, (_, i) => (i * 97) % 256) },
        { fileName: 'good.txt', bytes: bytes(REPORT) },
      ],
      (done) => progress.push(done),
    );
    expect(results.map((r) => r.ok)).toEqual([false, false, true]);
    expect(results[0]).toMatchObject({ error: expect.stringMatching(/empty/) });
    expect(progress).toEqual([1, 2, 3]);
    expect(listSources(c)).toHaveLength(1);
  });

  it('writes nothing when every file is refused', () => {
    const c = newCase();
    importSources(c, [{ fileName: 'empty.txt', bytes: new Uint8Array() }]);
    expect(c.db.prepare('SELECT count(*) FROM actions').pluck().get()).toBe(0);
  });
});

describe('metadata', () => {
  it('edits metadata and tags, validating each field', () => {
    const c = newCase();
    const [r] = importSources(c, [{ fileName: 'a.txt', bytes: bytes(REPORT) }]);
    if (!r?.ok) throw new Error('import failed');
    const edited = updateSource(c, r.id, {
      title: 'M23 enters Goma',
      outlet: 'Kivu Observer',
      reliability: 'B',
      url: 'https://example.org/goma',
      language: 'en',
      publishedAt: '2025-02-21',
      tags: ['Regions/North Kivu'],
    });
    expect(edited).toMatchObject({
      title: 'M23 enters Goma',
      outlet: 'Kivu Observer',
      reliability: 'B',
      tags: ['Regions/North Kivu'],
    });
    expect(refusal(() => updateSource(c, r.id, { reliability: 'G' as never })).message).toMatch(
      /A \(reliable\) to F/,
    );
    expect(refusal(() => updateSource(c, r.id, { url: 'javascript:alert(1)' })).message).toMatch(/http/);
    expect(refusal(() => updateSource(c, r.id, { publishedAt: '22/02/2025' })).code).toBe('bad-input');
    expect(refusal(() => updateSource(c, r.id, { title: '' })).message).toMatch(/needs a title/);
    expect(getSource(c, r.id).title).toBe('M23 enters Goma');
  });

  it('filters the library by tag, outlet and publication window', () => {
    const c = newCase();
    const results = importSources(c, [
      { fileName: 'a.txt', bytes: bytes('date 2025-01-10\nsource: Kivu Observer\nRebels advanced.') },
      { fileName: 'b.txt', bytes: bytes('date 2025-02-10\nsource: Lake Times\nTalks resumed.') },
    ]);
    const [a] = results;
    if (!a?.ok) throw new Error('import failed');
    updateSource(c, a.id, { tags: ['Regions/North Kivu'] });
    expect(listSources(c, { tag: 'Regions' }).map((s) => s.id)).toEqual([a.id]);
    expect(listSources(c, { outlet: 'lake times' })).toHaveLength(1);
    expect(listSources(c, { from: '2025-02-01' }).map((s) => s.outlet)).toEqual(['Lake Times']);
    expect(listSources(c, { to: '2025-01-31' }).map((s) => s.outlet)).toEqual(['Kivu Observer']);
  });

  it('deletes a source with its claims; importing it again brings the source back', () => {
    const c = newCase();
    const [r] = importSources(c, [{ fileName: 'a.txt', bytes: bytes(REPORT) }]);
    if (!r?.ok) throw new Error('import failed');
    createClaim(c, { anchor: { sourceId: r.id, quote: 'last Sunday' }, statement: 'Sunday' });
    deleteSource(c, r.id);
    expect(listSources(c)).toEqual([]);
    expect(listClaims(c)).toEqual([]);
    const [again] = importSources(c, [{ fileName: 'a.txt', bytes: bytes(REPORT) }]);
    expect(again).toMatchObject({ ok: true, duplicate: false, id: r.id });
    expect(listSources(c)).toHaveLength(1);
  });
});
