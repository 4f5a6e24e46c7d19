// Tests of the PDF importer on PDFs made at test time: paragraphs, the page map, metadata, and every refusal.
import { describe, expect, it } from 'vitest';
import { pageAt } from '../../../electron/contract/index.ts';
import { ingestFile } from '../../../db/ingest/index.ts';
import { joinPages, layoutText, pdfDate, pdfImporter } from '../../../db/ingest/pdf.ts';
import { makeEncryptedPdf, makeImageOnlyPdf, makePdf } from './builders.ts';
import { rejection } from './fixtures.ts';

const PAGE_ONE = [
  'PORT CALDER, Feb 22 (Meridian Wire) - Rebels entered',
  'the port city last Sunday, the governor said.',
  '',
  'According to UN experts, about 4,000 fighters',
  'support the rebels.',
];
const PAGE_TWO = ['A day earlier, fighting closed the airport.'];
const PAGE_FOUR = ['The health ministry said 700 people had died.'];

describe('the PDF importer', () => {
  it('reads every page as paragraphs and records where each page starts', async () => {
    const bytes = await makePdf([PAGE_ONE, PAGE_TWO, [], PAGE_FOUR]);
    const source = await ingestFile('/home/ines/report.pdf', bytes);
    expect(source.format).toBe('pdf');
    expect(source.mediaType).toBe('application/pdf');
    expect(source.text).toBe(
      'PORT CALDER, Feb 22 (Meridian Wire) - Rebels entered the port city last Sunday, the governor said.\n\n' +
        'According to UN experts, about 4,000 fighters support the rebels.\n\n' +
        'A day earlier, fighting closed the airport.\n\n' +
        'The health ministry said 700 people had died.',
    );
    const pages = source.pages!;
    expect(pages).toHaveLength(4);
    expect(source.text.slice(pages[1], pages[1]! + 13)).toBe('A day earlier');
    // The empty third page starts where the fourth does: no offset falls on it.
    expect(pages[2]).toBe(pages[3]);
    expect(source.text.slice(pages[3])).toBe('The health ministry said 700 people had died.');
    expect(pageAt(pages, source.text.indexOf('4,000'))).toBe(1);
    expect(pageAt(pages, source.text.indexOf('airport'))).toBe(2);
    expect(pageAt(pages, source.text.indexOf('700'))).toBe(4);
  });

  it('takes Title, Author and CreationDate as metadata', async () => {
    const bytes = await makePdf([PAGE_TWO], {
      title: 'Situation report 12',
      author: 'Ines Okello',
      creationDate: new Date('2025-02-22T10:30:00Z'),
    });
    const { metadata } = await ingestFile('sitrep.pdf', bytes);
    expect(metadata).toEqual({
      title: 'Situation report 12',
      author: 'Ines Okello',
      publishedAt: '2025-02-22T10:30:00Z',
    });
  });

  it('titles a PDF without a Title by its first sentence', async () => {
    const { metadata } = await ingestFile('sitrep.pdf', await makePdf([PAGE_TWO]));
    expect(metadata.title).toBe('A day earlier, fighting closed the airport');
  });

  it('reads a PDF by its content, whatever its name', async () => {
    const bytes = await makePdf([PAGE_TWO]);
    expect((await ingestFile('looks-like-text.txt', bytes)).format).toBe('pdf');
    expect(pdfImporter.sniff('report.pdf', new TextEncoder().encode('Not a PDF at all'))).toBe(false);
  });

  it('refuses a PDF without a text layer, saying it needs OCR', async () => {
    const error = await rejection(ingestFile('/scans/scan.pdf', await makeImageOnlyPdf()));
    expect(error.code).toBe('bad-input');
    expect(error.message).toBe(
      '"scan.pdf" has no text layer: its pages are images (a scan?), so run OCR on it first and import the result.',
    );
  });

  it('refuses a password-protected PDF', async () => {
    const error = await rejection(ingestFile('secret.pdf', await makeEncryptedPdf()));
    expect(error.message).toBe(
      '"secret.pdf" is protected by a password; remove the protection, then import it again.',
    );
  });

  it('refuses a truncated PDF and a damaged one', async () => {
    const bytes = await makePdf([PAGE_ONE, PAGE_TWO]);
    const truncated = await rejection(ingestFile('cut.pdf', bytes.slice(0, Math.floor(bytes.length * 0.6))));
    expect(truncated.message).toBe(
      '"cut.pdf" is an incomplete PDF (its end is missing); save or download it again.',
    );
    const garbage = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage\n%%EOF\n');
    expect((await rejection(ingestFile('broken.pdf', garbage))).message).toBe(
      '"broken.pdf" is a damaged PDF and cannot be read.',
    );
  });

  it('refuses more pages, or more text, than a source may have', async () => {
    const bytes = await makePdf([PAGE_ONE, PAGE_TWO, PAGE_FOUR]);
    expect((await rejection(ingestFile('book.pdf', bytes, { maxPages: 2 }))).message).toBe(
      '"book.pdf" has 3 pages, over the 2-page limit for a source; split it into smaller files.',
    );
    expect((await rejection(ingestFile('book.pdf', bytes, { maxTextLength: 100 }))).message).toBe(
      '"book.pdf" holds more than 100 characters of text, over the limit for a source; split it into smaller files.',
    );
  });
});

describe('PDF layout helpers', () => {
  const item = (str: string, y: number, hasEOL = true) => ({
    str,
    y,
    hasEOL,
    transform: [1, 0, 0, 1, 50, y],
    height: 10,
  });

  it('joins lines into paragraphs at wide gaps and keeps a hyphenated word whole', () => {
    const text = layoutText([
      item('The rebels ad-', 700),
      item('vanced on Sunday.', 688),
      item('A new paragraph.', 660),
      { type: 'beginMarkedContent' },
    ]);
    expect(text).toBe('The rebels ad-vanced on Sunday.\n\nA new paragraph.');
  });

  it('maps pages to offsets, empty pages included', () => {
    expect(joinPages(['', 'One', '', '', 'Two', ''])).toEqual({
      text: 'One\n\nTwo',
      pages: [0, 0, 5, 5, 5, 8],
    });
  });

  it('reads PDF dates, with and without a time and zone', () => {
    expect(pdfDate("D:20250222103000+01'00'")).toBe('2025-02-22T09:30:00Z');
    expect(pdfDate('D:20250222')).toBe('2025-02-22');
    expect(pdfDate('D:2025')).toBeUndefined();
    expect(pdfDate('yesterday')).toBeUndefined();
  });
});
