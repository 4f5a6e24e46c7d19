// Tests of the HTML importer: article text without navigation, ads or scripts; metadata from the page's head; charset.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { htmlImporter } from '../../../db/ingest/html.ts';
import { looksLikeText } from '../../../db/ingest/normalize.ts';
import { ingestFile } from '../../../db/ingest/index.ts';
import { fixture, rejection, utf8 } from './fixtures.ts';

const pwned = () => (globalThis as { attestPwned?: unknown }).attestPwned;

describe('the HTML importer', () => {
  it('keeps the article as paragraphs and drops navigation, ads, asides, footers and scripts', async () => {
    const source = await ingestFile('/home/ines/saved/port-calder.html', fixture('article.html'));
    expect(source.format).toBe('html');
    expect(source.mediaType).toBe('text/html');
    const paragraphs = source.text.split('\n\n');
    expect(paragraphs).toContain(
      'PORT CALDER, Feb 22 (Meridian Wire) — Rebels of the Velmora Liberation Front entered the port city of ' +
        'Port Calder last Sunday, the provincial governor said in a statement read on regional radio.',
    );
    // <br> is a line break inside its paragraph.
    expect(paragraphs).toContain(
      'A day earlier, fighting closed the airport.\nFlights to the capital were suspended until further ' +
        'notice, the airline said.',
    );
    expect(source.text.endsWith('running out of fuel for their generators.')).toBe(true);
    for (const chrome of [
      'Sign in',
      'Buy cheap flights',
      'Most read',
      'Football scores',
      'All rights reserved',
    ]) {
      expect(source.text).not.toContain(chrome);
    }
    for (const code of ['attestPwned', 'Injected by a script', 'document.write', 'iframe', 'onerror']) {
      expect(source.text).not.toContain(code);
    }
  });

  it('runs nothing the page holds: no script, event handler or frame', async () => {
    delete (globalThis as { attestPwned?: unknown }).attestPwned;
    await ingestFile('port-calder.html', fixture('article.html'));
    // Give any timer or handler a page could have scheduled the chance to run.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pwned()).toBeUndefined();
  });

  it('reads title, outlet, authors, date, canonical URL and language from the head', async () => {
    const { metadata } = await ingestFile('port-calder.html', fixture('article.html'));
    expect(metadata).toEqual({
      title: 'Rebels enter Port Calder as governor flees',
      outlet: 'Meridian Wire',
      author: 'Ines Okello, Tomas Reyes',
      // JSON-LD NewsArticle inside @graph, its zone turned into UTC.
      publishedAt: '2025-02-22T07:30:00Z',
      url: 'https://meridian.example/world/2025/02/22/port-calder',
      language: 'en-GB',
    });
  });

  it('decodes the charset a meta tag declares and takes <time datetime> as the date', async () => {
    const bytes = fixture('latin1.html');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const source = await ingestFile('cafes.html', bytes);
    expect(source.text).toContain(
      "Les propriétaires de cafés à Port Calder ont fermé tôt mardi, après l'annonce",
    );
    expect(source.metadata).toMatchObject({
      title: 'Les cafés de Port Calder ferment tôt',
      author: 'Amélie Durand',
      publishedAt: '2025-02-25',
      language: 'fr-FR',
    });
  });

  it('prefers article:published_time and og:url when the page has no JSON-LD or canonical link', async () => {
    const page =
      '<html><head><meta property="article:published_time" content="2025-03-01T12:00:00Z">' +
      '<meta property="og:url" content="https://outlet.example/story"><title>Story</title></head>' +
      '<body><p>The ceasefire held overnight, both sides said.</p></body></html>';
    const { metadata, text } = await ingestFile('story.htm', utf8(page));
    expect(text).toBe('The ceasefire held overnight, both sides said.');
    expect(metadata.publishedAt).toBe('2025-03-01T12:00:00Z');
    expect(metadata.url).toBe('https://outlet.example/story');
  });

  it('refuses a page with no readable text', async () => {
    const error = await rejection(ingestFile('/home/ines/gallery.html', fixture('no-text.html')));
    expect(error.code).toBe('bad-input');
    expect(error.message).toBe(
      '"gallery.html" has no readable text: the page holds only markup, scripts or images.',
    );
  });

  it('is chosen by content: a page saved as .txt is HTML, a text mentioning <html> later is not', () => {
    expect(htmlImporter.sniff('page.txt', fixture('article.html'))).toBe(true);
    expect(htmlImporter.sniff('x', utf8('\uFEFF  <!-- saved --> <body><p>Hi</p></body>'))).toBe(true);
    expect(htmlImporter.sniff('notes.txt', utf8('Use the <html> tag to start a page.'))).toBe(false);
    expect(htmlImporter.sniff('garbage.html', fixture('garbage.txt'))).toBe(false);
  });

  it('refuses early only what the full test of the first 1024 bytes would refuse', () => {
    const HTML_START =
      /^(?:\s|<!--[\s\S]*?-->|<\?xml[^>]*>)*<(?:!doctype\s+html|html|head|body|article|meta|title)[\s>/]/i;
    const reference = (bytes: Uint8Array): boolean => {
      if (!looksLikeText(bytes)) return false;
      const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
      return HTML_START.test(new TextDecoder('latin1').decode(bytes.subarray(start, start + 1024)));
    };
    const piece = fc.oneof(
      fc.constantFrom('<html>', '<!-- c -->', '<?xml v?>', '<body ', '<p>', ' ', '\n', '\t', '\u00a0', 'x'),
      fc.constantFrom('\uFEFF', '\u2028', '\u3000', '\u0085', '<', '>', '<!DOCTYPE html>', ' '.repeat(1030)),
      // Single bytes as a legacy (one byte per character) file has them: 0xA0 is a no-break space there.
      fc.constantFrom(0xa0, 0x85, 0x0b, 0x1c, 0xef).map((byte) => String.fromCharCode(byte)),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 10 }), (pieces) => {
        const text = pieces.join('');
        // Latin-1 bytes when every character fits in one byte, else UTF-8: both kinds of file get asked.
        const oneByte = [...text].every((character) => character.charCodeAt(0) <= 0xff);
        const bytes = oneByte ? Buffer.from(text, 'latin1') : utf8(text);
        expect(htmlImporter.sniff('x', bytes)).toBe(reference(bytes));
      }),
      { numRuns: 2000 },
    );
  });
});
