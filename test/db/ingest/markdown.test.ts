// Tests of the Markdown importer: front matter to metadata, the heading as title, the text kept as written.
import { describe, expect, it } from 'vitest';
import { markdownImporter, parseFrontMatter } from '../../../db/ingest/markdown.ts';
import { fixture, thrown, utf8 } from './fixtures.ts';

const extract = (text: string) => markdownImporter.extract('notes.md', utf8(text));

describe('markdown importer', () => {
  it('reads front matter into metadata and removes it from the text', () => {
    const source = markdownImporter.extract('front-matter.md', fixture('front-matter.md'));
    expect(source.format).toBe('md');
    expect(source.mediaType).toBe('text/markdown');
    expect(source.metadata).toEqual({
      title: 'Ceasefire talks resume in Lisk',
      publishedAt: '2025-02-25T13:30:00Z',
      outlet: 'Coastline Post',
      author: 'Ines Marlow, Teo Vasquez',
      url: 'https://news.example/velmora/talks',
      language: 'en',
    });
    // The Markdown stays as written: heading marker, emphasis, link syntax, list.
    expect(source.text.startsWith('# Talks resume\n\nLISK — Delegations of the *Velmoran government*')).toBe(
      true,
    );
    expect(source.text).toContain('[ceasefire](https://news.example/ceasefire)');
    expect(source.text.endsWith('- The government asked for the airport road to be reopened.')).toBe(true);
  });

  it('takes the first level-1 heading as the title, outside code blocks, without inline markup', () => {
    const source = markdownImporter.extract('heading.md', fixture('heading.md'));
    expect(source.metadata).toEqual({ title: 'Port Calder airport reopens' });
    expect(source.text.startsWith('```sh\n# not a heading')).toBe(true);
  });

  it('takes a setext heading', () => {
    expect(extract('Harbour closed\n==============\n\nBoats stayed in port.').metadata.title).toBe(
      'Harbour closed',
    );
  });

  it('falls back to the first sentence when there is no heading', () => {
    const source = extract(
      '> **Curfew** in [Port Calder](https://x.example) from 8 p.m. on Friday. Shops closed.',
    );
    expect(source.metadata.title).toBe('Curfew in Port Calder from 8 p.m. on Friday');
  });

  it('does not mistake a thematic break for front matter', () => {
    const source = markdownImporter.extract('thematic-break.md', fixture('thematic-break.md'));
    expect(source.text.startsWith('---\nThe harbour was quiet on Thursday.')).toBe(true);
    expect(source.metadata.title).toBe('The harbour was quiet on Thursday');
  });

  it('ignores a front-matter date it cannot read rather than refusing the file', () => {
    const source = extract('---\ntitle: Shelling\ndate: last Friday\n---\nText.');
    expect(source.metadata).toEqual({ title: 'Shelling' });
    expect(source.text).toBe('Text.');
  });

  it('refuses a file with front matter and nothing else', () => {
    expect(thrown(() => extract('---\ntitle: Nothing yet\n---\n\n')).message).toBe(
      '"notes.md" contains only front matter and no text to import.',
    );
  });

  it('sniffs by name and content together', () => {
    expect(markdownImporter.sniff('a.md', utf8('# Hi'))).toBe(true);
    expect(markdownImporter.sniff('A.MARKDOWN', utf8('# Hi'))).toBe(true);
    expect(markdownImporter.sniff('a.txt', utf8('# Hi'))).toBe(false);
    expect(markdownImporter.sniff('a.md', fixture('garbage.txt'))).toBe(false);
  });
});

describe('parseFrontMatter', () => {
  it('reads quoted values, comments, flow lists and the "..." terminator', () => {
    const parsed = parseFrontMatter(
      "---\n# comment\nTitle: 'It''s over'\npublished_at: \"2025-02-22\" # UTC\nTags: [a, 'b']\n...\nBody",
    );
    expect(parsed?.fields).toEqual(
      new Map([
        ['title', "It's over"],
        ['publishedat', '2025-02-22'],
        ['tags', 'a, b'],
      ]),
    );
    expect(parsed?.length).toBe(
      "---\n# comment\nTitle: 'It''s over'\npublished_at: \"2025-02-22\" # UTC\nTags: [a, 'b']\n...\n".length,
    );
  });

  it('needs a closing delimiter', () => {
    expect(parseFrontMatter('---\ntitle: Open\n\nText without an end.')).toBeUndefined();
  });
});
