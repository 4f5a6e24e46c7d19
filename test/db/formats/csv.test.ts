// The claims CSV for spreadsheets: one row per claim with every column an analyst filters on, a UTF-8 byte
// order mark, and Arabic, accented and emoji text that survives the round trip through a CSV parser.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createClaim, updateClaim } from '../../../db/claims.ts';
import { CSV_COLUMNS, exportCsv } from '../../../db/export.ts';
import { addReview } from '../../../db/reviews.ts';
import { updateSource } from '../../../db/sources.ts';
import { addSource, newCase, tempDir } from '../../helpers.ts';

/** RFC 4180 as spreadsheet programs read it: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let at = 0;
  const endField = () => {
    row.push(field);
    field = '';
  };
  while (at < text.length) {
    if (text[at] === '"' && field === '') {
      // A quoted field runs to the next quote that is not doubled.
      at += 1;
      for (;;) {
        const close = text.indexOf('"', at);
        if (close === -1) throw new Error('unterminated quoted field');
        field += text.slice(at, close);
        if (text[close + 1] === '"') {
          field += '"';
          at = close + 2;
        } else {
          at = close + 1;
          break;
        }
      }
    } else if (text[at] === ',') {
      endField();
      at += 1;
    } else if (text.startsWith('\r\n', at)) {
      endField();
      rows.push(row);
      row = [];
      at += 2;
    } else {
      field += text[at];
      at += 1;
    }
  }
  if (field !== '' || row.length > 0) {
    endField();
    rows.push(row);
  }
  return rows;
}

const ARABIC = `date 2025-02-22 غوما — قالت وزارة الصحة إن 700 شخص لقوا حتفهم في غوما، بحسب مسؤولين. 🚀
Le ministère a déclaré que l’aéroport était fermé, « à cause des combats ». 😢 Ça a duré trois jours.
`;

describe('claims CSV', () => {
  it('starts with the UTF-8 BOM and keeps Arabic, accents and emoji through a CSV parser', () => {
    const c = newCase();
    const sourceId = addSource(c, ARABIC, 'غوما.txt');
    updateSource(c, sourceId, {
      title: 'تقرير غوما — «Rapport» 🚀',
      outlet: 'Radio Okapi, édition spéciale',
    });
    const arabic = createClaim(c, {
      anchor: { sourceId, quote: 'قالت وزارة الصحة إن 700 شخص لقوا حتفهم في غوما' },
      statement: 'وزارة الصحة: 700 قتيل 😢',
      claimant: 'وزارة الصحة',
      date: '2025-02~',
      place: 'غوما',
      actors: ['M23', 'FARDC'],
      tags: ['Lieux/Goma', 'Acteurs/Ministère'],
    });
    const french = createClaim(c, {
      anchor: { sourceId, quote: 'l’aéroport était fermé, « à cause des combats ». 😢 Ça a duré' },
      statement: 'L’aéroport, "fermé"\ntrois jours',
      claimant: 'le ministère',
      date: '2025-02-20/2025-02-22',
      status: 'verified',
    });
    addReview(c, arabic.id, 'quote-mismatch');
    addReview(c, arabic.id, 'citation-ok');
    addReview(c, french.id, 'citation-ok');
    updateClaim(c, french.id, { claimant: 'le ministère de la Santé' });

    const file = join(tempDir(), 'claims.csv');
    writeFileSync(file, exportCsv(c));
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // As a spreadsheet reads it: UTF-8, the BOM taken as the encoding's mark, not as text.
    const text = new TextDecoder('utf-8').decode(bytes);
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(2);
    const records = rows.map((row) => Object.fromEntries(header!.map((name, i) => [name, row[i]])));
    const byId = new Map(records.map((r) => [r.id, r]));

    expect(byId.get(arabic.id)).toMatchObject({
      sourceTitle: 'تقرير غوما — «Rapport» 🚀',
      outlet: 'Radio Okapi, édition spéciale',
      publishedAt: '2025-02-22',
      quote: 'قالت وزارة الصحة إن 700 شخص لقوا حتفهم في غوما',
      statement: 'وزارة الصحة: 700 قتيل 😢',
      claimant: 'وزارة الصحة',
      date: '2025-02~',
      place: 'غوما',
      actors: 'M23; FARDC',
      tags: 'Acteurs/Ministère; Lieux/Goma',
      status: 'draft',
      verdicts: 'quote-mismatch; citation-ok',
      latestVerdict: 'citation-ok',
      latestVerdictStale: 'no',
    });
    expect(byId.get(french.id)).toMatchObject({
      quote: 'l’aéroport était fermé, « à cause des combats ». 😢 Ça a duré',
      statement: 'L’aéroport, "fermé"\ntrois jours',
      claimant: 'le ministère de la Santé',
      date: '2025-02-20/2025-02-22',
      earliest: '2025-02-20',
      latest: '2025-02-22',
      status: 'verified',
      latestVerdict: 'citation-ok',
      // Edited after its review: the verdict no longer covers what the claim says.
      latestVerdictStale: 'yes',
      place: '',
    });
    // Offsets are the engine's, in UTF-16 code units, as the quote's position in the source text.
    expect(Number(byId.get(arabic.id)!.end) - Number(byId.get(arabic.id)!.start)).toBe(arabic.quote.length);
  });

  it('leaves the review columns empty for an unreviewed claim', () => {
    const c = newCase();
    const sourceId = addSource(c, ARABIC);
    createClaim(c, { anchor: { sourceId, quote: 'Ça a duré trois jours' }, statement: 'Trois jours.' });
    const [header, row] = parseCsv(exportCsv(c).slice(1));
    const record = Object.fromEntries(header!.map((name, i) => [name, row![i]]));
    expect(record).toMatchObject({ verdicts: '', latestVerdict: '', latestVerdictStale: '' });
  });
});
