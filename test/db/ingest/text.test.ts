// Tests of the plain-text importer: the run-in metadata header, datelines, and the fallback title.
import { describe, expect, it } from 'vitest';
import { parseTextHeader, textImporter } from '../../../db/ingest/text.ts';
import { fallbackTitle, shortenTitle } from '../../../db/ingest/title.ts';
import { fixture, thrown, utf8 } from './fixtures.ts';

const extract = (text: string) => textImporter.extract('report.txt', utf8(text));

describe('plain text metadata header', () => {
  it('takes a `date` run into the first sentence and starts the text at the sentence', () => {
    const source = textImporter.extract('same-line-date.txt', fixture('same-line-date.txt'));
    expect(source.metadata.publishedAt).toBe('2025-02-22');
    expect(source.text.startsWith('PORT CALDER — Fighters of the Tarsen Liberation Front')).toBe(true);
    expect(source.text.endsWith('14 wounded people had arrived since Friday.')).toBe(true);
    expect(source.metadata.title).toBe(
      'Fighters of the Tarsen Liberation Front pushed into the northern districts of…',
    );
  });

  it('takes date, title and source on one line, each ended by the next key', () => {
    const source = textImporter.extract('same-line-fields.txt', fixture('same-line-fields.txt'));
    expect(source.metadata).toEqual({
      title: 'Fighting near Port Calder',
      outlet: 'Meridian Wire',
      publishedAt: '2025-02-22',
    });
    expect(source.text.startsWith('The rebels said they had taken the airport road')).toBe(true);
  });

  it('drops the separators scrapers put between fields on one line', () => {
    for (const separator of ['|', ';']) {
      const source = extract(
        `title: Fighting near Port Calder ${separator} date: 2025-02-22 ${separator} source: Meridian Wire\nThe rebels said so.`,
      );
      expect(source.metadata).toEqual({
        title: 'Fighting near Port Calder',
        outlet: 'Meridian Wire',
        publishedAt: '2025-02-22',
      });
    }
  });

  it('takes fields on their own lines, with CRLF, and the agency from the dateline', () => {
    const source = textImporter.extract('header-lines.txt', fixture('header-lines.txt'));
    expect(source.metadata).toEqual({
      title: 'The Tarsen Liberation Front said on Saturday it controlled the airport, two…',
      outlet: 'Coastline Post',
      author: 'Ines Marlow',
      url: 'https://news.example/velmora/port-calder-airport',
      publishedAt: '2025-02-22',
    });
    // The dateline is part of the report: it stays in the text.
    expect(source.text.startsWith('PORT CALDER, Feb 22 (Coastline Post) - The Tarsen')).toBe(true);
    expect(source.text).not.toContain('\r');
  });

  it.each([
    ['date 2025-02-22 ', '2025-02-22'],
    ['Date: 2025/02/22\n', '2025-02-22'],
    ['DATE 22 February 2025 ', '2025-02-22'],
    ['date: February 22, 2025\n', '2025-02-22'],
    ['date 2025-02-22T08:15:00+01:00 ', '2025-02-22T07:15:00Z'],
  ])('reads the date of %j', (header, publishedAt) => {
    const source = extract(`${header}PORT CALDER — The harbour was closed.`);
    expect(source.metadata.publishedAt).toBe(publishedAt);
    expect(source.text).toBe('PORT CALDER — The harbour was closed.');
  });

  it('splits a same-line source from the first sentence before a sentence opener or a dateline', () => {
    expect(extract('date: 2025-02-22 source: Meridian Wire The rebels said so.').metadata.outlet).toBe(
      'Meridian Wire',
    );
    const dateline = extract(
      'date 2025-02-22 source: Lakeside Radio PORT CALDER, Velmora — Shelling resumed.',
    );
    expect(dateline.metadata.outlet).toBe('Lakeside Radio');
    expect(dateline.text).toBe('PORT CALDER, Velmora — Shelling resumed.');
  });

  it('ends a same-line source at a dash or an opening quote', () => {
    const dash = extract('date: 2025-02-22 source: Meridian Wire — Shelling resumed.');
    expect(dash.metadata.outlet).toBe('Meridian Wire');
    expect(dash.text).toBe('Shelling resumed.');
    const quote = extract(
      'date: 2025-02-22 source: Meridian Wire "We will not retreat," the commander said.',
    );
    expect(quote.metadata.outlet).toBe('Meridian Wire');
    expect(quote.text).toBe('"We will not retreat," the commander said.');
  });

  it('removes quotes around a value and angle brackets around a URL', () => {
    const source = extract(
      'title: “Fighting near Port Calder”\nurl: <https://news.example/a>\nThe rebels said.',
    );
    expect(source.metadata).toEqual({ title: 'Fighting near Port Calder', url: 'https://news.example/a' });
    expect(source.text).toBe('The rebels said.');
    expect(extract('title: "Fighting" near "Lisk"\nText.').metadata.title).toBe('"Fighting" near "Lisk"');
  });

  it('leaves a same-line source in the text when nothing shows where the name ends', () => {
    // "Meridian Wire Velmoran" or "Meridian Wire"? Guessing wrong would delete a word of the report.
    const source = extract('date: 2025-02-22 source: Meridian Wire Velmoran troops withdrew.');
    expect(source.metadata.publishedAt).toBe('2025-02-22');
    expect(source.metadata.outlet).toBeUndefined();
    expect(source.text).toBe('source: Meridian Wire Velmoran troops withdrew.');
  });

  it('reads author and url on the same line', () => {
    const source = extract(
      'date 2025-02-22 url https://news.example/a author: Teo Vasquez The army said it had withdrawn.',
    );
    expect(source.metadata).toMatchObject({ url: 'https://news.example/a', author: 'Teo Vasquez' });
    expect(source.text).toBe('The army said it had withdrawn.');
  });

  it('separators between fields are part of the header', () => {
    const source = extract('date: 2025-02-22 | source: Meridian Wire | The rebels said so.');
    expect(source.metadata.outlet).toBe('Meridian Wire');
    expect(source.text).toBe('The rebels said so.');
  });

  it('leaves a body that starts with "Sources say" untouched', () => {
    const bytes = fixture('sources-say.txt');
    const source = textImporter.extract('sources-say.txt', bytes);
    expect(source.text).toBe(new TextDecoder().decode(bytes).trim());
    expect(source.metadata).toEqual({
      title: 'Sources say the Tarsen Liberation Front has moved artillery to the hills above…',
    });
  });

  it('leaves "Title IX ..." untouched, even after a date header', () => {
    const body = new TextDecoder().decode(fixture('title-ix.txt')).trim();
    expect(textImporter.extract('title-ix.txt', fixture('title-ix.txt')).text).toBe(body);
    const dated = extract(`date 2025-02-22\n${body}`);
    expect(dated.text).toBe(body);
    expect(dated.metadata.publishedAt).toBe('2025-02-22');
  });

  it.each([
    'Date palms line the harbour road.',
    'date 2025-02-30 was printed on the leaflets.',
    'Source: unnamed officials said the road was closed.',
    'Author Ines Marlow has reported from Port Calder since 2019.',
    'Language barriers slowed the aid convoy.',
    'URL shorteners hid the origin of the leaflets.',
  ])('treats %j as text, not metadata', (text) => {
    const source = extract(text);
    expect(source.text).toBe(text);
    expect(source.metadata.publishedAt).toBeUndefined();
    expect(source.metadata.outlet).toBeUndefined();
    expect(source.metadata.author).toBeUndefined();
  });

  it('takes a title without a colon only when a newline or the next key ends it', () => {
    expect(extract('date 2025-02-22 title Fighting near Port Calder\nThe rebels said.').metadata.title).toBe(
      'Fighting near Port Calder',
    );
    expect(extract('title Fighting near Port Calder date 2025-02-22 The rebels said.').metadata).toEqual({
      title: 'Fighting near Port Calder',
      publishedAt: '2025-02-22',
    });
    // No end in sight: the title could be any prefix of the sentence, so nothing is taken.
    const runOn = 'title Fighting near Port Calder source Meridian Wire The rebels said.';
    expect(extract(runOn).text).toBe(runOn);
  });

  it('does not take a one-line article as its own title', () => {
    const article = `date: 2025-02-22 title: Fighting near Port Calder ${'and the rebels said more. '.repeat(12)}`;
    const source = extract(article);
    expect(source.metadata.publishedAt).toBe('2025-02-22');
    expect(source.text.startsWith('title: Fighting near Port Calder and the rebels')).toBe(true);
  });

  it('keeps the first value of a key that appears twice and leaves the second in the text', () => {
    const source = extract('date 2025-02-22 date 2025-02-23 The rebels said.');
    expect(source.metadata.publishedAt).toBe('2025-02-22');
    expect(source.text).toBe('date 2025-02-23 The rebels said.');
  });

  it('refuses a file that is only a header', () => {
    expect(
      thrown(() => textImporter.extract('/tmp/x/only-header.txt', fixture('only-header.txt'))).message,
    ).toBe('"only-header.txt" contains only a metadata header and no text to import.');
  });

  it('reads windows-1252 text and its header', () => {
    const source = textImporter.extract('windows-1252.txt', fixture('windows-1252.txt'));
    expect(source.metadata.publishedAt).toBe('2025-02-24');
    expect(source.text).toBe(
      'LISK \u2013 The donors\u2019 conference pledged \u20ac40 million for Velmora. ' +
        '\u201cWe will rebuild the caf\u00e9s and the schools,\u201d the minister said.',
    );
  });
});

describe('parseTextHeader', () => {
  it('reports where the body starts', () => {
    const text = 'date 2025-02-22\nsource Meridian Wire\n\nPORT CALDER — Text.';
    const header = parseTextHeader(text);
    expect(header).toEqual({ date: '2025-02-22', source: 'Meridian Wire', bodyStart: 38 });
    expect(text.slice(header.bodyStart)).toBe('PORT CALDER — Text.');
  });

  it('ignores key-and-word fields with nothing unmistakable beside them', () => {
    expect(parseTextHeader('source Meridian Wire\nauthor Ines Marlow\nText.')).toEqual({ bodyStart: 0 });
  });
});

describe('datelines and titles', () => {
  it('takes the agency of a dateline as the outlet when no source is given', () => {
    const source = textImporter.extract('dateline-outlet.txt', fixture('dateline-outlet.txt'));
    expect(source.metadata.outlet).toBe('Meridian Wire');
    expect(source.metadata.title).toBe(
      "Velmora's government said on Sunday that talks with the Tarsen Liberation Front…",
    );
    expect(source.text.startsWith('PORT CALDER, Feb 23 (Meridian Wire) - ')).toBe(true);
  });

  it('prefers the header source over the dateline agency', () => {
    expect(extract('source: Lakeside Radio\nPORT CALDER (Meridian Wire) — Text.').metadata.outlet).toBe(
      'Lakeside Radio',
    );
  });

  it('takes no outlet from a dateline without an agency', () => {
    expect(extract('GOMA, Democratic Republic of Velmora — Text here.').metadata.outlet).toBeUndefined();
  });

  it('falls back to the first sentence, shortened at a word boundary', () => {
    const source = textImporter.extract('no-header.txt', fixture('no-header.txt'));
    expect(source.metadata.title).toBe(
      'Thousands of residents of the lakeside districts of Port Calder fled overnight…',
    );
    expect(Array.from(source.metadata.title).length).toBeLessThanOrEqual(80);
  });

  it('ends the first sentence at the first full stop that is not an abbreviation', () => {
    expect(fallbackTitle('Gen. Aldo Renn said the U.S. Embassy was closed. It reopened later.')).toBe(
      'Gen. Aldo Renn said the U.S. Embassy was closed',
    );
    expect(fallbackTitle('Is the ceasefire over? Nobody knows.')).toBe('Is the ceasefire over?');
  });

  it('shortens without splitting a character or leaving a dangling comma', () => {
    expect(shortenTitle('One, two, three', 10)).toBe('One, two…');
    expect(shortenTitle('🙂'.repeat(20), 10)).toBe(`${'🙂'.repeat(9)}…`);
  });
});
