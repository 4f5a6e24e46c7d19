// Tests of decoding and normalization: BOM, line ends, NFC, strict UTF-8 with the windows-1252 fallback.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  decodeSourceText,
  decodeUtf8,
  displayName,
  looksLikeText,
  normalizeText,
} from '../../../db/ingest/normalize.ts';
import { fixture, thrown, utf8 } from './fixtures.ts';

describe('normalizeText', () => {
  it('removes a leading BOM, turns CRLF and lone CR into LF, and composes to NFC', () => {
    expect(normalizeText('\uFEFFCafe\u0301\r\nline two\rline three\n')).toBe(
      'Caf\u00e9\nline two\nline three\n',
    );
  });

  it('keeps a BOM that is not at the start (it is text there, if odd)', () => {
    expect(normalizeText('a\uFEFFb')).toBe('a\uFEFFb');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-composite' }), (raw) => {
        const once = normalizeText(raw);
        expect(normalizeText(once)).toBe(once);
      }),
    );
  });
});

describe('decodeUtf8', () => {
  it('decodes valid UTF-8 and keeps the BOM for normalizeText to remove', () => {
    expect(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x41, 0xc3, 0xa9]))).toBe('\uFEFFA\u00e9');
  });

  it('falls back to windows-1252 for text that is not UTF-8', () => {
    const text = decodeUtf8(fixture('windows-1252.txt'), 'windows-1252.txt');
    expect(text).toContain('\u2013 The donors\u2019 conference pledged \u20ac40 million');
    expect(text).toContain('\u201cWe will rebuild the caf\u00e9s');
  });

  it('refuses invalid UTF-8 that contains NUL bytes', () => {
    const error = thrown(() => decodeUtf8(new Uint8Array([0x41, 0x00, 0xff, 0x42]), '/home/ines/x.txt'));
    expect(error.code).toBe('bad-input');
    expect(error.message).toBe('"x.txt" is not a text file: it contains binary data.');
  });

  it('refuses invalid UTF-8 full of control bytes rather than reading it as windows-1252', () => {
    const bytes = new Uint8Array([0x01, 0x02, 0xff, 0x03, 0x81, 0x8d, 0x41, 0x42]);
    expect(thrown(() => decodeUtf8(bytes)).message).toBe(
      'The file is not a text file: it contains binary data.',
    );
  });
});

describe('decodeSourceText', () => {
  it('normalizes a file with a BOM, CRLF, a lone CR and a decomposed accent', () => {
    expect(decodeSourceText('bom-crlf.txt', fixture('bom-crlf.txt'))).toBe(
      'Caf\u00e9 owners in Port Calder closed early.\n' +
        'The army said the curfew starts at 8 p.m.\nResidents queued for bread.\n',
    );
  });

  it('reads UTF-16 with a BOM, whose NUL bytes are text', () => {
    expect(decodeSourceText('utf16le.txt', fixture('utf16le.txt'))).toBe(
      'The harbour of Port Calder reopened on Tuesday, the port authority said.\n',
    );
  });

  it('refuses valid UTF-8 that is mostly control characters', () => {
    const bytes = utf8('ok\u0001\u0002\u0003\u0004\u0005\u0006 text');
    expect(thrown(() => decodeSourceText('log.txt', bytes)).message).toBe(
      '"log.txt" is not a text file: it contains binary data.',
    );
  });

  it('accepts one stray control character in a long text', () => {
    const text = `${'The harbour was quiet. '.repeat(10)}\u001a`;
    expect(decodeSourceText('old.txt', utf8(text))).toBe(text);
  });
});

describe('looksLikeText', () => {
  it('tells text from binary by content', () => {
    expect(looksLikeText(fixture('no-header.txt'))).toBe(true);
    expect(looksLikeText(fixture('windows-1252.txt'))).toBe(true);
    expect(looksLikeText(fixture('utf16le.txt'))).toBe(true);
    expect(looksLikeText(fixture('garbage.txt'))).toBe(false);
    expect(looksLikeText(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00]))).toBe(false);
    expect(looksLikeText(new Uint8Array())).toBe(false);
  });
});

describe('displayName', () => {
  it('shows the base name only, for POSIX and Windows paths', () => {
    expect(displayName('/home/ines/cases/velmora/report.txt')).toBe('report.txt');
    expect(displayName('C:\\Users\\ines\\report.txt')).toBe('report.txt');
    expect(displayName('line\nbreak.txt')).toBe('line?break.txt');
    expect(displayName('/home/ines/')).toBe('the file');
  });
});
