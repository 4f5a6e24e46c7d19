// `npm run bench`: the performance targets of DESIGN.md, each measured against a raw better-sqlite3 baseline in the same run.
//
// Usage: npm run bench -- [--scale 0.1] [--seed N] [--json FILE] [--keep]
// Builds the reference case (test/bench/generate.ts), imports it through the engine and, as the baseline, through
// plain prepared INSERTs into a second file of the same schema; then times search, timeline, verify and open on the
// engine's file against plain SQL over the same rows. Progress goes to stderr; the table and the JSON summary to
// stdout (or the JSON to --json FILE).
import Database from 'better-sqlite3';
import { Command } from 'commander';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { arch, availableParallelism, cpus, platform, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import {
  caseCounts,
  caseInfo,
  closeCase,
  createCase,
  openCase,
  transaction,
  type CaseFile,
} from '../../db/caseFile.ts';
import { createClaimIn } from '../../db/claims.ts';
import { parseEventDate } from '../../db/dates.ts';
import { beginAction } from '../../db/history.ts';
import { ingestFileSync } from '../../db/ingest/index.ts';
import { findNearCopies, fingerprintSources } from '../../db/repeats.ts';
import { search } from '../../db/search.ts';
import { importSources } from '../../db/sources.ts';
import { timelineBuckets, timelineWindow, type BucketUnit } from '../../db/timeline.ts';
import { verifyCase } from '../../db/verify.ts';
import {
  between,
  generateCase,
  isoDay,
  mulberry32,
  pick,
  VOCABULARY,
  type ReferenceCase,
} from './generate.ts';
import {
  formatMs,
  formatRate,
  interleave,
  latency,
  median,
  renderTable,
  timed,
  type Latency,
  type ResultRow,
  type Verdict,
} from './measure.ts';
import { benchMerge } from './merge.ts';
import { benchImportFormats } from './importFormats.ts';
import { buildRawRows, rawWriter, type RawWriter } from './rawImport.ts';
import { benchSuggestions } from './suggest.ts';

const AUTHOR = 'bench';
/**
 * Files per importSources call: what the app sends per source.import call (renderer/lib/importFiles.ts
 * batchFiles: up to 1000 files or 64 MiB; the contract takes at most 1000), each call one transaction.
 */
const SOURCE_BATCH = 1000;
/** Transaction sizes of the raw baseline: big, as a hand-written bulk loader would use. */
const RAW_SOURCE_CHUNK = 2000;
const RAW_CLAIM_CHUNK = 10_000;
/**
 * Claims per action (one transaction each): the baseline's transaction size. The app's bulk path for claims,
 * annotation.import, writes a whole file in one action, so a file of 10,000 annotations is one such transaction;
 * at 1000 the ratio measured mostly how much more often SQLite commits (the baseline itself, committing every
 * 1000 claims, took 1.4-2.6x its 10,000-claim time at scale 1, most of it waiting on writes).
 */
const CLAIM_BATCH = RAW_CLAIM_CHUNK;

const program = new Command('bench')
  .description(
    'Measure the engine against raw better-sqlite3 on the reference case (DESIGN.md, Performance targets).',
  )
  .option('--scale <n>', 'size of the case; 1 = 10,000 sources and 100,000 claims', Number, 1)
  .option('--seed <n>', 'seed of the generator and of the query mix', Number, 20250127)
  .option('--queries <n>', 'search queries to time', Number, 200)
  .option('--windows <n>', 'timeline windows to time per kind', Number, 100)
  .option('--json <file>', 'write the JSON summary to this file instead of stdout')
  .option('--keep', 'keep the generated case files (their folder is printed)')
  .parse();
const options = program.opts<{
  scale: number;
  seed: number;
  queries: number;
  windows: number;
  json?: string;
  keep?: boolean;
}>();
if (!(options.scale > 0)) program.error('--scale must be a positive number.');

const progress = (message: string) => process.stderr.write(`${message}\n`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function machine() {
  const probe = new Database(':memory:');
  const sqlite = probe.prepare('SELECT sqlite_version()').pluck().get() as string;
  probe.close();
  const driver = JSON.parse(
    readFileSync(new URL('../../node_modules/better-sqlite3/package.json', import.meta.url), 'utf8'),
  ) as { version: string };
  return {
    node: process.version,
    sqlite,
    betterSqlite3: driver.version,
    cores: availableParallelism(),
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    platform: `${platform()} ${arch()}`,
  };
}

const rows: ResultRow[] = [];
const notes: string[] = [];
const verdict = (pass: boolean): Verdict => (pass ? 'PASS' : 'FAIL');

function addLatencyRows(
  section: string,
  what: string,
  engine: Latency,
  baseline: Latency,
  goalMs?: number,
): void {
  rows.push({
    section,
    measure: `${what} p50`,
    engine: formatMs(engine.p50),
    baseline: formatMs(baseline.p50),
    ratio: engine.p50 / baseline.p50,
    goal: '',
    verdict: '',
  });
  rows.push({
    section,
    measure: `${what} p95`,
    engine: formatMs(engine.p95),
    baseline: formatMs(baseline.p95),
    ratio: engine.p95 / baseline.p95,
    goal: goalMs === undefined ? '' : `p95 < ${goalMs} ms`,
    verdict: goalMs === undefined ? '' : verdict(engine.p95 < goalMs),
  });
}

// ---------------------------------------------------------------------------------------------- import

interface PhaseTimes {
  sourcesMs: number;
  claimsMs: number;
}

/** The engine path an analyst's bulk import takes: importSources with 1000 files per call. Returns the source ids. */
function engineSources(c: CaseFile, reference: ReferenceCase, from: number, to: number): string[] {
  const ids: string[] = [];
  for (let at = from; at < to; at += SOURCE_BATCH) {
    for (const result of importSources(c, reference.sources.slice(at, Math.min(at + SOURCE_BATCH, to)))) {
      if (!result.ok) throw new Error(`The engine refused ${result.fileName}: ${result.error}`);
      ids.push(result.id);
    }
  }
  return ids;
}

/** Claims through createClaimIn, CLAIM_BATCH to an action (one transaction each), as annotation.import writes a file. */
function engineClaims(
  c: CaseFile,
  reference: ReferenceCase,
  sourceIds: string[],
  from: number,
  to: number,
): void {
  for (let at = from; at < to; at += CLAIM_BATCH) {
    transaction(c, () => {
      const action = beginAction(c, 'bench');
      for (const claim of reference.claims.slice(at, Math.min(at + CLAIM_BATCH, to))) {
        createClaimIn(c, action, {
          anchor: { sourceId: sourceIds[claim.source]!, start: claim.start, end: claim.end },
          statement: claim.statement,
          claimant: claim.claimant,
          date: claim.date,
          place: claim.place,
          actors: claim.actors,
          eventType: claim.eventType,
          credibility: claim.credibility,
          status: claim.status,
          tags: claim.tags,
        });
      }
    });
  }
}

/**
 * Both imports, interleaved in rounds (one raw transaction of 2,000 sources or 10,000 claims, and the engine
 * calls covering the same rows, in alternating order), so that the machine's noise falls on both alike.
 */
function importBoth(c: CaseFile, writer: RawWriter, reference: ReferenceCase, atHalfClaims: () => void) {
  const engine: PhaseTimes = { sourcesMs: 0, claimsMs: 0 };
  const raw: PhaseTimes = { sourcesMs: 0, claimsMs: 0 };
  const sourceIds: string[] = [];
  const round = (index: number, engineRun: () => void, rawRun: () => void, phase: keyof PhaseTimes) => {
    const runs: [PhaseTimes, () => void][] = [
      [engine, engineRun],
      [raw, rawRun],
    ];
    if (index % 2 === 1) runs.reverse();
    for (const [times, run] of runs) times[phase] += timed(run).ms;
  };
  const nSources = reference.sources.length;
  for (let from = 0, index = 0; from < nSources; from += RAW_SOURCE_CHUNK, index += 1) {
    const to = Math.min(from + RAW_SOURCE_CHUNK, nSources);
    round(
      index,
      () => sourceIds.push(...engineSources(c, reference, from, to)),
      () => writer.writeSources(from, to),
      'sourcesMs',
    );
  }
  progress(`  sources: engine ${seconds(engine.sourcesMs)}, raw ${seconds(raw.sourcesMs)}`);
  const nClaims = reference.claims.length;
  const half = Math.floor(nClaims / 2);
  for (let from = 0, index = 0; from < nClaims; index += 1) {
    // A round ends at the halfway claim: the merge bench starts its second case from there (untimed).
    const to = Math.min(from + RAW_CLAIM_CHUNK, from < half ? half : nClaims);
    round(
      index,
      () => engineClaims(c, reference, sourceIds, from, to),
      () => writer.writeClaims(from, to),
      'claimsMs',
    );
    progress(`  claims: ${to} of ${nClaims}`);
    if (to === half) atHalfClaims();
    from = to;
  }
  progress(`  claims: engine ${seconds(engine.claimsMs)}, raw ${seconds(raw.claimsMs)}`);
  return { engine, raw, sourceIds };
}

/**
 * Opens a connection the way openCase does (WAL, synchronous NORMAL, its checkpoint interval, foreign keys on),
 * without its checks.
 */
function openRaw(path: string): Database.Database {
  const db = new Database(path, { fileMustExist: true });
  db.pragma('trusted_schema = OFF');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('wal_autocheckpoint = 10000');
  db.pragma('foreign_keys = ON');
  return db;
}

/**
 * What both files must hold alike: row counts, and hashes of every source, claim and tag membership by content
 * (claim ids are random in both, so memberships are compared through the claim they tag).
 */
function fingerprint(db: Database.Database): Record<string, string | number> {
  const hash = (sql: string) => {
    const lines = (db.prepare(sql).raw().all() as unknown[][]).map((row) => JSON.stringify(row));
    lines.sort();
    return createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16);
  };
  const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  const result: Record<string, string | number> = {};
  for (const table of ['sources', 'originals', 'claims', 'tags', 'claim_tags', 'changes'])
    result[table] = count(table);
  for (const entity of ['source', 'claim', 'tag', 'claimTag']) {
    result[`changes:${entity}`] = db
      .prepare('SELECT count(*) FROM changes WHERE entity = ?')
      .pluck()
      .get(entity) as number;
  }
  result.sourceRows = hash(
    `SELECT id, sha256, text, original_sha256, file_name, format, title, outlet, author, url, published_at, language,
       reliability, note, deleted FROM sources`,
  );
  // The original bytes by their digest: JSON of 30 MB of Buffers would cost more than the comparison is worth.
  const originals = db.prepare('SELECT sha256, media_type, bytes FROM originals').raw().all() as [
    string,
    string,
    Buffer,
  ][];
  result.originalRows = createHash('sha256')
    .update(
      originals
        .map(([sha, type, bytes]) => `${sha} ${type} ${createHash('sha256').update(bytes).digest('hex')}`)
        .sort()
        .join('\n'),
    )
    .digest('hex')
    .slice(0, 16);
  result.claimRows = hash(
    `SELECT source_id, source_sha256, quote_start, quote_end, quote, prefix, suffix, statement, claimant, event_date,
       earliest, latest, place, actors, event_type, credibility, status, note, deleted FROM claims`,
  );
  result.tagRows = hash(
    'SELECT id, parent_id, name, kind, color, description, merged_into, deleted FROM tags',
  );
  result.membershipRows = hash(
    `SELECT c.source_id, c.quote_start, c.quote_end, c.statement, ct.tag_id, ct.deleted
     FROM claim_tags ct JOIN claims c ON c.id = ct.claim_id`,
  );
  for (const word of ['Goma', 'M23', 'hospital', 'ceasefire']) {
    result[`claims_fts:${word}`] = db
      .prepare('SELECT count(*) FROM claims_fts WHERE claims_fts MATCH ?')
      .pluck()
      .get(word) as number;
    result[`sources_fts:${word}`] = db
      .prepare('SELECT count(*) FROM sources_fts WHERE sources_fts MATCH ?')
      .pluck()
      .get(word) as number;
  }
  return result;
}

// ---------------------------------------------------------------------------------------------- queries

/** 1–3 words from the vocabulary, as typed into the search box. */
function searchQueries(count: number, seed: number): string[] {
  const random = mulberry32(seed ^ 0x5eed);
  return Array.from({ length: count }, () => {
    const words = random() < 0.5 ? 1 : random() < 0.6 ? 2 : 3;
    return Array.from({ length: words }, () => pick(random, VOCABULARY)).join(' ');
  });
}

/** The FTS5 query the engine builds from plain words: each quoted, all required. */
const ftsQuery = (words: string) =>
  words
    .split(' ')
    .map((w) => `"${w}"`)
    .join(' ');

const DAY_MS = 86_400_000;
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const FIRST = dayNumber('2023-01-01');
const LAST = dayNumber('2025-12-31');

function windows(count: number, days: number, seed: number): { from: string; to: string }[] {
  const random = mulberry32(seed);
  return Array.from({ length: count }, () => {
    const start = between(random, FIRST, LAST - days + 1);
    return { from: isoDay(start), to: isoDay(start + days - 1) };
  });
}

const mondays = new Map<string, string>();

/** The Monday of a day's week, or the first of its month: the engine's bucket starts, computed in JS. */
function bucketOf(day: string, unit: BucketUnit): string {
  if (unit === 'month') return `${day.slice(0, 7)}-01`;
  let monday = mondays.get(day);
  if (monday === undefined) {
    const n = dayNumber(day);
    monday = isoDay(n - ((new Date(n * DAY_MS).getUTCDay() + 6) % 7));
    mondays.set(day, monday);
  }
  return monday;
}

function sameJson(what: string, a: unknown, b: unknown): void {
  if (JSON.stringify(a) !== JSON.stringify(b)) {
    throw new Error(
      `${what}: the engine and the baseline disagree (${JSON.stringify(a).slice(0, 200)} vs ${JSON.stringify(b).slice(0, 200)})`,
    );
  }
}

// ---------------------------------------------------------------------------------------------- main

const context = machine();
const summary: Record<string, unknown> = {
  bench: 'attest',
  startedAt: new Date().toISOString(),
  machine: context,
};
progress(
  `Attest bench · scale ${options.scale} · Node ${context.node} · SQLite ${context.sqlite} · better-sqlite3 ` +
    `${context.betterSqlite3} · ${context.cores} cores (${context.cpu}) · ${context.platform}`,
);

const generated = timed(() => generateCase({ scale: options.scale, seed: options.seed }));
const reference = generated.value;
const sourceBytes = reference.sources.reduce((sum, s) => sum + s.bytes.length, 0);
progress(
  `generated ${reference.sources.length} sources (${(sourceBytes / 2 ** 20).toFixed(1)} MiB) and ` +
    `${reference.claims.length} claims in ${seconds(generated.ms)}`,
);

const dir = mkdtempSync(join(tmpdir(), 'attest-bench-'));
const enginePath = join(dir, 'engine.attest');
const rawPath = join(dir, 'raw.attest');
/** The engine's case as it was halfway through its claims: the start of the merge bench's second case. */
const halfPath = join(dir, 'half.attest');
let c: CaseFile | undefined;
const runStart = performance.now();
try {
  // --- Import -----------------------------------------------------------------------------------------
  progress('import: engine and raw better-sqlite3, interleaved');
  c = createCase(enginePath, { author: AUTHOR, title: 'Bench reference case' });
  closeCase(createCase(rawPath, { author: AUTHOR, title: 'Bench raw baseline' }));
  const prepared = timed(() => buildRawRows(reference, c!.author.id));
  const rawRows = prepared.value;
  const raw = openRaw(rawPath);
  const {
    engine,
    raw: rawTimes,
    sourceIds,
  } = importBoth(c, rawWriter(raw, rawRows), reference, () => c!.db.prepare('VACUUM INTO ?').run(halfPath));

  sameJson('source ids', sourceIds, rawRows.sourceIds);
  const engineFingerprint = fingerprint(c.db);
  const rawFingerprint = fingerprint(raw);
  const differences = Object.keys(engineFingerprint).filter(
    (k) => engineFingerprint[k] !== rawFingerprint[k],
  );
  raw.close();
  if (differences.length) {
    notes.push(
      `WARNING: the engine and raw files differ in ${differences.join(', ')}; the import ratio compares unlike work.`,
    );
  }

  const nSources = reference.sources.length;
  const nClaims = reference.claims.length;
  const rawSourcesMs = rawTimes.sourcesMs;
  const rawClaimsMs = rawTimes.claimsMs;
  const importRow = (measure: string, count: number, engineMs: number, rawMs: number, goal: boolean) =>
    rows.push({
      section: 'import',
      measure,
      engine: formatRate((count / engineMs) * 1000),
      baseline: formatRate((count / rawMs) * 1000),
      ratio: engineMs / rawMs,
      goal: goal ? '≤ 2x raw' : '',
      verdict: goal ? verdict(engineMs / rawMs <= 2) : '',
    });
  importRow(`sources (${nSources.toLocaleString('en-US')})`, nSources, engine.sourcesMs, rawSourcesMs, false);
  importRow(`claims (${nClaims.toLocaleString('en-US')})`, nClaims, engine.claimsMs, rawClaimsMs, false);
  importRow(
    'sources + claims',
    nSources + nClaims,
    engine.sourcesMs + engine.claimsMs,
    rawSourcesMs + rawClaimsMs,
    true,
  );

  // Where the engine's import time goes, for the parts that can be timed alone.
  const ingestOnly = timed(() => {
    for (const s of reference.sources) ingestFileSync(s.fileName, s.bytes);
  });
  // createClaimIn parses each date twice: once to validate (checkFields), once to derive earliest/latest.
  // Timed on a sample and scaled up: parsing all of them again would add a minute to the full run.
  const dated = reference.claims.filter((claim) => claim.date !== null);
  const sample = dated.slice(0, 5000);
  const sampleMs = timed(() => {
    for (const claim of sample) for (let i = 0; i < 2; i += 1) parseEventDate(claim.date!);
  }).ms;
  const datesOnly = { ms: (sampleMs * dated.length) / Math.max(1, sample.length) };
  notes.push(
    `import breakdown: ingestFileSync alone ${formatMs(ingestOnly.ms)} (${((ingestOnly.ms / engine.sourcesMs) * 100).toFixed(0)}% of the engine's source import); ` +
      `EDTF parsing (2 per dated claim, from a sample of ${sample.length}) ~${formatMs(datesOnly.ms)} (${((datesOnly.ms / engine.claimsMs) * 100).toFixed(0)}% of its claim import); ` +
      `building the baseline's rows (hashes, ids, JSON; untimed) ${formatMs(prepared.ms)}.`,
  );

  summary.scale = options.scale;
  summary.seed = options.seed;
  summary.generateSeconds = generated.ms / 1000;
  summary.counts = engineFingerprint;
  summary.import = {
    engine: { sourcesSeconds: engine.sourcesMs / 1000, claimsSeconds: engine.claimsMs / 1000 },
    raw: { sourcesSeconds: rawTimes.sourcesMs / 1000, claimsSeconds: rawTimes.claimsMs / 1000 },
    ratio: (engine.sourcesMs + engine.claimsMs) / (rawSourcesMs + rawClaimsMs),
    sameRows: differences.length === 0,
    differences,
    breakdown: {
      ingestFileSeconds: ingestOnly.ms / 1000,
      edtfParseSeconds: datesOnly.ms / 1000,
      rawRowsBuildSeconds: prepared.ms / 1000,
    },
  };

  // --- Import per format: HTML, PDF, DOCX against plain text -------------------------------------------
  progress('import per format');
  const formats = await benchImportFormats();
  rows.push(...formats.rows);
  summary.importFormats = formats.summary;
  // --- Near-copies -------------------------------------------------------------------------------------
  // What import adds per source to find near-copies: its fingerprint (shingles, MinHash, LSH rows) and the
  // lookup among the sources already in the case, measured with the full case in place. A sample of sources
  // loses its fingerprint rows (untimed), then each is fingerprinted and looked up again, in one transaction as
  // in an import; the baseline is the raw per-source import time of the same run.
  progress('near-copies: fingerprint + lookup per source, with the full case in place');
  const nearSample = sourceIds.filter((_, i) => i % Math.max(1, Math.floor(sourceIds.length / 500)) === 0);
  transaction(c, () => {
    c!.db
      .prepare(`DELETE FROM source_fingerprints WHERE source_id IN (SELECT value FROM json_each(?))`)
      .run(JSON.stringify(nearSample));
  });
  let nearCopiesFound = 0;
  const nearMs = timed(() =>
    transaction(c!, () => {
      for (const id of nearSample) {
        fingerprintSources(c!, [id]);
        nearCopiesFound += findNearCopies(c!, id).length;
      }
    }),
  ).ms;
  const nearPerSource = nearMs / nearSample.length;
  const rawPerSource = rawSourcesMs / nSources;
  rows.push({
    section: 'import',
    measure: `near-copy fingerprint + lookup, per source (${nSources.toLocaleString('en-US')} in case)`,
    engine: formatMs(nearPerSource),
    baseline: formatMs(rawPerSource),
    ratio: nearPerSource / rawPerSource,
    goal: '',
    verdict: '',
  });
  notes.push(
    `near-copies: fingerprint + lookup ${formatMs(nearPerSource)} per source over ${nearSample.length} sources ` +
      `(${((nearPerSource / (engine.sourcesMs / nSources)) * 100).toFixed(0)}% of the engine's per-source import, ` +
      `which includes it); ${nearCopiesFound} near-copies found.`,
  );
  summary.nearCopies = {
    sampled: nearSample.length,
    perSourceMs: nearPerSource,
    rawImportPerSourceMs: rawPerSource,
    ratio: nearPerSource / rawPerSource,
    found: nearCopiesFound,
  };

  // --- Search -----------------------------------------------------------------------------------------
  progress('search');
  const db = c.db;
  const rawClaims = db.prepare('SELECT rowid, statement FROM claims_fts WHERE claims_fts MATCH ? LIMIT 50');
  const rawSources = db.prepare('SELECT rowid, title FROM sources_fts WHERE sources_fts MATCH ? LIMIT 50');
  // The engine's own SQL, prepared once: what is left between it and the engine is the engine's code, not FTS5.
  const rankedClaims = db.prepare(
    `SELECT c.id, snippet(claims_fts, -1, '[', ']', '…', 16) AS raw, bm25(claims_fts) AS rank
     FROM claims_fts JOIN claims c ON c.seq = claims_fts.rowid
     WHERE claims_fts MATCH ? AND c.deleted = 0 ORDER BY rank LIMIT 50`,
  );
  const rankedSources = db.prepare(
    `SELECT s.id, snippet(sources_fts, -1, '[', ']', '…', 16) AS raw, bm25(sources_fts) AS rank
     FROM sources_fts JOIN sources s ON s.seq = sources_fts.rowid
     WHERE sources_fts MATCH ? AND s.deleted = 0 ORDER BY rank LIMIT 50`,
  );
  const queries = searchQueries(options.queries, options.seed);
  const searchRunners = {
    engine: (q: string) => search(c!, q),
    raw: (q: string) => [...rawClaims.all(ftsQuery(q)), ...rawSources.all(ftsQuery(q))],
    ranked: (q: string) => {
      const hits = [
        ...(rankedClaims.all(ftsQuery(q)) as { id: string; rank: number }[]),
        ...(rankedSources.all(ftsQuery(q)) as { id: string; rank: number }[]),
      ];
      return hits.sort((a, b) => a.rank - b.rank).slice(0, 50);
    },
  };
  interleave(queries.slice(0, 10), searchRunners); // warm the page cache and the statement caches
  let searchHits = 0;
  const searchTimes = interleave(queries, searchRunners, (results, q) => {
    const engineHits = results.engine as { id: string }[];
    const rankedHits = results.ranked as { id: string }[];
    searchHits += engineHits.length;
    sameJson(`search "${q}"`, engineHits.length, rankedHits.length);
    if ((results.raw as unknown[]).length === 0 && engineHits.length > 0)
      throw new Error(`search "${q}": raw found nothing`);
  });
  const searchEngine = latency(searchTimes.engine);
  const searchRaw = latency(searchTimes.raw);
  const searchRanked = latency(searchTimes.ranked);
  addLatencyRows('search', `${queries.length} queries, 1–3 words`, searchEngine, searchRaw, 10);
  rows.push({
    section: 'search',
    measure: 'p95 vs engine SQL prepared once',
    engine: formatMs(searchEngine.p95),
    baseline: formatMs(searchRanked.p95),
    ratio: searchEngine.p95 / searchRanked.p95,
    goal: '',
    verdict: '',
  });
  summary.search = {
    queries: queries.length,
    averageHits: searchHits / queries.length,
    engine: searchEngine,
    raw: searchRaw,
    rankedRaw: searchRanked,
  };

  // --- Timeline ---------------------------------------------------------------------------------------
  progress('timeline');
  const rawWindow = db.prepare(
    `SELECT id, source_id AS sourceId, statement, event_date AS date, earliest, latest, status, claimant
     FROM claims WHERE earliest <= :to AND latest >= :from AND deleted = 0 ORDER BY earliest, id LIMIT 2001`,
  );
  const rawBucketRows = db
    .prepare(
      `SELECT max(earliest, :from) FROM claims WHERE earliest <= :to AND latest >= :from AND deleted = 0`,
    )
    .pluck();
  const rawBuckets = (window: { from: string; to: string }, unit: BucketUnit) => {
    const counts = new Map<string, number>();
    for (const day of rawBucketRows.all(window) as string[]) {
      const start = bucketOf(day, unit);
      counts.set(start, (counts.get(start) ?? 0) + 1);
    }
    return [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([start, count]) => ({ start, count }));
  };
  const timeline: Record<string, unknown> = {};
  const windowKinds = [
    { name: '1-week window', days: 7, seed: 1 },
    { name: '1-month window', days: 30, seed: 2 },
  ];
  for (const kind of windowKinds) {
    const list = windows(options.windows, kind.days, options.seed + kind.seed);
    let items = 0;
    const times = interleave(
      list,
      {
        engine: (w) => timelineWindow(c!, w),
        raw: (w) => rawWindow.all(w),
      },
      (results, w) => {
        const e = results.engine as { items: { id: string }[]; truncated: boolean };
        const r = results.raw as { id: string }[];
        items += e.items.length;
        sameJson(
          `timeline ${w.from}..${w.to}`,
          e.items.map((i) => i.id),
          r.slice(0, 2000).map((i) => i.id),
        );
      },
    );
    const e = latency(times.engine);
    const r = latency(times.raw);
    addLatencyRows('timeline', kind.name, e, r, 300);
    timeline[kind.name] = { windows: list.length, averageItems: items / list.length, engine: e, raw: r };
  }
  const bucketKinds = [
    { name: '1-year by week', days: 365, unit: 'week' as const, random: true },
    { name: '3-year by month', days: 3 * 365 + 1, unit: 'month' as const, random: false },
  ];
  for (const kind of bucketKinds) {
    const count = Math.max(10, Math.round(options.windows / 4));
    const list = kind.random
      ? windows(count, kind.days, options.seed + 3)
      : Array.from({ length: count }, () => ({ from: '2023-01-01', to: '2025-12-31' }));
    const times = interleave(
      list,
      {
        engine: (w) => timelineBuckets(c!, { ...w, unit: kind.unit }),
        raw: (w) => rawBuckets(w, kind.unit),
      },
      (results, w) => sameJson(`buckets ${w.from}..${w.to}`, results.engine, results.raw),
    );
    const e = latency(times.engine);
    const r = latency(times.raw);
    addLatencyRows('timeline', `buckets ${kind.name}`, e, r, 300);
    timeline[`buckets ${kind.name}`] = { windows: list.length, engine: e, raw: r };
  }
  summary.timeline = timeline;

  // --- Verify -----------------------------------------------------------------------------------------
  progress('verify');
  const rawVerify = (hash: boolean) => {
    const texts = new Map<string, string>();
    for (const s of db
      .prepare('SELECT id, text, sha256 FROM sources WHERE deleted = 0')
      .raw()
      .iterate() as Iterable<[string, string, string]>) {
      if (hash && createHash('sha256').update(s[1]).digest('hex') !== s[2]) throw new Error('altered source');
      texts.set(s[0], s[1]);
    }
    let broken = 0;
    let claims = 0;
    const claimRows = db
      .prepare(
        'SELECT source_id, quote_start, quote_end, quote, prefix, suffix FROM claims WHERE deleted = 0',
      )
      .raw()
      .iterate() as Iterable<[string, number, number, string, string, string]>;
    for (const [sourceId, start, end, quote, prefix, suffix] of claimRows) {
      claims += 1;
      const text = texts.get(sourceId);
      if (
        text === undefined ||
        text.slice(start, end) !== quote ||
        text.slice(Math.max(0, start - prefix.length), start) !== prefix ||
        text.slice(end, end + suffix.length) !== suffix
      ) {
        broken += 1;
      }
    }
    return { claims, broken };
  };
  const verifyTimes = interleave(
    [1, 2, 3, 4, 5],
    { engine: () => verifyCase(c!), raw: () => rawVerify(false), rawHashed: () => rawVerify(true) },
    (results) => {
      const e = results.engine as { ok: boolean; claims: number; broken: unknown[] };
      const r = results.raw as { claims: number; broken: number };
      if (!e.ok || r.broken !== 0) throw new Error('verify found broken citations in the generated case');
      sameJson('verify claims', e.claims, r.claims);
    },
  );
  const verifyEngine = median(verifyTimes.engine);
  const verifyRaw = median(verifyTimes.raw);
  const verifyHashed = median(verifyTimes.rawHashed);
  rows.push({
    section: 'verify',
    measure: `verifyCase, median of 5`,
    engine: formatMs(verifyEngine),
    baseline: formatMs(verifyRaw),
    ratio: verifyEngine / verifyRaw,
    goal: '',
    verdict: '',
  });
  rows.push({
    section: 'verify',
    measure: 'vs baseline that also hashes sources',
    engine: formatMs(verifyEngine),
    baseline: formatMs(verifyHashed),
    ratio: verifyEngine / verifyHashed,
    goal: '',
    verdict: '',
  });
  summary.verify = {
    engineMs: verifyTimes.engine,
    rawMs: verifyTimes.raw,
    rawHashedMs: verifyTimes.rawHashed,
  };

  // --- Suggestions ------------------------------------------------------------------------------------
  progress('suggestions');
  const suggestions = benchSuggestions(options.seed);
  rows.push(...suggestions.rows);
  summary.suggest = suggestions.summary;

  // --- Open -------------------------------------------------------------------------------------------
  progress('open');
  const closing = timed(() => closeCase(c!));
  c = undefined;
  const fileMiB = statSync(enginePath).size / 2 ** 20;
  const rawFileMiB = statSync(rawPath).size / 2 ** 20;
  const openMs: number[] = [];
  const readableMs: number[] = [];
  const verdictMs: number[] = [];
  const stampedMs: number[] = [];
  const openTimes = interleave(
    [1, 2, 3, 4, 5],
    {
      deferred: () => {
        // As the desktop opens a case it did not close cleanly itself: readable once openCase returns (and the
        // top bar's counts are read), the full check on its thread; its verdict is what the first write waits for.
        const start = performance.now();
        const opened = openCase(enginePath, { author: AUTHOR, deferIntegrityCheck: true });
        caseInfo(opened);
        caseCounts(opened);
        const readable = performance.now() - start;
        if (opened.integrity !== 'checking') throw new Error('the integrity check was not deferred');
        opened.pendingCheck!.passed();
        const verdictAt = performance.now() - start;
        closeCase(opened);
        return { readable, verdictAt };
      },
      engine: () => {
        // Only openCase is timed; closing (PRAGMA optimize) happens at quit, not before the first screen.
        const start = performance.now();
        const opened = openCase(enginePath, { author: AUTHOR });
        const ms = performance.now() - start;
        closeCase(opened);
        return ms;
      },
      raw: () => {
        const plain = new Database(enginePath, { fileMustExist: true });
        const count = plain.prepare('SELECT count(*) FROM claims').pluck().get();
        plain.close();
        return count;
      },
      stamped: () => {
        // Reopening a file this install closed cleanly (the desktop's usual case): no full-file check. The
        // clean close that gives the stamp is not timed.
        const stamp = closeCase(openCase(enginePath, { author: AUTHOR }));
        const start = performance.now();
        const opened = openCase(enginePath, { author: AUTHOR, closedCleanly: stamp ?? undefined });
        const ms = performance.now() - start;
        if (opened.integrity !== 'stamped') throw new Error('the stamp of a clean close was not honoured');
        closeCase(opened);
        return ms;
      },
      quickCheck: () => {
        const plain = new Database(enginePath, { readonly: true, fileMustExist: true });
        const result = plain.pragma('quick_check(20)');
        plain.close();
        return result;
      },
    },
    (results) => {
      openMs.push(results.engine as number);
      stampedMs.push(results.stamped as number);
      const deferred = results.deferred as { readable: number; verdictAt: number };
      readableMs.push(deferred.readable);
      verdictMs.push(deferred.verdictAt);
    },
  );
  // The engine runner reports openCase alone (its closeCase excluded); the baselines are timed whole.
  const openEngine = median(openMs);
  const openBaseline = median(openTimes.raw);
  const openReadable = median(readableMs);
  rows.push({
    section: 'open',
    measure: `until readable (header, version, schema checked; case.info), ${fileMiB.toFixed(0)} MiB, median of 5`,
    engine: formatMs(openReadable),
    baseline: formatMs(openBaseline),
    ratio: openReadable / openBaseline,
    goal: '< 1 s',
    verdict: verdict(openReadable < 1000),
  });
  const openVerdict = median(verdictMs);
  rows.push({
    section: 'open',
    measure: "until the full integrity check's verdict (then writable), from opening",
    engine: formatMs(openVerdict),
    baseline: formatMs(openBaseline),
    ratio: openVerdict / openBaseline,
    goal: '',
    verdict: '',
  });
  rows.push({
    section: 'open',
    measure: 'openCase checking the whole file first (the CLI)',
    engine: formatMs(openEngine),
    baseline: formatMs(openBaseline),
    ratio: openEngine / openBaseline,
    goal: '',
    verdict: '',
  });
  const openStamped = median(stampedMs);
  rows.push({
    section: 'open',
    measure: 'openCase after this install closed it cleanly',
    engine: formatMs(openStamped),
    baseline: formatMs(openBaseline),
    ratio: openStamped / openBaseline,
    goal: '< 1 s',
    verdict: verdict(openStamped < 1000),
  });
  notes.push(
    `open breakdown: PRAGMA quick_check alone ${formatMs(median(openTimes.quickCheck))} of openCase's ${formatMs(openEngine)}; ` +
      `closeCase after the bench (PRAGMA optimize) ${formatMs(closing.ms)}; ` +
      `file sizes: engine ${fileMiB.toFixed(1)} MiB, raw ${rawFileMiB.toFixed(1)} MiB.`,
  );
  summary.open = {
    readableMs,
    verdictMs,
    engineMs: openMs,
    rawMs: openTimes.raw,
    quickCheckMs: openTimes.quickCheck,
    closeMs: closing.ms,
    fileMiB,
    rawFileMiB,
  };

  // --- Merge ------------------------------------------------------------------------------------------
  progress('merge: a second case from the halfway copy, with claims of its own (untimed)');
  const half = Math.floor(reference.claims.length / 2);
  const other = openCase(halfPath, { author: 'bench second analyst' });
  try {
    engineClaims(other, reference, sourceIds, half, reference.claims.length);
  } finally {
    closeCase(other);
  }
  const rawTargetPath = join(dir, 'merge-raw-target.attest');
  copyFileSync(enginePath, rawTargetPath);
  // With --keep, the case as it was before the merge, for profiling the merge alone later.
  if (options.keep) copyFileSync(enginePath, join(dir, 'merge-before.attest'));
  progress('merge: engine, and the same new rows copied by plain SQL into a copy of the same file');
  c = openCase(enginePath, { author: AUTHOR });
  const merged = benchMerge(c, rawTargetPath, halfPath);
  if (!merged.verified) throw new Error('the merged case has broken citations');
  if (merged.newClaims !== reference.claims.length - half)
    throw new Error(`merge brought ${merged.newClaims} claims, not ${reference.claims.length - half}`);
  rows.push({
    section: 'merge',
    measure: `2 cases of ${reference.claims.length.toLocaleString('en-US')} claims sharing half`,
    engine: formatMs(merged.engineMs),
    baseline: formatMs(merged.rawMs),
    ratio: merged.engineMs / merged.rawMs,
    goal: '< 10 s',
    verdict: verdict(merged.engineMs < 10_000),
  });
  notes.push(
    `merge: ${merged.newChanges.toLocaleString('en-US')} changes and ${merged.newClaims.toLocaleString('en-US')} claims new to the case; ` +
      `the baseline copies ${merged.rawRows.toLocaleString('en-US')} rows with INSERT … SELECT over ATTACH, without validating or rebuilding anything. ` +
      `Engine by phase, wall (CPU of the merging thread): ${Object.entries(merged.phases)
        .filter(([, { ms }]) => ms >= 1)
        .map(([name, { ms, cpuMs }]) => `${name} ${formatMs(ms)} (${formatMs(cpuMs)})`)
        .join('; ')}.`,
  );
  summary.merge = merged;
} finally {
  if (c) closeCase(c);
  if (options.keep) progress(`case files kept in ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}

const totalMs = performance.now() - runStart + generated.ms;
const caseSize = `${reference.sources.length.toLocaleString('en-US')} sources, ${reference.claims.length.toLocaleString('en-US')} claims`;
const output = [
  '',
  `Attest bench — scale ${options.scale} (${caseSize}), seed ${options.seed}`,
  `Node ${context.node} · SQLite ${context.sqlite} · better-sqlite3 ${context.betterSqlite3} · ${context.cores} cores (${context.cpu}) · ${context.memoryGiB} GiB · ${context.platform}`,
  `generated in ${seconds(generated.ms)}; whole run ${seconds(totalMs)}`,
  'engine/base = engine time ÷ baseline time in this run (1.00x = as fast as plain better-sqlite3).',
  '',
  renderTable(rows),
  '',
  ...notes.map((n) => `• ${n}`),
  '',
].join('\n');
process.stdout.write(output);

summary.totalSeconds = totalMs / 1000;
summary.results = rows;
summary.notes = notes;
const json = JSON.stringify(summary, null, 2);
if (options.json) writeFileSync(options.json, `${json}\n`);
else process.stdout.write(`${json}\n`);
