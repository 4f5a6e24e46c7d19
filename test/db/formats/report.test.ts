// The citation report in Markdown and HTML: grouping by tag and by month, every field of a citation, source
// footnotes with back-links, page numbers through the page hook, and hostile text that comes out inert.
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import type { CaseFile } from '../../../db/caseFile.ts';
import { createClaim, updateClaim } from '../../../db/claims.ts';
import { buildReport, exportReport, markdownText } from '../../../db/formats/report.ts';
import { addReview } from '../../../db/reviews.ts';
import { updateSource } from '../../../db/sources.ts';
import { addSource, newCase, REPORT } from '../../helpers.ts';

const HOSTILE_TITLE = `<script>alert("title")</script> Goma & <img src=x onerror=alert(1)> [link](javascript:x) *bold*`;
const HOSTILE_TEXT = `date 2025-02-23 The herald wrote: <img src=x onerror=alert(2)> "<b>M23</b>" took the airport. 27 people had been killed, the army said.
`;
const NOW = new Date('2025-03-01T12:00:00Z');

function reportCase(): { c: CaseFile; ids: Record<string, string> } {
  const c = newCase('Ana Analyst', 'Goma </title><script>x()</script>');
  const report = addSource(c, REPORT, 'report.txt');
  updateSource(c, report, {
    title: 'M23 enters Goma',
    outlet: 'Kivu Observer',
    url: 'https://example.org/goma',
  });
  const herald = addSource(c, HOSTILE_TEXT, 'herald.txt');
  updateSource(c, herald, { title: HOSTILE_TITLE, outlet: 'Lake <Herald>' });
  const sunday = createClaim(c, {
    anchor: { sourceId: report, quote: 'entered the city of Goma last Sunday' },
    statement: 'M23 entered Goma on Sunday.',
    claimant: 'the provincial governor',
    date: '2025-01-26',
    tags: ['Actors/M23', 'Places/Goma'],
  });
  const airport = createClaim(c, {
    anchor: { sourceId: herald, quote: '<img src=x onerror=alert(2)> "<b>M23</b>" took the airport' },
    statement: '<script>alert("statement")</script> M23 took the airport.',
    claimant: 'the herald',
    date: '2025-02~',
    tags: ['Actors/M23'],
  });
  const toll = createClaim(c, {
    anchor: { sourceId: report, quote: '700 people had died in Goma' },
    statement: '700 people died.',
    claimant: 'health ministry',
  });
  addReview(c, sunday.id, 'citation-ok');
  addReview(c, toll.id, 'citation-ok');
  // An edit after the review: the verdict is stale.
  updateClaim(c, toll.id, { statement: 'About 700 people died.' });
  return { c, ids: { report, herald, sunday: sunday.id, airport: airport.id, toll: toll.id } };
}

describe('citation report', () => {
  it('groups claims by top-level tag, each with its quote, claimant, date, source and review status', () => {
    const { c, ids } = reportCase();
    const model = buildReport(c, { groupBy: 'tag', now: NOW });
    expect(model.groups.map((g) => [g.label, g.entries.map((e) => e.claim.id)])).toEqual([
      ['Actors', [ids.sunday, ids.airport]],
      ['Places', [ids.sunday]],
      ['Untagged', [ids.toll]],
    ]);
    // One footnote per source, numbered in order of first citation, counting each citation.
    expect(model.notes.map((n) => [n.number, n.source.id, n.uses])).toEqual([
      [1, ids.report, 3],
      [2, ids.herald, 1],
    ]);

    const markdown = exportReport(c, 'markdown', { groupBy: 'tag', now: NOW });
    expect(markdown).toContain(
      '## Actors\n\n### M23 entered Goma on Sunday.\n\n> “entered the city of Goma last Sunday”[^1]',
    );
    expect(markdown).toContain('- **Claimant:** the provincial governor');
    expect(markdown).toContain('- **Event date (EDTF):** 2025-01-26');
    expect(markdown).toContain('- **Source:** *M23 enters Goma*, Kivu Observer, published 2025-02-22');
    expect(markdown).toContain('- **Review:** citation-ok by Ana Analyst on');
    expect(markdown).toMatch(/### About 700 people died\.\n\n> “700 people had died in Goma”\[\^1\]/);
    expect(markdown).toMatch(
      /- \*\*Review:\*\* citation-ok by Ana Analyst on \d{4}-\d{2}-\d{2} \(stale: the claim was edited since\)/,
    );
    expect(markdown).toContain('- **Review:** not reviewed');
    expect(markdown).toMatch(
      /^\[\^1\]: \*M23 enters Goma\*, Kivu Observer, published 2025-02-22, <https:\/\/example\.org\/goma>, SHA-256 [0-9a-f]{12}…, file report\.txt\.$/m,
    );
    expect(markdown).toMatch(/^\[\^2\]: /m);
    expect(markdown.indexOf('## Places')).toBeLessThan(markdown.indexOf('## Untagged'));
  });

  it('groups claims by the month their event began, undated last, and shows pages through the page hook', () => {
    const { c, ids } = reportCase();
    const model = buildReport(c, {
      groupBy: 'date',
      now: NOW,
      pageOf: (sourceId, start) => (sourceId === ids.report ? String(1 + Math.floor(start / 100)) : null),
    });
    expect(model.groups.map((g) => [g.label, g.entries.map((e) => e.claim.id)])).toEqual([
      ['January 2025', [ids.sunday]],
      ['February 2025', [ids.airport]],
      ['Undated', [ids.toll]],
    ]);
    expect(model.groups[0]!.entries[0]!.page).toMatch(/^\d+$/);
    const markdown = exportReport(c, 'markdown', { groupBy: 'date', now: NOW, pageOf: () => '4' });
    expect(markdown).toContain('## January 2025');
    expect(markdown).toContain('published 2025-02-22, p. 4');
    // Without a page map, no page is claimed.
    expect(exportReport(c, 'markdown', { groupBy: 'date', now: NOW })).not.toMatch(/p\. \d/);
  });

  it('keeps hostile titles, quotes and statements inert in Markdown', () => {
    const { c } = reportCase();
    const markdown = exportReport(c, 'markdown', { groupBy: 'tag', now: NOW });
    // Every < is escaped except the autolink of a web address; so are link brackets, emphasis and entities.
    expect(markdown.replace(/<https:\/\/example\.org\/goma>/g, '')).not.toMatch(/(?<!\\)[<&]/);
    expect(markdown).toContain(
      '\\<script\\>alert("title")\\</script\\> Goma \\& \\<img src=x onerror=alert(1)\\>',
    );
    expect(markdown).toContain('\\[link\\](javascript:x) \\*bold\\*');
    expect(markdownText('a_b `c` #1 |x| ~y~')).toBe('a\\_b \\`c\\` \\#1 \\|x\\| \\~y\\~');
  });

  it('writes one self-contained HTML file: inert text, notes with back-links, light and dark, print styles', () => {
    const { c, ids } = reportCase();
    const html = exportReport(c, 'html', { groupBy: 'tag', now: NOW });
    const { document } = new JSDOM(html).window;
    // Nothing runs and nothing loads.
    expect(document.querySelectorAll('script, img, iframe, object, embed, link, base, form')).toHaveLength(0);
    for (const element of document.querySelectorAll('*')) {
      for (const attribute of element.getAttributeNames()) expect(attribute).not.toMatch(/^on/i);
    }
    expect(
      document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content'),
    ).toBe("default-src 'none'; style-src 'unsafe-inline'");
    // The hostile words are there, as words.
    expect(document.title).toBe('Citation report: Goma </title><script>x()</script>');
    const text = document.body?.textContent ?? '';
    expect(text).toContain(HOSTILE_TITLE);
    expect(text).toContain('“<img src=x onerror=alert(2)> "<b>M23</b>" took the airport”');
    expect(text).toContain('<script>alert("statement")</script> M23 took the airport.');
    expect(text).toContain('Lake <Herald>');

    // Sections per group; each citation links to its note and each note links back to every citation.
    expect([...document.querySelectorAll('main h2')].map((h) => h.textContent)).toEqual([
      'Actors',
      'Places',
      'Untagged',
    ]);
    const notes = [...document.querySelectorAll('ol.notes > li')];
    expect(notes.map((li) => li.id)).toEqual(['note-1', 'note-2']);
    expect(notes[0]!.querySelectorAll('a.back')).toHaveLength(3);
    expect(notes[0]!.querySelector('a[href="https://example.org/goma"]')).not.toBeNull();
    for (const link of document.querySelectorAll('a[href^="#"]')) {
      const target = link.getAttribute('href')!.slice(1);
      expect(document.getElementById(target), `link to #${target}`).not.toBeNull();
    }
    const sunday = [...document.querySelectorAll('article')].find((a) =>
      a.textContent?.includes('on Sunday'),
    )!;
    const fields = Object.fromEntries(
      [...sunday.querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]),
    );
    expect(fields).toMatchObject({
      Claimant: 'the provincial governor',
      'Event date (EDTF)': '2025-01-26',
      Source: 'M23 enters Goma, Kivu Observer, published 2025-02-22',
      Status: 'draft',
      Review: expect.stringMatching(/^citation-ok by Ana Analyst on \d{4}-\d{2}-\d{2}$/),
    });
    expect(ids.sunday).toBeTruthy();
    const style = document.querySelector('style')!.textContent!;
    expect(style).toContain('@media (prefers-color-scheme: dark)');
    expect(style).toContain('@media print');
  });

  it('reports an empty case plainly', () => {
    const c = newCase();
    expect(exportReport(c, 'markdown', { groupBy: 'tag', now: NOW })).toContain(
      'The case has no claims yet.',
    );
    const { document } = new JSDOM(exportReport(c, 'html', { groupBy: 'date', now: NOW })).window;
    expect(document.querySelector('ol.notes')).toBeNull();
    expect(document.body?.textContent).toContain('The case has no claims yet.');
  });
});
