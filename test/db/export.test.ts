// Exports: the whole case as JSON with its history, claims as spreadsheet-safe CSV.
import { describe, expect, it } from 'vitest';
import { createClaim } from '../../db/claims.ts';
import { csvField, exportCsv, exportJson, EXPORT_FORMAT } from '../../db/export.ts';
import { addLink } from '../../db/links.ts';
import { addReview } from '../../db/reviews.ts';
import { addSource, newCase, REPORT } from '../helpers.ts';

/** A small RFC 4180 reader, enough to read back what exportCsv writes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (quoted && ch === '"' && text[i + 1] === '"') {
      field += '"';
      i += 1;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (!quoted && ch === ',') {
      row.push(field);
      field = '';
    } else if (!quoted && ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else {
      field += ch;
    }
  }
  return rows;
}

describe('export', () => {
  it('exports the whole case as JSON, with sources, claims, tags, links, reviews and history', () => {
    const c = newCase();
    const sourceId = addSource(c, REPORT);
    const a = createClaim(c, {
      anchor: { sourceId, quote: 'last Sunday' },
      statement: 'Sunday',
      tags: ['Actors/M23'],
    });
    const b = createClaim(c, { anchor: { sourceId, quote: 'A day earlier' }, statement: 'Saturday' });
    addLink(c, a.id, b.id, 'same-event');
    addReview(c, a.id, 'citation-ok');
    const json = exportJson(c) as Record<string, unknown[] | unknown>;
    expect(json.format).toBe(EXPORT_FORMAT);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    expect((json.sources as { text: string }[])[0]?.text).toContain('M23');
    expect(json.claims).toHaveLength(2);
    expect(json.tags).toHaveLength(2);
    expect(json.links).toHaveLength(1);
    expect(json.reviews).toHaveLength(1);
    const history = json.history as { changes: unknown[]; actions: unknown[]; authors: unknown[] };
    expect(history.authors).toEqual([{ id: expect.any(String), name: 'Ana Analyst' }]);
    expect(history.changes.length).toBeGreaterThan(5);
  });

  it('exports claims as CSV that keeps non-ASCII text and defuses formulas', () => {
    const c = newCase();
    const sourceId = addSource(
      c,
      'date 2025-02-22 Le ministère a déclaré: "=cmd" — 700 morts à Goma, selon l’ONU.',
    );
    createClaim(c, {
      anchor: { sourceId, quote: '700 morts à Goma' },
      statement: '=HYPERLINK("x") 700 dead, "officially"',
      claimant: 'ministère',
      date: '2025-02-21',
      tags: ['Lieux/Goma'],
    });
    addReview(c, listId(c), 'citation-ok');
    const csv = exportCsv(c);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [header, row] = parseCsv(csv.slice(1));
    const record = Object.fromEntries(header!.map((h, i) => [h, row![i]]));
    expect(record).toMatchObject({
      quote: '700 morts à Goma',
      claimant: 'ministère',
      date: '2025-02-21',
      tags: 'Lieux/Goma',
      verdicts: 'citation-ok',
      publishedAt: '2025-02-22',
    });
    expect(record.statement).toBe(`'=HYPERLINK("x") 700 dead, "officially"`);
    expect(csvField('-1')).toBe("'-1");
    expect(csvField('a\nb')).toBe('"a\nb"');
  });
});

function listId(c: Parameters<typeof exportCsv>[0]): string {
  return c.db.prepare('SELECT id FROM claims LIMIT 1').pluck().get() as string;
}
