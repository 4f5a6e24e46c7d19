// Tests of the DOCX importer on documents zipped at test time: paragraphs, core properties, and the zip-bomb guard.
import { describe, expect, it } from 'vitest';
import { coreProperties, docxImporter } from '../../../db/ingest/docx.ts';
import { ingestFile } from '../../../db/ingest/index.ts';
import { docxParts, makeDocx, makeZip } from './builders.ts';
import { rejection } from './fixtures.ts';

const PARAGRAPHS = [
  'Rebels of the Velmora Liberation Front entered Port Calder last Sunday, the governor said.',
  '',
  'According to UN experts, about 4,000 fighters support the rebels & their allies.',
];

describe('the DOCX importer', () => {
  it('reads the paragraphs and the core properties', async () => {
    const bytes = makeDocx(PARAGRAPHS, {
      title: 'Field notes: Port Calder',
      creator: 'Amélie Durand',
      created: '2025-02-22T09:00:00Z',
      modified: '2025-02-23T18:00:00Z',
    });
    const source = await ingestFile('/home/ines/notes.docx', bytes);
    expect(source.format).toBe('docx');
    expect(source.mediaType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(source.text).toBe(`${PARAGRAPHS[0]}\n\n${PARAGRAPHS[2]}`);
    expect(source.metadata).toEqual({
      title: 'Field notes: Port Calder',
      author: 'Amélie Durand',
      publishedAt: '2025-02-22T09:00:00Z',
    });
  });

  it('falls back to the first sentence and the modification date', async () => {
    const { metadata } = await ingestFile('notes.docx', makeDocx(PARAGRAPHS, { modified: '2025-02-23' }));
    expect(metadata.title).toBe(
      'Rebels of the Velmora Liberation Front entered Port Calder last Sunday, the…',
    );
    expect(metadata.publishedAt).toBe('2025-02-23');
  });

  it('reads a Word document by its content, whatever its name', async () => {
    expect((await ingestFile('notes.bin', makeDocx(PARAGRAPHS))).format).toBe('docx');
    expect(docxImporter.sniff('notes.docx', new TextEncoder().encode('just text'))).toBe(false);
  });

  it('refuses a zip bomb disguised as .docx before unpacking it', async () => {
    const bomb = makeZip([
      ...docxParts(['Harmless looking.']),
      { name: 'word/media/padding.bin', data: new Uint8Array(30 * 1024 * 1024) },
    ]);
    expect(bomb.length).toBeLessThan(100 * 1024);
    const error = await rejection(ingestFile('/tmp/report.docx', bomb));
    expect(error.code).toBe('bad-input');
    expect(error.message).toMatch(
      /^"report\.docx" is compressed \d+ to 1, far beyond any real document \(a zip bomb\?\)\.$/,
    );
  });

  it('refuses an entry that unpacks to more than its headers declare', async () => {
    const parts = docxParts(['Harmless looking.']);
    const liar = makeZip([
      ...parts,
      { name: 'word/media/liar.bin', data: new Uint8Array(5 * 1024 * 1024), declaredSize: 1000 },
    ]);
    expect((await rejection(ingestFile('liar.docx', liar))).message).toBe(
      '"liar.docx" holds a file that unpacks to more than it declares (a zip bomb?).',
    );
  });

  it('refuses a declared total far beyond any document', async () => {
    const huge = makeZip([
      ...docxParts(['x']),
      { name: 'word/big.xml', data: 'x', declaredSize: 0xfffffff0 },
    ]);
    expect((await rejection(ingestFile('huge.docx', huge))).message).toBe(
      '"huge.docx" would unpack to more than 200 MiB, far more than a document needs (a zip bomb?).',
    );
  });

  it('refuses a damaged archive, a ZIP that is no Word document, and a document without text', async () => {
    const bytes = makeDocx(PARAGRAPHS);
    expect((await rejection(ingestFile('cut.docx', bytes.slice(0, bytes.length - 30)))).message).toBe(
      '"cut.docx" is not a complete ZIP archive (its table of contents is missing).',
    );
    const other = makeZip([{ name: 'readme.txt', data: 'hello' }]);
    expect((await rejection(ingestFile('other.docx', other))).message).toBe(
      '"other.docx" is a ZIP archive but not a Word document (it has no word/document.xml).',
    );
    expect((await rejection(ingestFile('blank.docx', makeDocx(['', ' '])))).message).toBe(
      '"blank.docx" has no text: the document is empty or holds only images.',
    );
  });

  it('reads core properties with entities decoded', () => {
    expect(
      coreProperties(
        '<cp:coreProperties><dc:title>Rock &amp; roll &#233;t&#xE9;</dc:title><dc:language>fr-FR</dc:language>' +
          '<dcterms:created xsi:type="dcterms:W3CDTF">not a date</dcterms:created></cp:coreProperties>',
      ),
    ).toEqual({ title: 'Rock & roll été', language: 'fr-FR' });
  });
});
