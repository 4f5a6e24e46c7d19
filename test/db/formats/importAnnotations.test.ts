// Web Annotations imported as claims: the round trip from one case to another, anchoring by quote and context
// with positions as a hint, and every annotation that cannot be placed reported with its reason.
import { describe, expect, it } from 'vitest';
import type { CaseFile } from '../../../db/caseFile.ts';
import { createClaim, listClaims } from '../../../db/claims.ts';
import { importAnnotations } from '../../../db/formats/importAnnotations.ts';
import { exportAnnotations, sourceIri } from '../../../db/formats/webAnnotation.ts';
import { getSource, updateSource } from '../../../db/sources.ts';
import { addSource, newCase, REPORT, refusal } from '../../helpers.ts';
import { ASTRAL_REPORT } from './fixtures.ts';

const changeCount = (c: CaseFile) =>
  c.db.prepare('SELECT (SELECT count(*) FROM actions) + (SELECT count(*) FROM changes)').pluck().get();

/** "Goma" is in REPORT three times; "the rebels" once. */
const GOMA_TIMES = REPORT.split('Goma').length - 1;

function annotation(target: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    type: 'Annotation',
    body: { type: 'TextualBody', purpose: 'describing', value: 'A statement.' },
    target,
    ...extra,
  };
}

const json = (value: unknown) => JSON.stringify(value);

describe('importing Web Annotations', () => {
  it('round-trips claims from one case to another holding the same sources', () => {
    const a = newCase('Ana Analyst');
    const astral = addSource(a, ASTRAL_REPORT, 'astral.txt');
    const report = addSource(a, REPORT, 'report.txt');
    updateSource(a, report, { url: 'https://example.org/report' });
    expect(GOMA_TIMES).toBeGreaterThan(1);
    createClaim(a, {
      anchor: { sourceId: astral, quote: 'entered 🚀 the city of Goma' },
      statement: 'M23 entered Goma 🚀.',
      claimant: 'the governor',
      date: '2025-01-26',
      place: 'Goma',
      actors: ['M23', 'FARDC'],
      eventType: 'capture',
      credibility: 2,
      status: 'verified',
      note: 'Seen in two reports.',
      tags: ['Actors/M23', 'Places/Goma'],
    });
    createClaim(a, {
      anchor: { sourceId: astral, quote: '700 people 😢 had died' },
      statement: 'Toll: 700.',
    });
    // Every occurrence of a repeated word: only prefix and suffix tell them apart.
    for (let n = 1; n <= GOMA_TIMES; n += 1) {
      createClaim(a, { anchor: { sourceId: report, quote: 'Goma', occurrence: n }, statement: `Goma #${n}` });
    }
    const exported = json(exportAnnotations(a));

    const b = newCase('Bea Reviewer');
    addSource(b, REPORT, 'copy-of-report.txt');
    addSource(b, ASTRAL_REPORT, 'copy-of-astral.txt');
    const result = importAnnotations(b, 'goma.jsonld', exported);
    expect(result.refused).toEqual([]);
    expect(result.annotations).toBe(2 + GOMA_TIMES);
    expect(result.created.every((r) => r.matchedBy === 'sha256')).toBe(true);

    const shape = (c: CaseFile) =>
      listClaims(c)
        .map((claim) => ({
          sha256: claim.sourceSha256,
          start: claim.start,
          end: claim.end,
          quote: claim.quote,
          prefix: claim.prefix,
          suffix: claim.suffix,
          statement: claim.statement,
          tags: claim.tags,
          claimant: claim.claimant,
          date: claim.date,
          place: claim.place,
          actors: claim.actors,
          eventType: claim.eventType,
          credibility: claim.credibility,
          status: claim.status,
          note: claim.note,
        }))
        .sort((x, y) => x.sha256.localeCompare(y.sha256) || x.start - y.start);
    expect(shape(b)).toEqual(shape(a));
    // The claims are Bea's: created by the import, in one undoable action.
    expect(listClaims(b)[0]!.createdBy).toBe('Bea Reviewer');
    expect(b.db.prepare('SELECT count(*) FROM actions').pluck().get()).toBe(3);

    // Importing the same file again creates nothing: each claim is there already.
    const again = importAnnotations(b, 'goma.jsonld', exported);
    expect(again.created).toEqual([]);
    expect(again.refused.map((r) => r.problem)).toEqual(Array(2 + GOMA_TIMES).fill('duplicate'));
    expect(listClaims(b)).toHaveLength(2 + GOMA_TIMES);

    // Positions alone (code points, after emoji) place the same words on the same text, known by its hash.
    const positionsOnly = JSON.parse(exported) as { first: { items: { target: { selector: unknown[] } }[] } };
    for (const item of positionsOnly.first.items) item.target.selector = item.target.selector.slice(1);
    const d = newCase('Dan Analyst');
    addSource(d, ASTRAL_REPORT, 'astral.txt');
    addSource(d, REPORT, 'report.txt');
    expect(importAnnotations(d, 'positions.json', json(positionsOnly)).refused).toEqual([]);
    expect(shape(d).map(({ start, end, quote }) => ({ start, end, quote }))).toEqual(
      shape(a).map(({ start, end, quote }) => ({ start, end, quote })),
    );
  });

  it('finds the source by hash, by URL, or by its words in exactly one source', () => {
    const c = newCase();
    const report = addSource(c, REPORT);
    const other = addSource(c, 'date 2025-02-23 Another report: the airport stayed closed.', 'other.txt');
    updateSource(c, other, { url: 'https://example.org/other' });
    const sha256 = getSource(c, report).sha256;
    const quote = (exact: string) => ({ type: 'TextQuoteSelector', exact });
    const items = [
      annotation({ source: sourceIri(sha256), selector: quote('the rebels') }, { id: 'by-hash' }),
      annotation(
        { source: 'https://example.org/other', selector: quote('the airport stayed closed') },
        { id: 'by-url' },
      ),
      // Hypothesis-style: the page's URL, unknown here; the words are in one source only.
      annotation(
        { source: 'https://news.example/goma', selector: [quote('4,000 Rwandan soldiers')] },
        {
          id: 'by-words',
        },
      ),
      annotation({ source: 'https://news.example/x', selector: quote('the airport') }, { id: 'two-sources' }),
      annotation(
        { source: 'https://news.example/y', selector: quote('not in any source') },
        { id: 'nowhere' },
      ),
    ];
    const result = importAnnotations(c, 'mixed.json', json(items));
    expect(result.created.map((r) => [r.annotation, r.matchedBy, r.sourceId])).toEqual([
      ['by-hash', 'sha256', report],
      ['by-url', 'url', other],
      ['by-words', 'text', report],
    ]);
    expect(result.refused.map((r) => [r.annotation, r.problem])).toEqual([
      ['two-sources', 'source-ambiguous'],
      ['nowhere', 'source-unknown'],
    ]);
  });

  it('anchors a repeated quote by prefix and suffix or by an exact position, and reports it otherwise', () => {
    const c = newCase();
    const report = addSource(c, REPORT);
    const text = getSource(c, report).text;
    const source = sourceIri(getSource(c, report).sha256);
    const second = text.indexOf('Goma', text.indexOf('Goma') + 1);
    const items = [
      annotation(
        {
          source,
          selector: {
            type: 'TextQuoteSelector',
            exact: 'Goma',
            prefix: text.slice(second - 10, second),
            suffix: text.slice(second + 4, second + 14),
          },
        },
        { id: 'by-context' },
      ),
      annotation(
        {
          source,
          selector: [
            { type: 'TextQuoteSelector', exact: 'Goma' },
            { type: 'TextPositionSelector', start: second, end: second + 4 },
          ],
        },
        { id: 'by-position', bodyValue: 'Placed by its position.', body: undefined },
      ),
      annotation({ source, selector: { type: 'TextQuoteSelector', exact: 'Goma' } }, { id: 'ambiguous' }),
      annotation(
        {
          source,
          selector: [
            { type: 'TextQuoteSelector', exact: 'Goma' },
            // A position that is not on an occurrence decides nothing.
            { type: 'TextPositionSelector', start: second + 1, end: second + 5 },
          ],
        },
        { id: 'position-off' },
      ),
      annotation({ source, selector: { type: 'TextQuoteSelector', exact: 'Kinshasa' } }, { id: 'absent' }),
      annotation(
        { source, selector: { type: 'TextPositionSelector', start: 5, end: 15 } },
        { id: 'position-only' },
      ),
    ];
    const result = importAnnotations(c, 'context.json', json(items));
    expect(result.refused.map((r) => [r.annotation, r.problem])).toEqual([
      ['ambiguous', 'quote-ambiguous'],
      ['position-off', 'quote-ambiguous'],
      ['absent', 'quote-not-found'],
    ]);
    expect(result.refused[0]!.message).toMatch(
      new RegExp(`"Goma" is in the source ${GOMA_TIMES} times and no prefix or suffix say which`),
    );
    const claims = listClaims(c);
    // Both claims on "Goma" cite the second occurrence; the position-only one cites 2025-02-22 on the same text.
    expect(claims.filter((claim) => claim.quote === 'Goma').map((claim) => claim.start)).toEqual([
      second,
      second,
    ]);
    expect(claims.find((claim) => claim.start === 5)?.quote).toBe(text.slice(5, 15));
  });

  it('reports annotations without statement, anchor or valid fields, and reads pages, lists and single ones', () => {
    const c = newCase();
    const report = addSource(c, REPORT);
    const source = sourceIri(getSource(c, report).sha256);
    const selector = { type: 'TextQuoteSelector', exact: 'the rebels' };
    const page = {
      type: 'AnnotationPage',
      items: [
        'https://example.org/anno/1',
        { type: 'Note', target: { source, selector } },
        annotation('https://example.org/whole-page'),
        annotation([
          { source, selector },
          { source, selector },
        ]),
        annotation(
          { source, selector },
          { body: { type: 'TextualBody', purpose: 'tagging', value: 'Actors' } },
        ),
        annotation({ source, selector }, { 'attest:eventDate': 'last Sunday' }),
        annotation(
          { source, selector },
          {
            body: [
              { type: 'TextualBody', purpose: 'describing', value: 'Tagged badly.' },
              { type: 'TextualBody', purpose: 'tagging', value: 'A//B' },
            ],
          },
        ),
        annotation({ source, selector }, { 'attest:status': 'approved' }),
        // A plain comment (no purpose) is the statement when it is the only body.
        annotation({ source, selector }, { body: { type: 'TextualBody', value: 'Rebels are supported.' } }),
      ],
    };
    const result = importAnnotations(c, 'page.json', json(page));
    expect(result.refused.map((r) => r.problem)).toEqual([
      'not-an-annotation',
      'not-an-annotation',
      'no-anchor',
      'several-targets',
      'no-statement',
      'bad-field',
      'bad-field',
      'bad-field',
    ]);
    expect(result.refused[0]!.annotation).toBe('#1');
    expect(result.refused[5]!.message).toMatch(/not a valid EDTF date/);
    expect(result.created).toHaveLength(1);
    expect(listClaims(c).map((claim) => claim.statement)).toEqual(['Rebels are supported.']);

    // A single annotation, and a plain list, are read too.
    const single = annotation({ source, selector: { type: 'TextQuoteSelector', exact: 'A day earlier' } });
    expect(importAnnotations(c, 'one.json', json(single)).created).toHaveLength(1);
    const list = [annotation({ source, selector: { type: 'TextQuoteSelector', exact: 'the airport' } })];
    expect(importAnnotations(c, 'list.json', json(list)).created).toHaveLength(1);
  });

  it('refuses a file that is not Web Annotation JSON, changing nothing', () => {
    const c = newCase();
    addSource(c, REPORT);
    const before = changeCount(c);
    expect(refusal(() => importAnnotations(c, 'notes.json', '{"type": "Annotation", ')).message).toBe(
      'notes.json is not JSON, so it cannot hold Web Annotations.',
    );
    expect(refusal(() => importAnnotations(c, 'case.json', json({ format: 'attest-case' }))).message).toMatch(
      /^case\.json is not a Web Annotation file/,
    );
    expect(refusal(() => importAnnotations(c, 'n.json', '42')).code).toBe('bad-input');
    expect(
      refusal(() =>
        importAnnotations(
          c,
          'paged.json',
          json({ type: 'AnnotationCollection', total: 3, first: 'https://x/p1' }),
        ),
      ).message,
    ).toMatch(/by address only/);
    expect(changeCount(c)).toBe(before);
  });
});
