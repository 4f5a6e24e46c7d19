// Tests of the HTML importer: article text without navigation, ads or scripts; metadata from the page's head; charset.
import { describe, expect, it } from 'vitest';
import { htmlImporter } from '../../../db/ingest/html.ts';
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
});
