// Importing every format into a case: the page map stored with its source and its history, refusals that change
// nothing, the choice of importer by content, and migration 20 (sources.pages) on an older case.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { closeCase, createCase, openCase } from '../../../db/caseFile.ts';
import { AttestError } from '../../../db/errors.ts';
import { historyOf } from '../../../db/history.ts';
import { importerFor, ingestFile, ingestFileSync, normalizeText } from '../../../db/ingest/index.ts';
import { migrations } from '../../../db/migrations/index.ts';
import {
  getSource,
  importSources,
  importSourcesAsync,
  listSources,
  sourceOriginal,
} from '../../../db/sources.ts';
import { newCase, tempDir } from '../../helpers.ts';
import { makeDocx, makeEncryptedPdf, makeImageOnlyPdf, makePdf, makeZip, docxParts } from './builders.ts';
import { fixture, rejection, thrown, utf8 } from './fixtures.ts';

const PDF_PAGES = [
  ['Rebels entered Port Calder on Sunday.'],
  ['A day earlier, fighting closed the airport.'],
];

/** Every table a failed import could touch, as counts. */
function counts(c: ReturnType<typeof newCase>) {
  const count = (table: string) => c.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();
  return {
    sources: count('sources'),
    originals: count('originals'),
    changes: count('changes'),
    actions: count('actions'),
  };
}

describe('importing every format into a case', () => {
  it('stores a PDF with its page map, its original bytes, and the map in its creation record', async () => {
    const c = newCase();
    const bytes = await makePdf(PDF_PAGES, { title: 'Sitrep' });
    const [result] = await importSourcesAsync(c, [{ fileName: '/in/sitrep.pdf', bytes }]);
    if (!result?.ok) throw new Error(`import failed: ${JSON.stringify(result)}`);
    const source = getSource(c, result.id);
    expect(source.format).toBe('pdf');
    expect(source.title).toBe('Sitrep');
    expect(source.pages).toEqual([0, 'Rebels entered Port Calder on Sunday.'.length + 2]);
    expect(Buffer.from(sourceOriginal(c, result.id).bytes)).toEqual(Buffer.from(bytes));
    expect(sourceOriginal(c, result.id).mediaType).toBe('application/pdf');
    const [creation] = historyOf(c, [result.id]);
    expect(creation?.field).toBe('*');
    expect((creation?.value as { pages: unknown }).pages).toBe(JSON.stringify(source.pages));
  });

  it('imports every format in one call, and gives non-paged sources no page map', async () => {
    const c = newCase();
    const results = await importSourcesAsync(c, [
      { fileName: 'a.pdf', bytes: await makePdf(PDF_PAGES) },
      { fileName: 'b.docx', bytes: makeDocx(['Word text about the harbour.']) },
      { fileName: 'c.html', bytes: fixture('article.html') },
      { fileName: 'd.eml', bytes: fixture('curfew.eml') },
      { fileName: 'e.md', bytes: fixture('front-matter.md') },
      { fileName: 'f.txt', bytes: fixture('no-header.txt') },
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, true, true, true, true, true]);
    const formats = listSources(c)
      .map((s) => s.format)
      .sort();
    expect(formats).toEqual(['docx', 'eml', 'html', 'md', 'pdf', 'txt']);
    for (const summary of listSources(c)) {
      const { pages, format } = getSource(c, summary.id);
      expect(pages === null).toBe(format !== 'pdf');
    }
  });

  it('reports each bad file with its reason and leaves the case untouched by it', async () => {
    const c = newCase();
    const before = counts(c);
    const bad = [
      { fileName: 'empty.txt', bytes: fixture('empty.txt') },
      { fileName: 'garbage.txt', bytes: fixture('garbage.txt') },
      { fileName: 'scan.pdf', bytes: await makeImageOnlyPdf() },
      { fileName: 'secret.pdf', bytes: await makeEncryptedPdf() },
      {
        fileName: 'bomb.docx',
        bytes: makeZip([...docxParts(['x']), { name: 'word/pad', data: new Uint8Array(20 << 20) }]),
      },
      { fileName: 'no-text.html', bytes: fixture('no-text.html') },
    ];
    const results = await importSourcesAsync(c, bad);
    expect(results.every((r) => !r.ok)).toBe(true);
    expect(results.map((r) => (r.ok ? '' : r.error.split(' ')[0]))).toEqual(
      bad.map((f) => `"${f.fileName}"`),
    );
    expect(counts(c)).toEqual(before);
    // One bad file among good ones does not stop them.
    const mixed = await importSourcesAsync(c, [
      bad[2]!,
      { fileName: 'ok.pdf', bytes: await makePdf(PDF_PAGES) },
    ]);
    expect(mixed.map((r) => r.ok)).toEqual([false, true]);
    expect(listSources(c)).toHaveLength(1);
  });

  it('keeps the synchronous importSources for text, and calls a PDF there a programming error', async () => {
    const c = newCase();
    expect(importSources(c, [{ fileName: 'a.txt', bytes: fixture('no-header.txt') }])[0]?.ok).toBe(true);
    const pdf = await makePdf(PDF_PAGES);
    expect(thrown(() => importSources(c, [{ fileName: 'a.pdf', bytes: pdf }])).code).toBe('internal');
    expect(thrown(() => ingestFileSync('a.pdf', pdf)).code).toBe('internal');
  });
});

describe('choosing the importer by content', () => {
  it('asks PDF, DOCX, HTML, e-mail, Markdown, then plain text', async () => {
    const pdf = await makePdf(PDF_PAGES);
    const cases: [string, Uint8Array, string | undefined][] = [
      ['report.txt', pdf, 'pdf'],
      ['notes.zip', makeDocx(['Text.']), 'docx'],
      ['page.txt', fixture('article.html'), 'html'],
      ['page.md', fixture('article.html'), 'html'],
      ['mail.txt', fixture('curfew.eml'), 'eml'],
      ['notes.md', fixture('front-matter.md'), 'md'],
      ['notes', fixture('front-matter.md'), 'txt'],
      ['garbage.txt', fixture('garbage.txt'), undefined],
      ['garbage.pdf', fixture('garbage.txt'), undefined],
    ];
    for (const [name, bytes, format] of cases)
      expect([name, importerFor(name, bytes)?.format]).toEqual([name, format]);
  });

  it('refuses a 0-byte file of any name the same way', async () => {
    for (const name of ['a.pdf', 'a.docx', 'a.html', 'a.eml', 'a.txt']) {
      expect((await rejection(ingestFile(name, new Uint8Array()))).message).toBe(
        `"${name}" is empty (0 bytes), so there is nothing to import.`,
      );
    }
  });

  it('refuses extracted text over the length limit, for any format', async () => {
    const error = await rejection(ingestFile('long.html', fixture('article.html'), { maxTextLength: 50 }));
    expect(error.message).toMatch(
      /^"long\.html" holds [\d,]+ characters of text, over the 50 limit for a source; split it into smaller files\.$/,
    );
  });

  it('returns normalized text or refuses with bad-input, whatever the bytes and name', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }),
          fc.string().map((text) => utf8(`<html><body><p>${text}</p></body></html>`)),
          fc.string().map((text) => utf8(`%PDF-1.4\n${text}\n%%EOF`)),
          fc.uint8Array({ maxLength: 200 }).map((tail) => new Uint8Array([0x50, 0x4b, 3, 4, ...tail])),
          fc.string().map((text) => utf8(`From: a@b.c\nSubject: s\n\n${text}`)),
        ),
        fc.constantFrom('x.txt', 'x.pdf', 'x.docx', 'x.html', 'x.eml'),
        async (bytes, fileName) => {
          try {
            const source = await ingestFile(fileName, bytes);
            expect(normalizeText(source.text)).toBe(source.text);
            expect(source.text.trim()).not.toBe('');
            expect(source.metadata.title).not.toBe('');
          } catch (error) {
            expect(error).toBeInstanceOf(AttestError);
            expect((error as AttestError).code).toBe('bad-input');
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('migration 20: sources.pages', () => {
  it('adds an empty page map to the sources of a case made at schema 10, keeping them', () => {
    const path = join(tempDir(), 'old.attest');
    const old = createCase(path, { author: 'Ana', migrations: migrations.slice(0, 1) });
    expect(old.db.pragma('user_version', { simple: true })).toBe(10);
    old.db.prepare(`INSERT INTO authors (id, name) VALUES ('a1', 'Ana') ON CONFLICT DO NOTHING`).run();
    old.db
      .prepare(`INSERT INTO originals (sha256, media_type, bytes) VALUES ('o1', 'text/plain', x'41')`)
      .run();
    old.db
      .prepare(
        `INSERT INTO sources (id, sha256, text, original_sha256, file_name, format, title, created_at, created_by,
           updated_at, updated_by, hlc) VALUES ('s1', 'h1', 'Old text.', 'o1', 'old.txt', 'txt', 'Old', 1, 'a1', 1, 'a1', 'x')`,
      )
      .run();
    closeCase(old);
    const c = openCase(path, { author: 'Ana' });
    expect(c.db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)!.version);
    const source = getSource(c, 's1');
    expect(source.text).toBe('Old text.');
    expect(source.pages).toBeNull();
    closeCase(c);
  });

  it('is listed with its SQL file', () => {
    const sql = readFileSync(
      join(import.meta.dirname, '../../../db/migrations/0020_source_pages.sql'),
      'utf8',
    );
    expect(sql).toContain('ALTER TABLE sources ADD COLUMN pages TEXT');
    expect(migrations.map((m) => m.file)).toContain('0020_source_pages.sql');
  });
});
