// Importing W3C Web Annotations as claims on sources already in the case: each annotation is anchored by its
// TextQuoteSelector (the TextPositionSelector only as a hint), or reported with the reason it cannot be.
import type { CaseFile } from '../caseFile.ts';
import { prepare, transaction } from '../caseFile.ts';
import { CLAIM_STATUSES, createClaimIn, type ClaimFields, type ClaimStatus } from '../claims.ts';
import { parseEventDate } from '../dates.ts';
import { AttestError, badInput } from '../errors.ts';
import { beginAction } from '../history.ts';
import { normalizeText } from '../ingest/normalize.ts';
import { pathSegments } from '../tags.ts';
import { offsetMap } from './codePoints.ts';
import { EXTENSION_KEYS } from './webAnnotation.ts';

/** Why an annotation was not imported; the message says it for a person. */
export type AnnotationProblem =
  | 'not-an-annotation' // not an object of type Annotation, or only a reference to one
  | 'no-anchor' // no target with a TextQuoteSelector (or a position on a source known by its hash)
  | 'several-targets' // a claim cites one span; which target to take would be a guess
  | 'source-unknown' // no source in the case is the target's source or holds its words
  | 'source-ambiguous' // several sources could be the target's source
  | 'quote-not-found' // the source does not hold the quote
  | 'quote-ambiguous' // the quote is in the source more than once and nothing decides which
  | 'no-statement' // no describing body (nor a single plain comment) to take as the statement
  | 'bad-field' // a tag path, date, status or other field the engine refuses
  | 'duplicate'; // the case has this claim already (same words, same statement)

export interface ImportedAnnotation {
  /** The annotation's id, or its position (#1 is the first) when it has none. */
  annotation: string;
  claimId: string;
  sourceId: string;
  /** How the target's source was found: its SHA-256 IRI, its URL, or its words in exactly one source. */
  matchedBy: 'sha256' | 'url' | 'text';
}

export interface RefusedAnnotation {
  annotation: string;
  problem: AnnotationProblem;
  message: string;
}

export interface AnnotationImportResult {
  fileName: string;
  /** Annotations found in the file. */
  annotations: number;
  created: ImportedAnnotation[];
  refused: RefusedAnnotation[];
}

type JsonObject = { [key: string]: unknown };

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const asList = (value: unknown): unknown[] =>
  value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];

const hasType = (value: JsonObject, type: string): boolean => asList(value.type).includes(type);

/** Thrown while reading one annotation: it is refused with this problem, the others go on. */
class Refusal extends Error {
  readonly problem: AnnotationProblem;

  constructor(problem: AnnotationProblem, message: string) {
    super(message);
    this.problem = problem;
  }
}

/** The annotations of a collection (its embedded first page and those after it), a page, a list or one alone. */
function annotationsIn(document: unknown, fileName: string): unknown[] {
  const notAnnotations = () =>
    badInput(
      `${fileName} is not a Web Annotation file: expected an AnnotationCollection, an AnnotationPage, an Annotation or a list of annotations.`,
    );
  if (Array.isArray(document)) return document;
  if (!isObject(document)) throw notAnnotations();
  if (hasType(document, 'Annotation')) return [document];
  if (hasType(document, 'AnnotationPage')) return pageItems(document, fileName);
  if (hasType(document, 'AnnotationCollection')) {
    const total = typeof document.total === 'number' ? document.total : undefined;
    if (document.first === undefined) {
      if (total === undefined || total === 0) return [];
      throw badInput(`${fileName} is an annotation collection without its pages.`);
    }
    const items: unknown[] = [];
    // Pages embedded one in the next (model 5.2); a page given only by its IRI is not in the file.
    for (let page: unknown = document.first, n = 0; page !== undefined && n < 10_000; n += 1) {
      if (!isObject(page)) {
        throw badInput(
          `${fileName} refers to annotation pages by address only; Attest reads annotations from the file itself.`,
        );
      }
      items.push(...pageItems(page, fileName));
      page = page.next;
    }
    return items;
  }
  throw notAnnotations();
}

function pageItems(page: JsonObject, fileName: string): unknown[] {
  if (!Array.isArray(page.items)) throw badInput(`${fileName} has an annotation page without items.`);
  return page.items;
}

/** A string field of the model (which may also be given as a one-item list), or undefined. */
function oneString(value: unknown): string | undefined {
  const list = asList(value);
  return list.length === 1 && typeof list[0] === 'string' ? list[0] : undefined;
}

interface Selection {
  exact?: string;
  prefix?: string;
  suffix?: string;
  /** TextPositionSelector, in code points. */
  start?: number;
  end?: number;
}

function selectionOf(target: JsonObject): Selection {
  const selection: Selection = {};
  for (const selector of asList(target.selector)) {
    if (!isObject(selector)) continue;
    if (hasType(selector, 'TextQuoteSelector') && selection.exact === undefined) {
      const exact = oneString(selector.exact);
      if (exact === undefined) continue;
      selection.exact = normalizeText(exact);
      const prefix = oneString(selector.prefix);
      const suffix = oneString(selector.suffix);
      if (prefix) selection.prefix = normalizeText(prefix);
      if (suffix) selection.suffix = normalizeText(suffix);
    } else if (hasType(selector, 'TextPositionSelector') && selection.start === undefined) {
      const { start, end } = selector;
      if (Number.isInteger(start) && Number.isInteger(end) && (start as number) >= 0) {
        selection.start = start as number;
        selection.end = end as number;
      }
    }
  }
  return selection;
}

interface KnownSource {
  id: string;
  text: string;
}

/** Where an annotation's words are: the source, and the quote's UTF-16 offsets in it. */
interface Anchor {
  source: KnownSource;
  matchedBy: ImportedAnnotation['matchedBy'];
  start: number;
  end: number;
}

function occurrences(text: string, quote: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) found.push(at);
  return found;
}

/** The occurrences of the quote whose surrounding words are the selector's prefix and suffix. */
function inContext(text: string, selection: Selection, found: number[]): number[] {
  const exact = selection.exact!;
  return found.filter(
    (at) =>
      (!selection.prefix || text.slice(Math.max(0, at - selection.prefix.length), at) === selection.prefix) &&
      (!selection.suffix ||
        text.slice(at + exact.length, at + exact.length + selection.suffix.length) === selection.suffix),
  );
}

/**
 * The one occurrence the selectors pick, or a refusal. A single occurrence is the quote; several are told apart
 * by prefix and suffix, and failing that by a TextPositionSelector that falls exactly on one of them. Nothing
 * nearer than that is taken: an annotation that cannot be placed for certain is reported, never guessed.
 */
function locate(source: KnownSource, selection: Selection): { start: number; end: number } {
  const exact = selection.exact!;
  const found = occurrences(source.text, exact);
  const shown = `"${Array.from(exact).slice(0, 60).join('')}${Array.from(exact).length > 60 ? '…' : ''}"`;
  if (found.length === 0) throw new Refusal('quote-not-found', `The quote ${shown} is not in the source.`);
  if (found.length === 1) return { start: found[0]!, end: found[0]! + exact.length };
  const matching = inContext(source.text, selection, found);
  if (matching.length === 1) return { start: matching[0]!, end: matching[0]! + exact.length };
  if (selection.start !== undefined) {
    const hinted = offsetMap(source.text).toUtf16(selection.start);
    const pool = matching.length > 0 ? matching : found;
    if (hinted !== null && pool.includes(hinted)) return { start: hinted, end: hinted + exact.length };
  }
  throw new Refusal(
    'quote-ambiguous',
    `The quote ${shown} is in the source ${found.length} times and ${
      selection.prefix || selection.suffix ? 'its prefix and suffix do not' : 'no prefix or suffix'
    } say which.`,
  );
}

function createSourceFinder(c: CaseFile) {
  const bySha256 = prepare(c, 'SELECT id, text FROM sources WHERE sha256 = :sha256 AND deleted = 0');
  const byUrl = prepare(c, 'SELECT id, text FROM sources WHERE url = :url AND deleted = 0');
  const byWords = prepare(
    c,
    'SELECT id, text FROM sources WHERE deleted = 0 AND instr(text, :exact) > 0 ORDER BY seq',
  );

  /** The target's source: by its urn:sha256 IRI, by URL (its IRI or where it came from), or by its words. */
  return (target: JsonObject, selection: Selection): Anchor => {
    const declared = isObject(target.source) ? target.source : { id: target.source };
    const iris = [oneString(declared.id), ...asList(declared.via)].filter(
      (iri): iri is string => typeof iri === 'string',
    );
    for (const iri of iris) {
      const sha256 = /^urn:sha256:([0-9a-f]{64})$/i.exec(iri)?.[1]?.toLowerCase();
      if (!sha256) continue;
      const source = bySha256.get({ sha256 }) as KnownSource | undefined;
      if (!source) continue;
      if (selection.exact !== undefined) return { source, matchedBy: 'sha256', ...locate(source, selection) };
      // The same text, byte for byte: a position alone names the words for certain.
      const map = offsetMap(source.text);
      const start = selection.start === undefined ? null : map.toUtf16(selection.start);
      const end = selection.end === undefined ? null : map.toUtf16(selection.end);
      if (start === null || end === null || end <= start) {
        throw new Refusal(
          'no-anchor',
          'The target has no TextQuoteSelector nor a position within the source.',
        );
      }
      return { source, matchedBy: 'sha256', start, end };
    }
    if (selection.exact === undefined || selection.exact.trim() === '') {
      throw new Refusal('no-anchor', 'The target has no TextQuoteSelector to find its words by.');
    }
    for (const iri of iris) {
      if (!/^https?:\/\//i.test(iri)) continue;
      const sources = byUrl.all({ url: iri }) as KnownSource[];
      if (sources.length === 1)
        return { source: sources[0]!, matchedBy: 'url', ...locate(sources[0]!, selection) };
      if (sources.length > 1) return byText(sources, selection, 'url');
    }
    return byText(byWords.all({ exact: selection.exact }) as KnownSource[], selection, 'text');
  };

  /** Among candidate sources, the one that holds the quote in its context; several or none are refused. */
  function byText(candidates: KnownSource[], selection: Selection, matchedBy: Anchor['matchedBy']): Anchor {
    const holding = candidates.filter((s) => s.text.includes(selection.exact!));
    const fitting = holding.filter(
      (s) => inContext(s.text, selection, occurrences(s.text, selection.exact!)).length > 0,
    );
    const pool = selection.prefix || selection.suffix ? fitting : holding;
    if (pool.length === 1) return { source: pool[0]!, matchedBy, ...locate(pool[0]!, selection) };
    if (pool.length === 0) {
      throw new Refusal(
        'source-unknown',
        holding.length === 0
          ? 'No source in the case is the target, and none holds its quote.'
          : 'No source in the case is the target, and none holds its quote with the same words around it.',
      );
    }
    throw new Refusal(
      'source-ambiguous',
      `The target's source is not in the case by its address, and ${pool.length} sources hold its quote.`,
    );
  }
}

interface ClaimContent extends ClaimFields {
  statement: string;
  tags: string[];
}

const purposes = (body: JsonObject): unknown[] => asList(body.purpose);

/** The statement, tags and Attest fields of an annotation, checked as the engine will check them. */
function contentOf(annotation: JsonObject): ClaimContent {
  const bodies = asList(annotation.body).filter(
    (body): body is JsonObject => isObject(body) && typeof body.value === 'string',
  );
  const describing = bodies.filter((body) => purposes(body).includes('describing'));
  const plain = bodies.filter((body) => {
    const list = purposes(body);
    return list.length === 0 || (list.length === 1 && list[0] === 'commenting');
  });
  const statement =
    (describing.length > 0 ? describing.map((b) => b.value as string).join('\n\n') : undefined) ??
    oneString(annotation.bodyValue) ??
    (plain.length === 1 ? (plain[0]!.value as string) : undefined);
  if (statement === undefined || statement.trim() === '') {
    throw new Refusal(
      'no-statement',
      'The annotation has no body with purpose "describing" to take as the claim\'s statement.',
    );
  }
  const field = (what: string, problem: string) => new Refusal('bad-field', `The ${what} ${problem}`);
  const textField = (key: string, what: string, max: number): string | undefined => {
    const value = annotation[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw field(what, 'is not text.');
    if (value.trim().length > max) throw field(what, `is longer than ${max} characters.`);
    return value;
  };
  if (statement.trim().length > 10_000) throw field('statement', 'is longer than 10000 characters.');

  const tags = bodies
    .filter((body) => purposes(body).includes('tagging'))
    .map((body) => body.value as string);
  for (const tag of tags) {
    try {
      pathSegments(tag);
    } catch (error) {
      throw new Refusal(
        'bad-field',
        error instanceof AttestError ? error.message : 'A tag is not a tag path.',
      );
    }
  }

  const content: ClaimContent = { statement, tags };
  content.claimant = textField(EXTENSION_KEYS.claimant, 'claimant', 500);
  content.place = textField(EXTENSION_KEYS.place, 'place', 500);
  content.eventType = textField(EXTENSION_KEYS.eventType, 'event type', 200);
  content.note = textField(EXTENSION_KEYS.note, 'note', 10_000);
  const date = textField(EXTENSION_KEYS.date, 'event date', 200);
  if (date !== undefined && date.trim() !== '') {
    try {
      content.date = parseEventDate(date).date;
    } catch (error) {
      throw new Refusal('bad-field', error instanceof AttestError ? error.message : 'The date is not EDTF.');
    }
  }
  const actors = annotation[EXTENSION_KEYS.actors];
  if (actors !== undefined) {
    const list = asList(actors);
    if (list.some((a) => typeof a !== 'string' || a.trim().length > 500) || list.length > 100) {
      throw field('actors', 'are not a list of names.');
    }
    content.actors = list as string[];
  }
  const credibility = annotation[EXTENSION_KEYS.credibility];
  if (credibility !== undefined) {
    if (!Number.isInteger(credibility) || (credibility as number) < 1 || (credibility as number) > 6) {
      throw field('credibility', 'is not a whole number from 1 to 6.');
    }
    content.credibility = credibility as number;
  }
  const status = annotation[EXTENSION_KEYS.status];
  if (status !== undefined) {
    if (!CLAIM_STATUSES.includes(status as ClaimStatus)) {
      throw field('status', `is not one of ${CLAIM_STATUSES.join(', ')}.`);
    }
    content.status = status as ClaimStatus;
  }
  return content;
}

/** Reads the file's JSON; bad JSON is the file's fault, said by its name. */
export function parseAnnotationFile(fileName: string, text: string): unknown[] {
  let document: unknown;
  try {
    document = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    throw badInput(`${fileName} is not JSON, so it cannot hold Web Annotations.`);
  }
  return annotationsIn(document, fileName);
}

/** Imports a file's bytes: JSON is UTF-8 (RFC 8259), so anything else is refused by the file's name. */
export function importAnnotationFile(
  c: CaseFile,
  fileName: string,
  bytes: Uint8Array,
): AnnotationImportResult {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw badInput(`${fileName} is not UTF-8 text, so it cannot hold Web Annotations.`);
  }
  return importAnnotations(c, fileName, text);
}

/**
 * Imports the annotations of one file as claims, in one action: every annotation is created or reported with
 * its reason. A file that is not Web Annotation JSON changes nothing.
 */
export function importAnnotations(c: CaseFile, fileName: string, text: string): AnnotationImportResult {
  const items = parseAnnotationFile(fileName, text);
  const result: AnnotationImportResult = { fileName, annotations: items.length, created: [], refused: [] };
  const findSource = createSourceFinder(c);
  const sameClaim = prepare(
    c,
    `SELECT id FROM claims WHERE source_id = :sourceId AND quote_start = :start AND quote_end = :end
       AND statement = :statement AND deleted = 0`,
  );
  transaction(c, () => {
    const action = beginAction(c, `Import annotations from ${fileName}`);
    items.forEach((item, index) => {
      const label = isObject(item) && typeof item.id === 'string' ? item.id : `#${index + 1}`;
      try {
        if (!isObject(item) || !hasType(item, 'Annotation')) {
          throw new Refusal(
            'not-an-annotation',
            typeof item === 'string'
              ? 'Only the address of this annotation is in the file, not the annotation.'
              : 'This item is not an object of type Annotation.',
          );
        }
        const targets = asList(item.target);
        if (targets.length > 1) {
          throw new Refusal(
            'several-targets',
            `The annotation has ${targets.length} targets; a claim cites one.`,
          );
        }
        const target = targets[0];
        if (!isObject(target) || target.selector === undefined) {
          throw new Refusal('no-anchor', 'The annotation targets a whole resource, not words in it.');
        }
        const content = contentOf(item);
        const anchor = findSource(target, selectionOf(target));
        const statement = content.statement.normalize('NFC').trim();
        const existing = sameClaim.pluck().get({
          sourceId: anchor.source.id,
          start: anchor.start,
          end: anchor.end,
          statement,
        }) as string | undefined;
        if (existing) {
          throw new Refusal('duplicate', `The case has this claim already (${existing.slice(0, 8)}).`);
        }
        const claimId = createClaimIn(c, action, {
          ...content,
          anchor: { sourceId: anchor.source.id, start: anchor.start, end: anchor.end },
        });
        result.created.push({
          annotation: label,
          claimId,
          sourceId: anchor.source.id,
          matchedBy: anchor.matchedBy,
        });
      } catch (error) {
        if (error instanceof Refusal) {
          result.refused.push({ annotation: label, problem: error.problem, message: error.message });
          return;
        }
        // Anything else the engine refuses stops the whole import: one transaction, nothing half done.
        if (error instanceof AttestError) {
          throw new AttestError(error.code, `${fileName}, annotation ${label}: ${error.message}`);
        }
        throw error;
      }
    });
  });
  return result;
}
