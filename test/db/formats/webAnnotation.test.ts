// Claims exported as W3C Web Annotations: the collection and every annotation checked against the model's own
// JSON Schema definitions, and positions in code points around and inside characters outside the BMP.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createClaim } from '../../../db/claims.ts';
import { offsetMap } from '../../../db/formats/codePoints.ts';
import { ANNOTATION_CONTEXT, exportAnnotations, sourceIri } from '../../../db/formats/webAnnotation.ts';
import { getSource, updateSource } from '../../../db/sources.ts';
import { addSource, newCase, REPORT } from '../../helpers.ts';
import { ASTRAL_REPORT } from './fixtures.ts';
import { w3cChecker } from './w3cSchemas.ts';

interface Annotation {
  id: string;
  body: { purpose: string; value: string; type: string }[];
  target: {
    source: { id: string; via?: string; language?: string };
    selector: [
      { type: 'TextQuoteSelector'; exact: string; prefix: string; suffix: string },
      { type: 'TextPositionSelector'; start: number; end: number },
    ];
  };
  [key: string]: unknown;
}

const itemsOf = (collection: Record<string, unknown>) =>
  ((collection.first as { items: Annotation[] } | undefined)?.items ?? []) as Annotation[];

describe('code point offsets', () => {
  it('converts UTF-16 offsets to code points and back at every character boundary', () => {
    const text = 'a😀b𝒜c\u00e9🇨🇩';
    const map = offsetMap(text);
    expect(map.codePoints).toBe(Array.from(text).length);
    let utf16 = 0;
    Array.from(text).forEach((char, codePoint) => {
      expect(map.toCodePoint(utf16)).toBe(codePoint);
      expect(map.toUtf16(codePoint)).toBe(utf16);
      utf16 += char.length;
    });
    expect(map.toCodePoint(text.length)).toBe(map.codePoints);
    expect(map.toUtf16(map.codePoints)).toBe(text.length);
    expect(map.toUtf16(map.codePoints + 1)).toBeNull();
    expect(map.toUtf16(-1)).toBeNull();
    expect(offsetMap('plain').toCodePoint(3)).toBe(3);
  });

  it('agrees with Array.from on any text mixing BMP and astral characters', () => {
    const char = fc.oneof(
      fc.constantFrom('a', 'é', 'غ', '\n', ' '),
      fc.integer({ min: 0x1f300, max: 0x1faff }).map((code) => String.fromCodePoint(code)),
    );
    fc.assert(
      fc.property(fc.array(char, { maxLength: 60 }), fc.nat(), fc.nat(), (chars, a, b) => {
        const text = chars.join('');
        const map = offsetMap(text);
        const [from, to] = [a % (chars.length + 1), b % (chars.length + 1)].sort((x, y) => x - y);
        const start = map.toUtf16(from!)!;
        const end = map.toUtf16(to!)!;
        expect(text.slice(start, end)).toBe(chars.slice(from, to).join(''));
        expect([map.toCodePoint(start), map.toCodePoint(end)]).toEqual([from, to]);
      }),
    );
  });
});

describe('Web Annotation export', () => {
  it('exports each live claim as an annotation that meets the model, with code point positions', () => {
    const c = newCase('Ana Analyst', 'Goma, February 2025');
    const sourceId = addSource(c, ASTRAL_REPORT);
    updateSource(c, sourceId, { url: 'https://example.org/goma', language: 'EN' });
    const inside = createClaim(c, {
      anchor: { sourceId, quote: 'entered 🚀 the city of Goma' },
      statement: 'M23 entered Goma.',
      claimant: 'the governor',
      date: '2025-01-26',
      place: 'Goma',
      actors: ['M23'],
      credibility: 2,
      status: 'verified',
      tags: ['Actors/M23', 'Places/Goma'],
    });
    const after = createClaim(c, {
      anchor: { sourceId, quote: '700 people 😢 had died' },
      statement: '700 people died in Goma.',
      claimant: 'health ministry',
    });
    const plain = addSource(c, REPORT, 'plain.txt');
    createClaim(c, { anchor: { sourceId: plain, quote: 'A day earlier' }, statement: 'Saturday' });

    const collection = exportAnnotations(c);
    expect(w3cChecker().collection(collection)).toEqual([]);
    expect(collection).toMatchObject({
      type: 'AnnotationCollection',
      label: 'Goma, February 2025',
      total: 3,
      first: { type: 'AnnotationPage', startIndex: 0, partOf: collection.id },
    });
    expect((collection['@context'] as unknown[])[0]).toBe(ANNOTATION_CONTEXT);
    expect(JSON.parse(JSON.stringify(collection))).toEqual(collection);

    const items = itemsOf(collection);
    expect(items).toHaveLength(3);
    const text = getSource(c, sourceId).text;
    const codePoints = Array.from(text);
    for (const claim of [inside, after]) {
      const annotation = items.find((a) => a.id === `urn:uuid:${claim.id}`)!;
      const [quote, position] = annotation.target.selector;
      expect(quote).toEqual({
        type: 'TextQuoteSelector',
        exact: claim.quote,
        prefix: claim.prefix,
        suffix: claim.suffix,
      });
      // Positions count code points: the slice of the text's code points is the quote.
      expect(codePoints.slice(position.start, position.end).join('')).toBe(claim.quote);
      // ...and differ from the engine's UTF-16 offsets, since astral characters come before the quote.
      expect(position.start).toBeLessThan(claim.start);
      expect(position.end - position.start).toBe(Array.from(claim.quote).length);
    }
    const goma = items.find((a) => a.id === `urn:uuid:${inside.id}`)!;
    expect(goma.target.source).toEqual({
      id: sourceIri(getSource(c, sourceId).sha256),
      type: 'Text',
      format: 'text/plain',
      language: 'en',
      via: 'https://example.org/goma',
    });
    expect(goma.body).toEqual([
      { type: 'TextualBody', purpose: 'describing', value: 'M23 entered Goma.', format: 'text/plain' },
      { type: 'TextualBody', purpose: 'tagging', value: 'Actors/M23' },
      { type: 'TextualBody', purpose: 'tagging', value: 'Places/Goma' },
    ]);
    expect(goma).toMatchObject({
      motivation: 'describing',
      creator: { type: 'Person', name: 'Ana Analyst' },
      created: inside.createdAt,
      modified: inside.updatedAt,
      'attest:claimant': 'the governor',
      'attest:eventDate': '2025-01-26',
      'attest:place': 'Goma',
      'attest:actors': ['M23'],
      'attest:credibility': 2,
      'attest:status': 'verified',
    });
    // Empty fields are left out rather than written as null.
    const ministry = items.find((a) => a.id === `urn:uuid:${after.id}`)!;
    expect(Object.keys(ministry)).not.toContain('attest:place');
    expect(Object.keys(ministry)).not.toContain('attest:actors');
  });

  it('exports an empty case as an empty collection, and the checks catch annotations that break the model', () => {
    const c = newCase();
    const empty = exportAnnotations(c);
    expect(empty).toMatchObject({ type: 'AnnotationCollection', total: 0 });
    expect(empty.first).toBeUndefined();
    const checker = w3cChecker();
    expect(checker.collection(empty)).toEqual([]);

    // The checks are real: each of these breaks a MUST of the model and is reported.
    const sourceId = addSource(c, REPORT);
    createClaim(c, { anchor: { sourceId, quote: 'A day earlier' }, statement: 'Saturday' });
    const good = itemsOf(exportAnnotations(c))[0]!;
    expect(checker.annotation(good)).toEqual([]);
    const broken = (change: (a: Annotation) => void) => {
      const copy = structuredClone(good);
      change(copy);
      return checker.annotation(copy).join('\n');
    };
    expect(broken((a) => delete a['@context'])).toMatch(/3\.1 @context/);
    expect(broken((a) => (a.type = 'Note'))).toMatch(/3\.1 type is Annotation/);
    expect(broken((a) => (a.id = 'not an iri'))).toMatch(/3\.1 id is one IRI/);
    expect(broken((a) => delete (a as Partial<Annotation>).target)).toMatch(/3\.1 target/);
    expect(broken((a) => (a.motivation = 'liking'))).toMatch(/3\.3\.5 motivation/);
    expect(broken((a) => (a.body[0]!.purpose = 'liking'))).toMatch(/3\.3\.5 purpose/);
    expect(broken((a) => (a.created = '22 February 2025'))).toMatch(/3\.3\.1 created/);
    expect(broken((a) => (a.target.selector[1].start = -1))).toMatch(/4\.2\.5 a TextPositionSelector/);
    expect(broken((a) => delete (a.target.selector[0] as Partial<{ exact: string }>).exact)).toMatch(
      /4\.2\.4 a TextQuoteSelector/,
    );
  });
});
