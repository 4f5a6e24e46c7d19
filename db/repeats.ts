// Near-copies of one story: MinHash fingerprints of word shingles, an LSH index for lookup, and the "repeats" mark.
// Two outlets running the same wire report are not two witnesses; finding the copy at import lets the analyst say
// so. Method: Broder, "On the resemblance and containment of documents" (1997) for shingles and MinHash, and
// Leskovec, Rajaraman & Ullman, "Mining of Massive Datasets", ch. 3.4, for banding.
import type { CaseFile } from './caseFile.ts';
import { prepare, transaction } from './caseFile.ts';
import { badInput, notFound } from './errors.ts';
import { beginAction, readEntity, updateEntity } from './history.ts';
import { minHashSimd } from './minHashKernel.ts';

/** Words per shingle: five words are rarely shared by chance, and one edited word touches only five shingles. */
export const SHINGLE_WORDS = 5;
/** Signature length: the similarity estimate's standard error is sqrt(J(1-J)/128), about 0.044 near 0.5. */
export const SIGNATURE_SIZE = 128;
/**
 * LSH banding: 42 bands of 3 rows (the last 2 slots only count in the estimate). A pair at similarity s becomes a
 * lookup candidate with probability 1 - (1 - s^3)^42: 0.996 at 0.5, 0.68 at 0.3, 0.04 at 0.1, so copies are
 * found and unrelated texts are rarely even compared.
 */
export const BANDS = 42;
export const ROWS_PER_BAND = 3;
/**
 * Estimated Jaccard similarity of shingle sets at or above which two texts are one story. The demo's wire copy
 * (the Lorn Courier reprinting Northline with a new byline line, a name and three sentences cut and a paragraph
 * added) is 0.54; a wire report with a new headline and a sentence added or cut stays above 0.7; two reports of
 * the same event written apart, even sharing a stock paragraph, stay under 0.25 (test/db/repeats.test.ts).
 * 0.5 keeps the trimmed reprint and leaves a wide margin above independent reporting.
 */
export const REPEAT_THRESHOLD = 0.5;
/**
 * Below this many shingles (about 20 words) a text gets no fingerprint: a headline-sized text shares most of its
 * shingles with any text that quotes it, and too few slots differ for the estimate to mean anything.
 */
export const MIN_SHINGLES = 16;

export interface NearCopy {
  sourceId: string;
  title: string;
  outlet: string | null;
  /** Estimated Jaccard similarity of the two texts' word shingles, 0..1. */
  similarity: number;
}

/** murmur3's 32-bit finalizer: a bijection that spreads every input bit over the output. */
function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over a word's UTF-16 code units; mixed afterwards, so its weak low bits do not matter. */
export function wordHash(word: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), FNV_PRIME);
  return mix32(h);
}

/** Fixed seeds (splitmix32 from a constant): the same text gives the same signature on every machine. */
export const SEEDS: Int32Array = (() => {
  const seeds = new Int32Array(SIGNATURE_SIZE);
  let state = 0x41545354;
  for (let i = 0; i < SIGNATURE_SIZE; i++) {
    state = (state + 0x9e3779b9) | 0;
    seeds[i] = mix32(state);
  }
  return seeds;
})();

/** The words of a text as compared: NFC, lower case, letters and digits only (punctuation and layout dropped). */
export function normalizedWords(text: string): string[] {
  return text
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
}

const WORD_CHARACTER = /^[\p{L}\p{N}]$/u;
const wordCharacterCache = new Map<number, boolean>();

/** Whether a code point outside ASCII is a letter or digit, as normalizedWords decides it (cached: few occur). */
function isWordCodePoint(codePoint: number): boolean {
  let is = wordCharacterCache.get(codePoint);
  if (is === undefined) {
    is = WORD_CHARACTER.test(String.fromCodePoint(codePoint));
    wordCharacterCache.set(codePoint, is);
  }
  return is;
}

/**
 * wordHash of each of normalizedWords(text), in one pass without building the words: import hashes every text,
 * and the split was most of a fingerprint's cost. test/db/repeats.test.ts checks the two agree on any text.
 */
export function wordHashes(text: string): number[] {
  const lower = text.normalize('NFC').toLowerCase();
  const hashes: number[] = [];
  let h = FNV_OFFSET;
  let inWord = false;
  for (let i = 0; i < lower.length; i++) {
    const unit = lower.charCodeAt(i);
    // ASCII, nearly every character of a news text, takes the short way: a letter or digit joins the word,
    // anything else ends it.
    if (unit < 0x80) {
      if ((unit >= 0x61 && unit <= 0x7a) || (unit >= 0x30 && unit <= 0x39)) {
        h = Math.imul(h ^ unit, FNV_PRIME);
        inWord = true;
      } else if (inWord) {
        hashes.push(mix32(h));
        h = FNV_OFFSET;
        inWord = false;
      }
      continue;
    }
    let isWord: boolean;
    let units = 1;
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < lower.length) {
      const codePoint = lower.codePointAt(i)!;
      units = codePoint > 0xffff ? 2 : 1;
      isWord = isWordCodePoint(codePoint);
    } else isWord = isWordCodePoint(unit);
    if (isWord) {
      for (let j = 0; j < units; j++) h = Math.imul(h ^ lower.charCodeAt(i + j), FNV_PRIME);
      inWord = true;
    } else if (inWord) {
      hashes.push(mix32(h));
      h = FNV_OFFSET;
      inWord = false;
    }
    i += units - 1;
  }
  if (inWord) hashes.push(mix32(h));
  return hashes;
}

/**
 * Hashes of the text's distinct five-word shingles as signed 32-bit integers, sorted: sorting a typed array
 * and dropping repeats costs a fraction of a Set, whose values above 2^31 are boxed numbers.
 */
function distinctShingles(text: string): Int32Array {
  const words = wordHashes(text);
  const count = Math.max(0, words.length - SHINGLE_WORDS + 1);
  const all = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    let h = 0;
    for (let j = 0; j < SHINGLE_WORDS; j++) h = mix32(Math.imul(h, 0x9e3779b1) ^ words[i + j]!);
    all[i] = h;
  }
  all.sort();
  let distinct = 0;
  for (let i = 0; i < count; i++) if (i === 0 || all[i] !== all[i - 1]) all[distinct++] = all[i]!;
  return all.subarray(0, distinct);
}

/** Hashes of the text's distinct five-word shingles. */
export function shingleHashes(text: string): Uint32Array {
  const shingles = distinctShingles(text);
  return new Uint32Array(shingles.buffer, shingles.byteOffset, shingles.length);
}

/**
 * The MinHash signature of a text, or null when it is too short to compare (MIN_SHINGLES): computed by the
 * WebAssembly SIMD kernel (db/minHashKernel.ts, four slots per instruction), or by minHashLoop without it.
 */
export function signatureOf(text: string): Uint32Array | null {
  const shingles = distinctShingles(text);
  if (shingles.length < MIN_SHINGLES) return null;
  const signature = new Uint32Array(SIGNATURE_SIZE);
  if (minHashSimd(shingles, SEEDS, signature)) return signature;
  return minHashLoop(shingles, signature);
}

/**
 * signatureOf's loop in plain JS: where WebAssembly SIMD is missing, and the reference the kernel is tested on.
 * The loop runs 128 times per shingle, so it stays in 32-bit integers: each value has its top bit flipped, which
 * makes signed comparison order them as unsigned, and is flipped back at the end. (Values above 2^31 in a
 * Uint32Array are doubles to the engine, and made this loop several times slower.) Four slots are taken per
 * pass over the shingles, their minimums in locals: four independent chains of multiplies keep the processor
 * busy where one waited on each (2 to 3 times faster, the same signature).
 */
export function minHashLoop(shingles: Int32Array, signature: Uint32Array): Uint32Array {
  const n = shingles.length;
  for (let i = 0; i < SIGNATURE_SIZE; i += 4) {
    const seedA = SEEDS[i]!;
    const seedB = SEEDS[i + 1]!;
    const seedC = SEEDS[i + 2]!;
    const seedD = SEEDS[i + 3]!;
    let minA = 0x7fffffff;
    let minB = 0x7fffffff;
    let minC = 0x7fffffff;
    let minD = 0x7fffffff;
    for (let s = 0; s < n; s++) {
      const shingle = shingles[s]!;
      let a = shingle ^ seedA;
      let b = shingle ^ seedB;
      let c = shingle ^ seedC;
      let d = shingle ^ seedD;
      a ^= a >>> 16;
      b ^= b >>> 16;
      c ^= c >>> 16;
      d ^= d >>> 16;
      a = Math.imul(a, 0x85ebca6b);
      b = Math.imul(b, 0x85ebca6b);
      c = Math.imul(c, 0x85ebca6b);
      d = Math.imul(d, 0x85ebca6b);
      a ^= a >>> 13;
      b ^= b >>> 13;
      c ^= c >>> 13;
      d ^= d >>> 13;
      a = Math.imul(a, 0xc2b2ae35);
      b = Math.imul(b, 0xc2b2ae35);
      c = Math.imul(c, 0xc2b2ae35);
      d = Math.imul(d, 0xc2b2ae35);
      a ^= (a >>> 16) ^ -0x80000000;
      b ^= (b >>> 16) ^ -0x80000000;
      c ^= (c >>> 16) ^ -0x80000000;
      d ^= (d >>> 16) ^ -0x80000000;
      if (a < minA) minA = a;
      if (b < minB) minB = b;
      if (c < minC) minC = c;
      if (d < minD) minD = d;
    }
    signature[i] = (minA ^ -0x80000000) >>> 0;
    signature[i + 1] = (minB ^ -0x80000000) >>> 0;
    signature[i + 2] = (minC ^ -0x80000000) >>> 0;
    signature[i + 3] = (minD ^ -0x80000000) >>> 0;
  }
  return signature;
}

/** The share of signature slots that agree: an unbiased estimate of the shingle sets' Jaccard similarity. */
export function estimateSimilarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < SIGNATURE_SIZE; i++) if (a[i] === b[i]) same++;
  return same / SIGNATURE_SIZE;
}

/** The fewest agreeing slots whose share reaches REPEAT_THRESHOLD. */
const REPEAT_SLOTS = (() => {
  let slots = 0;
  while (slots / SIGNATURE_SIZE < REPEAT_THRESHOLD) slots++;
  return slots;
})();

/**
 * estimateSimilarity for a lookup: the same value when it reaches REPEAT_THRESHOLD, and -1 as soon as too many
 * slots differ for it to (most candidates of a lookup are not copies, and are known so halfway through).
 */
function similarityIfRepeat(a: Uint32Array, b: Uint32Array): number {
  const allowed = SIGNATURE_SIZE - REPEAT_SLOTS;
  let differ = 0;
  for (let i = 0; i < SIGNATURE_SIZE; i++) if (a[i] !== b[i] && ++differ > allowed) return -1;
  return (SIGNATURE_SIZE - differ) / SIGNATURE_SIZE;
}

/**
 * One bucket per band: the band's number times 2^32 plus a hash of its rows, so one number says both.
 * Texts whose band rows all agree meet in that bucket.
 */
export function bandBuckets(signature: Uint32Array): number[] {
  return Array.from(bandHashes(signature), (h, band) => band * 2 ** 32 + (h >>> 0));
}

/** Each band's hash of its rows, as a signed 32-bit integer: a small-integer key in that band's Map. */
function bandHashes(signature: Uint32Array): Int32Array {
  const hashes = new Int32Array(BANDS);
  for (let band = 0; band < BANDS; band++) {
    let h = band;
    for (let row = 0; row < ROWS_PER_BAND; row++)
      h = mix32(Math.imul(h, 0x9e3779b1) ^ signature[band * ROWS_PER_BAND + row]!);
    hashes[band] = h;
  }
  return hashes;
}

// Stored little-endian whatever the machine, since case files travel.
const toBlob = (signature: Uint32Array): Buffer => {
  const blob = Buffer.alloc(SIGNATURE_SIZE * 4);
  signature.forEach((value, i) => blob.writeUInt32LE(value, i * 4));
  return blob;
};

/** null for a blob of the wrong size: the schema's CHECK refuses one, but a case file may come from anyone. */
const fromBlob = (blob: Buffer): Uint32Array | null => {
  if (blob.length !== SIGNATURE_SIZE * 4) return null;
  const signature = new Uint32Array(SIGNATURE_SIZE);
  for (let i = 0; i < SIGNATURE_SIZE; i++) signature[i] = blob.readUInt32LE(i * 4);
  return signature;
};

/**
 * The LSH index of one connection: every fingerprint, and the sources in each band bucket. It lives in memory,
 * built from source_fingerprints on the first lookup (about 0.1 s for 10,000 sources): stored as rows, the 42
 * bucket rows of each source went to random places in a table far larger than SQLite's page cache, and writing
 * them cost more than the rest of an import (test/bench/run.ts measured it). Entries never go stale: a source's
 * text never changes and its id derives from the text's hash, so even an entry left by a rolled-back import is
 * right should that source exist; a lookup reads only live sources from the file.
 */
interface LshIndex {
  signatures: Map<string, Uint32Array | null>;
  /**
   * Per band, its rows' hash -> the source in that bucket, or the sources when several are. One Map per band
   * keyed by a signed 32-bit hash: keys above 2^31 (band and hash in one number) were boxed and hashed slowly.
   */
  buckets: Map<number, IndexEntry | IndexEntry[]>[];
  /** Counts lookups, so an entry met in several bands of one lookup is compared once (IndexEntry.seen). */
  lookups: number;
  loaded: boolean;
}

/**
 * A fingerprinted source as its buckets hold it: one object shared by its 42 buckets, with its signature at hand.
 * Templated or boilerplate-heavy texts fill some buckets with hundreds of sources, so a lookup meets the same
 * source in many bands; marking it seen costs less than a Set of ids, and nothing is looked up by id.
 */
interface IndexEntry {
  id: string;
  signature: Uint32Array;
  /** The lookup that last compared this source. */
  seen: number;
}

const indexes = new WeakMap<object, LshIndex>();

function addToIndex(index: LshIndex, sourceId: string, signature: Uint32Array | null): void {
  // A source's signature never changes (its id derives from its text), so one already indexed is in its buckets
  // already: adding it again would only make a bucket list it twice.
  if (index.signatures.has(sourceId)) return;
  index.signatures.set(sourceId, signature);
  if (!signature) return;
  const entry: IndexEntry = { id: sourceId, signature, seen: 0 };
  const hashes = bandHashes(signature);
  for (let band = 0; band < BANDS; band++) {
    const buckets = index.buckets[band]!;
    const there = buckets.get(hashes[band]!);
    if (there === undefined) buckets.set(hashes[band]!, entry);
    else if (Array.isArray(there)) there.push(entry);
    else buckets.set(hashes[band]!, [there, entry]);
  }
}

/** The connection's index, filled from the file on first use (fingerprinting any source that lacks one). */
function lshIndex(c: CaseFile): LshIndex {
  let index = indexes.get(c.db);
  if (!index) {
    index = {
      signatures: new Map(),
      buckets: Array.from({ length: BANDS }, () => new Map()),
      lookups: 0,
      loaded: false,
    };
    indexes.set(c.db, index);
  }
  if (!index.loaded) {
    const rows = prepare(c, 'SELECT source_id AS sourceId, signature FROM source_fingerprints').all() as {
      sourceId: string;
      signature: Buffer | null;
    }[];
    for (const row of rows) {
      const signature = row.signature ? fromBlob(row.signature) : null;
      // A malformed one stays out until its source is looked up and fingerprinted again.
      if (!row.signature || signature) addToIndex(index, row.sourceId, signature);
    }
    index.loaded = true;
  }
  return index;
}

function storeFingerprint(c: CaseFile, sourceId: string, text: string): Uint32Array | null {
  const signature = signatureOf(text);
  prepare(
    c,
    `INSERT INTO source_fingerprints (source_id, signature) VALUES (:sourceId, :signature)
     ON CONFLICT (source_id) DO UPDATE SET signature = excluded.signature`,
  ).run({ sourceId, signature: signature ? toBlob(signature) : null });
  const index = indexes.get(c.db);
  if (index?.loaded) addToIndex(index, sourceId, signature);
  return signature;
}

/**
 * Computes the fingerprint rows of the given sources that lack them (merge calls it for the sources it brings
 * in; import for each new source). Derived from the immutable text alone, so no history is written.
 * Returns how many sources were fingerprinted.
 */
export function fingerprintSources(c: CaseFile, sourceIds: readonly string[]): number {
  if (sourceIds.length === 0) return 0;
  return transaction(c, () => {
    const missing = prepare(
      c,
      `SELECT s.id, s.text FROM sources s
       WHERE s.id IN (SELECT value FROM json_each(:ids))
         AND NOT EXISTS (SELECT 1 FROM source_fingerprints f WHERE f.source_id = s.id)`,
    ).all({ ids: JSON.stringify(sourceIds) }) as { id: string; text: string }[];
    for (const source of missing) storeFingerprint(c, source.id, source.text);
    return missing.length;
  });
}

/**
 * Fingerprints every source that lacks one: a case from before schema 30, or sources written by a path that
 * did not fingerprint them. Two counts make the usual case (nothing missing) cheap; the rows of tombstoned
 * sources are kept, so an undone delete needs no recomputation.
 */
export function fingerprintMissing(c: CaseFile): number {
  const gap = prepare(c, 'SELECT (SELECT count(*) FROM sources) - (SELECT count(*) FROM source_fingerprints)')
    .pluck()
    .get() as number;
  if (gap === 0) return 0;
  return transaction(c, () => {
    const missing = prepare(
      c,
      `SELECT s.id, s.text FROM sources s
       WHERE NOT EXISTS (SELECT 1 FROM source_fingerprints f WHERE f.source_id = s.id)`,
    ).all() as { id: string; text: string }[];
    for (const source of missing) storeFingerprint(c, source.id, source.text);
    return missing.length;
  });
}

function signatureOfSource(c: CaseFile, index: LshIndex, sourceId: string): Uint32Array | null {
  const known = index.signatures.get(sourceId);
  if (known !== undefined) return known;
  // Not in the index: its stored fingerprint was unreadable, or it was written by another connection.
  const text = prepare(c, 'SELECT text FROM sources WHERE id = ?').pluck().get(sourceId) as
    string | undefined;
  if (text === undefined) throw notFound(`There is no source with id ${sourceId} in this case.`);
  return transaction(c, () => storeFingerprint(c, sourceId, text));
}

/**
 * The live sources whose text is a near-copy of this source's (REPEAT_THRESHOLD), most similar first.
 * Only sources sharing an LSH bucket are compared, so the cost grows with the number of copies, not of sources;
 * only those that pass are read from the file.
 */
export function findNearCopies(c: CaseFile, sourceId: string): NearCopy[] {
  fingerprintMissing(c);
  const index = lshIndex(c);
  return nearCopiesOf(c, index, sourceId, signatureOfSource(c, index, sourceId));
}

function nearCopiesOf(
  c: CaseFile,
  index: LshIndex,
  sourceId: string,
  signature: Uint32Array | null,
): NearCopy[] {
  if (!signature) return [];
  const similarity = new Map<string, number>();
  const lookup = ++index.lookups;
  const compare = (entry: IndexEntry) => {
    if (entry.seen === lookup || entry.id === sourceId) return;
    entry.seen = lookup;
    const estimate = similarityIfRepeat(signature, entry.signature);
    if (estimate >= REPEAT_THRESHOLD) similarity.set(entry.id, estimate);
  };
  const hashes = bandHashes(signature);
  for (let band = 0; band < BANDS; band++) {
    const there = index.buckets[band]!.get(hashes[band]!);
    if (there === undefined) continue;
    if (Array.isArray(there)) for (const entry of there) compare(entry);
    else compare(there);
  }
  if (similarity.size === 0) return [];
  const sources = prepare(
    c,
    `SELECT id AS sourceId, title, outlet FROM sources
     WHERE deleted = 0 AND id IN (SELECT value FROM json_each(:ids))`,
  ).all({ ids: JSON.stringify([...similarity.keys()]) }) as Omit<NearCopy, 'similarity'>[];
  return sources
    .map((source) => ({ ...source, similarity: similarity.get(source.sourceId)! }))
    .sort((a, b) => b.similarity - a.similarity || a.title.localeCompare(b.title));
}

/**
 * Near-copy detection for one import (call inside its transaction): fingerprints and looks up each source as it
 * is stored, so the second of two copies in one batch finds the first. The case-wide check for sources without
 * a fingerprint runs once for the batch rather than once per file, and a source just written is fingerprinted
 * from the text in hand rather than read back (what findNearCopies after fingerprintSources would do).
 */
export function importNearCopies(c: CaseFile): (sourceId: string, newText: string | null) => NearCopy[] {
  fingerprintMissing(c);
  const index = lshIndex(c);
  return (sourceId, newText) => {
    // A restored source (newText null) may have its fingerprint already; fingerprintSources skips it then.
    if (newText === null) fingerprintSources(c, [sourceId]);
    else storeFingerprint(c, sourceId, newText);
    return nearCopiesOf(c, index, sourceId, signatureOfSource(c, index, sourceId));
  };
}

function liveSource(c: CaseFile, id: string): { title: string; repeats: string[] } {
  const source = readEntity(c, 'source', id);
  if (!source || source.deleted) throw notFound(`There is no source with id ${id} in this case.`);
  return { title: source.title as string, repeats: source.repeats as string[] };
}

/** Marks a source as a repeat of another (one undoable action). Returns the ids it now repeats. */
export function markRepeat(c: CaseFile, sourceId: string, repeatsId: string): string[] {
  return transaction(c, () => {
    const source = liveSource(c, sourceId);
    const original = liveSource(c, repeatsId);
    if (sourceId === repeatsId) throw badInput('A source cannot be a repeat of itself.');
    // One of two copies repeats the other; both ways would leave neither as the one to count.
    if (original.repeats.includes(sourceId)) {
      throw badInput(
        `“${original.title}” is already marked as a repeat of “${source.title}”; unmark it first.`,
      );
    }
    if (source.repeats.includes(repeatsId)) return source.repeats;
    const next = [...source.repeats, repeatsId].sort();
    updateEntity(c, beginAction(c, 'Mark source as repeat'), 'source', sourceId, { repeats: next });
    return next;
  });
}

/** Takes back a repeat mark (one undoable action). Returns the ids the source still repeats. */
export function unmarkRepeat(c: CaseFile, sourceId: string, repeatsId: string): string[] {
  return transaction(c, () => {
    const { repeats } = liveSource(c, sourceId);
    if (!repeats.includes(repeatsId)) return repeats;
    const next = repeats.filter((id) => id !== repeatsId);
    updateEntity(c, beginAction(c, 'Unmark source as repeat'), 'source', sourceId, { repeats: next });
    return next;
  });
}
