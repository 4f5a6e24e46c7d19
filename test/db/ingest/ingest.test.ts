// Tests of the importer front door through ingestFileSync (the same checks as ingestFile): the choice of importer
// and every refusal, with messages that name only the base name.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AttestError } from '../../../db/errors.ts';
import { MAX_SOURCE_BYTES, importerFor, ingestFileSync, normalizeText } from '../../../db/ingest/index.ts';
import { fixture, thrown, utf8 } from './fixtures.ts';

const folder = '/home/ines/cases/velmora';

describe('ingestFileSync', () => {
  it('reads .md and .markdown as Markdown and everything textual else as plain text', () => {
    expect(ingestFileSync(`${folder}/front-matter.md`, fixture('front-matter.md')).format).toBe('md');
    expect(ingestFileSync('talks.markdown', fixture('front-matter.md')).format).toBe('md');
    const text = ingestFileSync(`${folder}/no-header.txt`, fixture('no-header.txt'));
    expect(text.format).toBe('txt');
    expect(text.mediaType).toBe('text/plain');
    // Front matter in a .txt file is text, not metadata: only the name says Markdown.
    expect(ingestFileSync('notes', fixture('front-matter.md')).text.startsWith('---\n')).toBe(true);
  });

  it('chooses the importer by content: binary garbage named .txt or .md has none', () => {
    expect(importerFor('garbage.txt', fixture('garbage.txt'))).toBeUndefined();
    expect(importerFor('garbage.md', fixture('garbage.txt'))).toBeUndefined();
  });

  it('normalizes the text it returns', () => {
    const source = ingestFileSync('bom-crlf.txt', fixture('bom-crlf.txt'));
    expect(source.text).toBe(
      'Caf\u00e9 owners in Port Calder closed early.\n' +
        'The army said the curfew starts at 8 p.m.\nResidents queued for bread.',
    );
    expect(source.metadata.title).toBe('Caf\u00e9 owners in Port Calder closed early');
  });

  it('decodes windows-1252 when the bytes are not UTF-8', () => {
    expect(ingestFileSync('windows-1252.txt', fixture('windows-1252.txt')).text).toContain('caf\u00e9s');
  });

  it('reads UTF-16 text with a BOM', () => {
    expect(ingestFileSync('utf16le.txt', fixture('utf16le.txt')).text).toBe(
      'The harbour of Port Calder reopened on Tuesday, the port authority said.',
    );
  });

  it('survives large inputs that defeat backtracking regular expressions', () => {
    // Each of these once threw "Maximum call stack size exceeded" instead of importing.
    const size = 12 * 1024 * 1024;
    const capitals = ingestFileSync('capitals.txt', utf8('AB CD '.repeat(size / 6)));
    expect(capitals.text.length).toBe(size - 1);
    const blankLines = ingestFileSync('blank-lines.md', utf8(`${' \n'.repeat(size / 2)}Text.`));
    expect(blankLines.text).toBe('Text.');
    const longValue = ingestFileSync('long.md', utf8(`---\ntitle: "${'a'.repeat(size)}"\n---\nText.`));
    expect(longValue.text.startsWith('---\ntitle: "aaa')).toBe(true);
  });

  it('exports the 50 MiB limit', () => {
    expect(MAX_SOURCE_BYTES).toBe(50 * 1024 * 1024);
  });
});

describe('ingestFile refusals', () => {
  const refusal = (fileName: string, bytes: Uint8Array, maxBytes?: number): string => {
    const error = thrown(() => ingestFileSync(fileName, bytes, maxBytes === undefined ? {} : { maxBytes }));
    expect(error.code).toBe('bad-input');
    // One sentence, the base name only: a message never carries the analyst's folders.
    expect(error.message).not.toContain(folder);
    expect(error.message.replace(/"[^"]*"/, 'NAME')).toMatch(/^[^\n]*[^.\n]\.$/);
    expect(error.message.replace(/"[^"]*"/, 'NAME')).not.toMatch(/\. /);
    return error.message;
  };

  it('refuses an empty file', () => {
    expect(refusal(`${folder}/empty.txt`, fixture('empty.txt'))).toBe(
      '"empty.txt" is empty (0 bytes), so there is nothing to import.',
    );
  });

  it('refuses binary garbage named .txt', () => {
    expect(refusal(`${folder}/garbage.txt`, fixture('garbage.txt'))).toBe(
      '"garbage.txt" is not a text file: it contains binary data.',
    );
  });

  it('refuses text whose binary part starts after the first 64 KiB', () => {
    const bytes = new Uint8Array(70 * 1024).fill(0x61);
    bytes.set(fixture('garbage.txt'), 66 * 1024);
    expect(refusal(`${folder}/late.txt`, bytes)).toBe(
      '"late.txt" is not a text file: it contains binary data.',
    );
  });

  it('refuses a file over the size limit', () => {
    const bytes = utf8('The harbour was closed on Friday.');
    expect(refusal(`${folder}/big.txt`, bytes, 32)).toBe(
      '"big.txt" is 33 bytes, over the 32 bytes limit for a source.',
    );
    expect(ingestFileSync('fits.txt', bytes, { maxBytes: bytes.length }).text).toBe(
      'The harbour was closed on Friday.',
    );
  });

  it('states sizes in MiB and never rounds down to the limit', () => {
    const limit = 1024 * 1024;
    expect(refusal('big.txt', new Uint8Array(limit + 1).fill(0x61), limit)).toBe(
      '"big.txt" is 1.1 MiB, over the 1 MiB limit for a source.',
    );
  });

  it('refuses a file with nothing but white space', () => {
    expect(refusal(`${folder}/blank.txt`, fixture('blank.txt'))).toBe(
      '"blank.txt" contains only white space, so there is no text to import.',
    );
    expect(refusal('blank.md', utf8('\uFEFF \r\n'))).toBe(
      '"blank.md" contains only white space, so there is no text to import.',
    );
  });

  it('returns normalized text or refuses with bad-input, whatever the bytes', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.string({ unit: 'grapheme-composite' }).map(utf8)),
        fc.constantFrom('x.txt', 'x.md', 'x'),
        (bytes, fileName) => {
          try {
            const source = ingestFileSync(fileName, bytes);
            expect(normalizeText(source.text)).toBe(source.text);
            expect(source.text.trim()).not.toBe('');
            expect(source.metadata.title).not.toBe('');
          } catch (error) {
            expect(error).toBeInstanceOf(AttestError);
            expect((error as AttestError).code).toBe('bad-input');
          }
        },
      ),
    );
  });
});
