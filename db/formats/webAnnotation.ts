// Claims as W3C Web Annotations (https://www.w3.org/TR/annotation-model/): one Annotation per live claim, in one
// AnnotationCollection whose first (and only) AnnotationPage embeds them all.
import type { CaseFile } from '../caseFile.ts';
import { caseInfo } from '../caseFile.ts';
import { listClaims, type ClaimRow } from '../claims.ts';
import { uuidv5 } from '../ids.ts';
import { getSource, listSources } from '../sources.ts';
import { offsetMap, type OffsetMap } from './codePoints.ts';

/** The Web Annotation JSON-LD context (model section 3.1): every annotation and collection names it. */
export const ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

/**
 * Attest's own terms, for the claim fields the model has no property for. The model allows extensions through
 * a further context (https://www.w3.org/TR/annotation-vocab/#extensions); the terms are used as compact IRIs
 * (`attest:claimant`) so they can never redefine a key of the Web Annotation context. Attest works offline, so
 * the namespace is a URN rather than a URL that someone would expect to resolve.
 */
export const ATTEST_NAMESPACE = 'urn:attest:vocab#';
export const ANNOTATION_CONTEXTS = [ANNOTATION_CONTEXT, { attest: ATTEST_NAMESPACE }] as const;

/** The claim fields carried as extension properties, by their key in an annotation. */
export const EXTENSION_KEYS = {
  claimant: 'attest:claimant',
  date: 'attest:eventDate',
  place: 'attest:place',
  actors: 'attest:actors',
  eventType: 'attest:eventType',
  credibility: 'attest:credibility',
  status: 'attest:status',
  note: 'attest:note',
} as const;

/** A source's stable IRI: the SHA-256 of its normalized text, the text every selector's positions refer to. */
export const sourceIri = (sha256: string): string => `urn:sha256:${sha256}`;

const PAGE_NAMESPACE = 'a7d1c0de-5e1e-4c7a-9a11-0b5e7a7a9e01';

export type JsonObject = { [key: string]: unknown };

interface SourceFacts {
  sha256: string;
  url: string | null;
  language: string | null;
  offsets: OffsetMap;
}

/**
 * One claim as an Annotation. The statement is a TextualBody with purpose "describing" and each tag one with
 * purpose "tagging" (model 3.3.5); the target is the quoted span of the source, as a TextQuoteSelector and a
 * TextPositionSelector in code points (model 4.2.4, 4.2.5), given as alternatives that select the same words.
 * The claimant, event date and other fields are not bodies: the model has no purpose meaning "who asserts it"
 * or "when it happened", so they travel as Attest extension properties instead of being forced into one.
 */
export function claimAnnotation(claim: ClaimRow, source: SourceFacts): JsonObject {
  const body: JsonObject[] = [
    { type: 'TextualBody', purpose: 'describing', value: claim.statement, format: 'text/plain' },
    ...claim.tags.map((tag) => ({ type: 'TextualBody', purpose: 'tagging', value: tag })),
  ];
  const targetSource: JsonObject = { id: sourceIri(source.sha256), type: 'Text', format: 'text/plain' };
  if (source.language) targetSource.language = source.language.toLowerCase();
  // The text was taken from the page at this URL; the positions refer to the text, so the URL is not the source.
  if (source.url) targetSource.via = source.url;
  const annotation: JsonObject = {
    '@context': ANNOTATION_CONTEXTS,
    id: `urn:uuid:${claim.id}`,
    type: 'Annotation',
    motivation: 'describing',
    created: claim.createdAt,
    modified: claim.updatedAt,
    creator: { type: 'Person', name: claim.createdBy },
    body,
    target: {
      type: 'SpecificResource',
      source: targetSource,
      selector: [
        { type: 'TextQuoteSelector', exact: claim.quote, prefix: claim.prefix, suffix: claim.suffix },
        {
          type: 'TextPositionSelector',
          start: source.offsets.toCodePoint(claim.start),
          end: source.offsets.toCodePoint(claim.end),
        },
      ],
    },
  };
  for (const [field, key] of Object.entries(EXTENSION_KEYS) as [keyof typeof EXTENSION_KEYS, string][]) {
    const value = claim[field];
    if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    annotation[key] = value;
  }
  return annotation;
}

/** Every live claim of the case as an AnnotationCollection (model section 5), in source and quote order. */
export function exportAnnotations(c: CaseFile): JsonObject {
  const info = caseInfo(c);
  const facts = new Map<string, SourceFacts>();
  for (const summary of listSources(c)) {
    if (summary.claimCount === 0) continue;
    const { text } = getSource(c, summary.id);
    facts.set(summary.id, {
      sha256: summary.sha256,
      url: summary.url,
      language: summary.language,
      offsets: offsetMap(text),
    });
  }
  const items = listClaims(c).flatMap((claim) => {
    const source = facts.get(claim.sourceId);
    return source ? [claimAnnotation(claim, source)] : [];
  });
  const id = `urn:uuid:${info.caseId}`;
  const collection: JsonObject = {
    '@context': ANNOTATION_CONTEXTS,
    id,
    type: 'AnnotationCollection',
    label: info.title,
    total: items.length,
  };
  if (items.length > 0) {
    collection.first = {
      id: `urn:uuid:${uuidv5(`${info.caseId}/page/1`, PAGE_NAMESPACE)}`,
      type: 'AnnotationPage',
      partOf: id,
      startIndex: 0,
      items,
    };
  }
  return collection;
}
