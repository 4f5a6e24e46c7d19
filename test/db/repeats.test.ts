// Near-copies: shingles and MinHash, the threshold against real edits and shared boilerplate, import, marks, lazy fill.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closeCase, createCase, openCase, transaction, type CaseFile } from '../../db/caseFile.ts';
import { historyOf, undo } from '../../db/history.ts';
import { migrations } from '../../db/migrations/index.ts';
import {
  bandBuckets,
  BANDS,
  estimateSimilarity,
  findNearCopies,
  fingerprintMissing,
  fingerprintSources,
  markRepeat,
  normalizedWords,
  REPEAT_THRESHOLD,
  shingleHashes,
  signatureOf,
  unmarkRepeat,
  wordHash,
  wordHashes,
} from '../../db/repeats.ts';
import { sourceIdFor } from '../../db/ids.ts';
import {
  deleteSource,
  getSource,
  importSources,
  listSources,
  sha256Of,
  type ImportResult,
} from '../../db/sources.ts';
import { generateCase } from '../bench/generate.ts';
import { BOILERPLATE, OTHER_STORY, REPRINT, WIRE } from '../fixtures/repeats.ts';
import { addSource, newCase, refusal, tempDir } from '../helpers.ts';

const WIRE_WITH_BOILERPLATE = `${WIRE}\n${BOILERPLATE}\n`;

const bytes = (text: string) => new TextEncoder().encode(text);
const importText = (c: CaseFile, fileName: string, text: string) =>
  importSources(c, [{ fileName, bytes: bytes(text) }])[0]!;

/** The exact Jaccard similarity of two texts' shingle sets, to check the estimate against. */
function exactJaccard(a: string, b: string): number {
  const setA = new Set(shingleHashes(a));
  const setB = new Set(shingleHashes(b));
  const shared = [...setA].filter((h) => setB.has(h)).length;
  return shared / (setA.size + setB.size - shared);
}

const similarity = (a: string, b: string) => estimateSimilarity(signatureOf(a)!, signatureOf(b)!);

describe('fingerprints', () => {
  it('compares words only: case, punctuation, line breaks and Unicode composition do not matter', () => {
    expect(normalizedWords('Goma, “M23” — rebels\nentered Goma.')).toEqual([
      'goma',
      'm23',
      'rebels',
      'entered',
      'goma',
    ]);
    const decomposed = WIRE.normalize('NFD').toUpperCase().replaceAll('\n\n', '\n');
    expect(Array.from(signatureOf(decomposed)!)).toEqual(Array.from(signatureOf(WIRE)!));
  });

  it('hashes in one pass exactly the words normalizedWords gives, for any text', () => {
    const piece = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.constantFrom(' ', '—', 'É', 'e\u0301', 'ΟΔΟΣ ', '𝐀𝟏', '\ud835', '\udc00', 'İ', 'ß', '٣', '\n'),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = pieces.join('');
        expect(wordHashes(text)).toEqual(normalizedWords(text).map(wordHash));
      }),
      { numRuns: 500 },
    );
  });

  it('is deterministic: the same text gives the same signature and buckets in every run', () => {
    const first = signatureOf(WIRE)!;
    expect(first).toHaveLength(128);
    expect(Array.from(signatureOf(WIRE)!)).toEqual(Array.from(first));
    expect(bandBuckets(first)).toHaveLength(BANDS);
    // Pinned values: a change of hash or seeds would orphan every stored fingerprint, so it must be deliberate.
    expect(Array.from(signatureOf(Array.from({ length: 30 }, (_, i) => `w${i}`).join(' '))!.slice(0, 3)))
      .toMatchInlineSnapshot(`
      [
        137214653,
        83304867,
        289626195,
      ]
    `);
  });

  it('estimates the Jaccard similarity of the shingle sets closely', () => {
    for (const [a, b] of [
      [WIRE, REPRINT],
      [WIRE, OTHER_STORY],
      [WIRE_WITH_BOILERPLATE, OTHER_STORY],
    ] as const) {
      expect(Math.abs(similarity(a, b) - exactJaccard(a, b))).toBeLessThan(0.12);
    }
  });

  it('gives short texts no fingerprint rather than a meaningless one', () => {
    expect(signatureOf('')).toBeNull();
    expect(signatureOf('Rebels took the Tovel crossing on Tuesday, the ministry said.')).toBeNull();
    expect(signatureOf(WIRE)).not.toBeNull();
  });
});

describe('the threshold', () => {
  it('holds the same story with a new headline, byline and a sentence added and cut', () => {
    expect(similarity(WIRE, REPRINT)).toBeGreaterThanOrEqual(0.7);
  });

  it('holds the demo wire copy, which cuts more and adds a paragraph', () => {
    const demo = (name: string) =>
      readFileSync(join(import.meta.dirname, '../../electron/demo/sources', name), 'utf8');
    const northline = demo('northline-mirek-airport.txt');
    expect(similarity(northline, demo('lorn-courier-mirek-airport.txt'))).toBeGreaterThanOrEqual(
      REPEAT_THRESHOLD,
    );
    // The same events reported apart (the market shelling, the monitors' briefing) are not copies.
    expect(similarity(northline, demo('dasha-herald-market-toll.md'))).toBeLessThan(0.1);
    expect(similarity(northline, demo('upper-dasha-monitor-briefing.md'))).toBeLessThan(0.1);
  });

  it('keeps apart two stories of one conflict that share a stock paragraph', () => {
    expect(similarity(WIRE_WITH_BOILERPLATE, OTHER_STORY)).toBeLessThan(0.25);
    expect(similarity(WIRE, OTHER_STORY)).toBeLessThan(0.25);
  });
});

describe('import', () => {
  it('reports a near-copy of a source already in the case, with its title, outlet and similarity', () => {
    const c = newCase();
    const original = importText(c, 'wire.txt', WIRE);
    expect(original.ok && original.repeats).toEqual([]);
    const copy = importText(c, 'reprint.txt', REPRINT);
    if (!copy.ok) throw new Error(copy.error);
    expect(copy.duplicate).toBe(false);
    expect(copy.repeats).toEqual([
      {
        sourceId: original.ok ? original.id : '',
        title: 'Rebels take Tovel crossing as talks stall',
        outlet: 'Northline',
        similarity: similarity(getSource(c, copy.id).text, getSource(c, original.ok ? original.id : '').text),
      },
    ]);
    expect(findNearCopies(c, original.ok ? original.id : '').map((n) => n.sourceId)).toEqual([copy.id]);
  });

  it('finds the second of two copies in one batch against the first', () => {
    const c = newCase();
    const [first, second, other] = importSources(c, [
      { fileName: 'wire.txt', bytes: bytes(WIRE) },
      { fileName: 'reprint.txt', bytes: bytes(REPRINT) },
      { fileName: 'other.txt', bytes: bytes(OTHER_STORY) },
    ]);
    expect(first!.ok && first!.repeats).toEqual([]);
    expect(second!.ok && second!.repeats.map((n) => n.sourceId)).toEqual([first!.ok && first!.id]);
    expect(other!.ok && other!.repeats).toEqual([]);
  });

  it('keeps identical text a duplicate, with no near-copies', () => {
    const c = newCase();
    importText(c, 'wire.txt', WIRE);
    importText(c, 'reprint.txt', REPRINT);
    const again = importText(c, 'wire-again.txt', WIRE);
    expect(again.ok && again.duplicate).toBe(true);
    expect(again.ok && again.repeats).toEqual([]);
  });

  it('does not report deleted sources, and handles short texts without a fingerprint', () => {
    const c = newCase();
    deleteSource(c, addSource(c, WIRE, 'wire.txt'));
    expect(importText(c, 'reprint.txt', REPRINT).ok && importText(c, 'reprint.txt', REPRINT)).toMatchObject({
      repeats: [],
    });
    const short = 'Rebels took the Tovel crossing on Tuesday, the ministry said.';
    addSource(c, short, 'short.txt');
    const shortCopy = importText(c, 'short-copy.txt', `${short} Talks stalled.`);
    expect(shortCopy.ok && shortCopy.repeats).toEqual([]);
    if (shortCopy.ok) expect(findNearCopies(c, shortCopy.id)).toEqual([]);
  });
});

describe('the LSH lookup', () => {
  it('finds exactly the sources that share a band bucket and pass the threshold, in templated text', () => {
    // The bench's generated reports share templated sentences, so some buckets hold many sources; every fourth
    // one also comes as a reprint with its first paragraph cut, so there are copies to find.
    const reference = generateCase({ scale: 0.004, seed: 7 });
    const texts: string[] = [];
    reference.sources.forEach((source, i) => {
      texts.push(source.text);
      if (i % 4 === 0) texts.push(source.text.slice(source.text.indexOf('\n\n') + 2));
    });
    const c = newCase();
    const results = importSources(
      c,
      texts.map((text, i) => ({ fileName: `s${i}.txt`, bytes: bytes(text) })),
    );
    const live = results.filter((r) => r.ok && !r.duplicate) as Extract<ImportResult, { ok: true }>[];
    const stored = new Map(live.map((r) => [r.id, signatureOf(getSource(c, r.id).text)]));
    let found = 0;
    for (const [id, signature] of stored) {
      const expected = [...stored]
        .filter(([other, theirs]) => {
          if (other === id || !signature || !theirs) return false;
          const mine = new Set(bandBuckets(signature));
          return bandBuckets(theirs).some((bucket) => mine.has(bucket));
        })
        .map(([other, theirs]) => ({ sourceId: other, similarity: estimateSimilarity(signature!, theirs!) }))
        .filter((n) => n.similarity >= REPEAT_THRESHOLD);
      const actual = findNearCopies(c, id).map((n) => ({ sourceId: n.sourceId, similarity: n.similarity }));
      expect(actual).toEqual(expect.arrayContaining(expected));
      expect(actual).toHaveLength(expected.length);
      found += actual.length;
    }
    expect(found).toBeGreaterThan(0);
    // Importing the same texts again adds nothing to the buckets: the same sources are found, once each.
    importSources(
      c,
      texts.map((text, i) => ({ fileName: `again${i}.txt`, bytes: bytes(text) })),
    );
    let foundAgain = 0;
    for (const id of stored.keys()) foundAgain += findNearCopies(c, id).length;
    expect(foundAgain).toBe(found);
  });
});

describe('the repeats mark', () => {
  it('marks and unmarks a repeat as undoable actions recorded in history', () => {
    const c = newCase();
    const original = addSource(c, WIRE, 'wire.txt');
    const copy = addSource(c, REPRINT, 'reprint.txt');
    expect(getSource(c, copy).repeats).toEqual([]);
    expect(markRepeat(c, copy, original)).toEqual([original]);
    expect(getSource(c, copy).repeats).toEqual([original]);
    expect(listSources(c).find((s) => s.id === copy)!.repeats).toEqual([original]);
    expect(historyOf(c, [copy]).at(-1)).toMatchObject({ field: 'repeats', value: [original] });
    // Marking again changes nothing.
    markRepeat(c, copy, original);
    expect(historyOf(c, [copy]).filter((e) => e.field === 'repeats')).toHaveLength(1);

    expect(unmarkRepeat(c, copy, original)).toEqual([]);
    expect(getSource(c, copy).repeats).toEqual([]);
    // None is NULL in the column, as the schema says, not an empty list.
    expect(c.db.prepare('SELECT repeats FROM sources WHERE id = ?').pluck().get(copy)).toBeNull();
    expect(transaction(c, () => undo(c))).toBe('Unmark source as repeat');
    expect(getSource(c, copy).repeats).toEqual([original]);
    expect(transaction(c, () => undo(c))).toBe('Mark source as repeat');
    expect(getSource(c, copy).repeats).toEqual([]);
  });

  it('refuses a source as its own repeat, unknown sources and a mark both ways', () => {
    const c = newCase();
    const original = addSource(c, WIRE, 'wire.txt');
    const copy = addSource(c, REPRINT, 'reprint.txt');
    expect(refusal(() => markRepeat(c, copy, copy)).code).toBe('bad-input');
    expect(refusal(() => markRepeat(c, copy, 'no-such-source')).code).toBe('not-found');
    expect(refusal(() => unmarkRepeat(c, 'no-such-source', copy)).code).toBe('not-found');
    markRepeat(c, copy, original);
    const both = refusal(() => markRepeat(c, original, copy));
    expect(both.code).toBe('bad-input');
    expect(both.message).toMatch(/already marked/);
    expect(getSource(c, original).repeats).toEqual([]);
  });
});

describe('derived rows', () => {
  const fingerprintCount = (c: CaseFile) =>
    c.db.prepare('SELECT count(*) FROM source_fingerprints').pluck().get() as number;

  it('are filled on the first lookup when missing, and by fingerprintSources on request', () => {
    const c = newCase();
    const original = addSource(c, WIRE, 'wire.txt');
    const copy = addSource(c, REPRINT, 'reprint.txt');
    c.db.exec('DELETE FROM source_fingerprints');
    expect(fingerprintSources(c, [original])).toBe(1);
    expect(fingerprintSources(c, [original])).toBe(0);
    expect(fingerprintCount(c)).toBe(1);
    expect(findNearCopies(c, original).map((n) => n.sourceId)).toEqual([copy]);
    expect(fingerprintCount(c)).toBe(2);
    expect(fingerprintMissing(c)).toBe(0);
  });

  it('a malformed signature (a file from elsewhere) is recomputed or skipped, never a crash', () => {
    const first = newCase();
    const original = addSource(first, WIRE, 'wire.txt');
    const copy = addSource(first, REPRINT, 'reprint.txt');
    const garble = (id: string) => {
      first.db.pragma('ignore_check_constraints = ON');
      first.db.prepare(`UPDATE source_fingerprints SET signature = x'0102' WHERE source_id = ?`).run(id);
      first.db.pragma('ignore_check_constraints = OFF');
    };
    garble(original);
    // The schema itself refuses one.
    expect(() =>
      first.db.prepare(`UPDATE source_fingerprints SET signature = x'01' WHERE source_id = ?`).run(copy),
    ).toThrow(/CHECK constraint failed/);
    closeCase(first);
    // A new connection has only the file's rows to go by.
    const c = openCase(first.path, { author: 'Ana' });
    try {
      expect(findNearCopies(c, copy)).toEqual([]);
      // Looked up itself, its fingerprint is computed again from the text.
      expect(findNearCopies(c, original).map((n) => n.sourceId)).toEqual([copy]);
      expect(findNearCopies(c, copy).map((n) => n.sourceId)).toEqual([original]);
    } finally {
      closeCase(c);
    }
  });

  it('an older case migrates to schema 30 and finds copies among sources imported before', () => {
    // Written as Attest at schema 10 wrote sources (today's import needs the schema 30 tables).
    const path = join(tempDir(), 'old.attest');
    const old = createCase(path, { author: 'Ana', migrations: [migrations[0]!] });
    old.db.prepare(`INSERT INTO authors (id, name) VALUES ('ana', 'Ana')`).run();
    const oldIds = [WIRE, OTHER_STORY].map((text, i) => {
      const sha256 = sha256Of(text);
      const id = sourceIdFor(sha256);
      old.db
        .prepare(`INSERT INTO originals (sha256, media_type, bytes) VALUES (?, 'text/plain', ?)`)
        .run(sha256, Buffer.from(text));
      old.db
        .prepare(
          `INSERT INTO sources (id, sha256, text, original_sha256, file_name, format, title, created_at,
             created_by, updated_at, updated_by, hlc)
           VALUES (:id, :sha256, :text, :sha256, :fileName, 'txt', :fileName, 0, 'ana', 0, 'ana', '0')`,
        )
        .run({ id, sha256, text, fileName: `old-${i}.txt` });
      return id;
    });
    closeCase(old);
    const c = openCase(path, { author: 'Ana' });
    try {
      expect(c.db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)!.version);
      expect(listSources(c).map((s) => s.repeats)).toEqual([[], []]);
      expect(fingerprintCount(c)).toBe(0);
      const copy = importText(c, 'reprint.txt', REPRINT);
      expect(copy.ok && copy.repeats.map((n) => n.sourceId)).toEqual([oldIds[0]]);
      if (copy.ok) markRepeat(c, copy.id, oldIds[0]!);
      expect(getSource(c, oldIds[0]!).repeats).toEqual([]);
      expect(fingerprintCount(c)).toBe(3);
    } finally {
      closeCase(c);
    }
  });
});
