// `npm run bench:renderer`: the Timeline in headless Chromium against plain vis-timeline given every claim, in one run.
//
// Usage: node test/bench/renderer.ts [--scale 0.1] [--seed N] [--pans 40] [--baseline-timeout 180] [--json FILE]
// Builds the reference case (test/bench/generate.ts) through the engine, builds the renderer, serves it in browser
// mode and times: the Timeline's first paint (nav click to the first window drawn) and its redraw after a pan
// (window moved by script, to the new window's claims or counts drawn), then the same in a plain page where
// vis-timeline holds every dated claim in one DataSet. Reports the renderer's JS heap. Goal (DESIGN.md): any window
// under 300 ms; renderer memory under 300 MB.
import { Command } from 'commander';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { closeCase, createCase, openCase, transaction } from '../../db/caseFile.ts';
import { createClaimIn } from '../../db/claims.ts';
import { beginAction } from '../../db/history.ts';
import { importSources } from '../../db/sources.ts';
import { startServer } from '../../electron/serve/server.ts';
import rendererConfig from '../../renderer/vite.config.ts';
import { generateCase, isoDay, mulberry32 } from './generate.ts';
import { formatMs, latency, renderTable, type ResultRow } from './measure.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const GOAL_MS = 300;
const MEMORY_GOAL_MB = 300;
const MS_PER_DAY = 86_400_000;
/** Widths of the windows a pan lands on, in days: a few days of reports to three years of a war. */
const PAN_WIDTHS = [4, 7, 14, 30, 90, 365, 1100];

const program = new Command('bench:renderer')
  .description('Time the Timeline view against plain vis-timeline on the reference case.')
  .option('--scale <n>', 'size of the case; 1 = 10,000 sources and 100,000 claims', Number, 1)
  .option('--seed <n>', 'seed of the generator and of the pans', Number, 20250127)
  .option('--pans <n>', 'pans to time on each page', Number, 40)
  .option('--baseline-timeout <s>', 'seconds to wait for plain vis-timeline before giving up', Number, 180)
  .option('--json <file>', 'also write the results as JSON')
  .option('--case <file>', 'use this case file, building it first (and keeping it) when it does not exist');
program.parse();
const options = program.opts<{
  scale: number;
  seed: number;
  pans: number;
  baselineTimeout: number;
  json?: string;
  case?: string;
}>();

const log = (message: string) => process.stderr.write(`${message}\n`);
const work = mkdtempSync(join(tmpdir(), 'attest-bench-renderer-'));

interface DatedClaim {
  id: string;
  statement: string;
  earliest: string;
  latest: string | null;
  exact: boolean;
}

/** The reference case through the engine (500 sources, 1000 claims per transaction), unless it is there already. */
function buildCase(path: string): void {
  if (existsSync(path)) return;
  const reference = generateCase({ scale: options.scale, seed: options.seed });
  const c = createCase(path, { author: 'bench', title: 'Renderer bench' });
  try {
    const sourceIds: string[] = [];
    for (let at = 0; at < reference.sources.length; at += 500) {
      for (const result of importSources(c, reference.sources.slice(at, at + 500))) {
        if (!result.ok) throw new Error(`The engine refused ${result.fileName}: ${result.error}`);
        sourceIds.push(result.id);
      }
    }
    for (let at = 0; at < reference.claims.length; at += 1000) {
      transaction(c, () => {
        const action = beginAction(c, 'bench');
        for (const claim of reference.claims.slice(at, at + 1000)) {
          createClaimIn(c, action, {
            anchor: { sourceId: sourceIds[claim.source]!, start: claim.start, end: claim.end },
            statement: claim.statement,
            claimant: claim.claimant,
            date: claim.date,
            status: claim.status,
            tags: claim.tags,
          });
        }
      });
    }
  } finally {
    closeCase(c);
  }
}

/** Every dated claim, for the baseline's one DataSet. */
function datedClaims(path: string): DatedClaim[] {
  const c = openCase(path, { author: 'bench' });
  try {
    return c.db
      .prepare(
        `SELECT id, statement, earliest, latest, (earliest = latest AND length(event_date) = 10) AS exact
         FROM claims WHERE earliest IS NOT NULL ORDER BY earliest`,
      )
      .all()
      .map((row) => {
        const r = row as Omit<DatedClaim, 'exact'> & { exact: number };
        return { ...r, exact: r.exact === 1 };
      });
  } finally {
    closeCase(c);
  }
}

/** Pans: windows of mixed widths at seeded places across the claims' span, each different from the last. */
function pans(first: string, last: string, count: number): { from: string; to: string }[] {
  const random = mulberry32(options.seed);
  const low = Date.parse(first) / MS_PER_DAY;
  const high = Date.parse(last) / MS_PER_DAY;
  return Array.from({ length: count }, (_, index) => {
    const width = PAN_WIDTHS[index % PAN_WIDTHS.length]!;
    const start = Math.floor(low + random() * Math.max(1, high - low - width));
    return { from: isoDay(start), to: isoDay(start + width - 1) };
  });
}

/**
 * What runs in the page, as source text: the root tsconfig checks Node code without the DOM library, and these
 * few lines need only the DOM. Each waits for animation frames until the window is drawn, and times itself.
 */
const IN_PAGE = {
  openTimeline: `(async () => {
    const started = performance.now();
    const button = [...document.querySelectorAll('nav button')].find((b) => b.textContent === 'Timeline');
    button.click();
    for (;;) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const canvas = document.querySelector('.timeline-canvas');
      if (canvas && canvas.getAttribute('data-mode') !== 'none' && canvas.querySelector('.vis-item'))
        return performance.now() - started;
    }
  })()`,
  pan: ({ from, to }: { from: string; to: string }) => `(async () => {
    const canvas = document.querySelector('.timeline-canvas');
    const started = performance.now();
    canvas.dispatchEvent(new CustomEvent('timeline:set-window', { detail: { start: '${from}', end: '${to}' } }));
    for (;;) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
      if (canvas.getAttribute('data-window') === '${from}/${to}' && canvas.getAttribute('aria-busy') !== 'true')
        return { ms: performance.now() - started, mode: canvas.getAttribute('data-mode') };
      if (performance.now() - started > 30000) throw new Error('window ${from}/${to} never drew');
    }
  })()`,
  keepItems: (items: unknown) => {
    (globalThis as unknown as { benchItems: unknown }).benchItems = items;
  },
  plainTimeline: ({ from, to }: { from: string; to: string }) => `(async () => {
    const started = performance.now();
    await new Promise((resolve) => {
      const timeline = new vis.Timeline(document.getElementById('t'), new vis.DataSet(globalThis.benchItems), {
        start: '${from}', end: '${to}', stack: true, height: '600px',
      });
      globalThis.benchTimeline = timeline;
      timeline.on('changed', resolve);
    });
    await new Promise((resolve) => requestAnimationFrame(resolve));
    return performance.now() - started;
  })()`,
  plainPan: ({ from, to }: { from: string; to: string }) => `(async () => {
    const timeline = globalThis.benchTimeline;
    const started = performance.now();
    const drawn = new Promise((resolve) => timeline.once('changed', resolve));
    timeline.setWindow('${from}', '${to}', { animation: false });
    await drawn;
    await new Promise((resolve) => requestAnimationFrame(resolve));
    return performance.now() - started;
  })()`,
};

async function heapMb(page: Page): Promise<number> {
  const session = await page.context().newCDPSession(page);
  await session.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await session.send('Runtime.getHeapUsage')) as { usedSize: number };
  await session.detach();
  return usedSize / 1024 / 1024;
}

/** Our page: nav click to first window drawn, then each pan to its window drawn. */
async function measureAttest(browser: Browser, url: string, windows: { from: string; to: string }[]) {
  const context = await browser.newContext({ viewport: { width: 1360, height: 860 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  await page.getByRole('navigation', { name: 'Views' }).waitFor();
  // The case is open and its library listed: what comes after is the Timeline's own work.
  await page.getByRole('row').nth(1).waitFor({ timeout: 120_000 });
  const firstPaint = await page.evaluate<number>(IN_PAGE.openTimeline);
  const mode = await page.locator('.timeline-canvas').getAttribute('data-mode');
  log(`  first paint ${formatMs(firstPaint)} (${mode})`);
  const times: number[] = [];
  const modes = { items: 0, buckets: 0 };
  for (const window of windows) {
    const result = await page.evaluate<{ ms: number; mode: 'items' | 'buckets' }>(IN_PAGE.pan(window));
    times.push(result.ms);
    modes[result.mode] += 1;
  }
  const heap = await heapMb(page);
  await context.close();
  if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  return { firstPaint, pans: latency(times), max: Math.max(...times), modes, heap };
}

/** Plain vis-timeline in a plain page, every dated claim in one DataSet, the same first window and pans. */
async function measurePlain(
  browser: Browser,
  claims: DatedClaim[],
  first: { from: string; to: string },
  windows: { from: string; to: string }[],
) {
  const context = await browser.newContext({ viewport: { width: 1360, height: 860 } });
  const page = await context.newPage();
  await page.setContent(
    '<!doctype html><html><body style="margin:0"><div id="t" style="height:600px"></div></body></html>',
  );
  const root = join(import.meta.dirname, '../../node_modules/vis-timeline');
  await page.addStyleTag({ path: join(root, 'styles/vis-timeline-graph2d.min.css') });
  await page.addScriptTag({ path: join(root, 'standalone/umd/vis-timeline-graph2d.min.js') });
  const items = claims.map((claim) => ({
    id: claim.id,
    content: claim.statement.slice(0, 60),
    start: claim.earliest,
    ...(claim.exact ? { type: 'box' } : { type: 'range', end: claim.latest ?? claim.earliest }),
  }));
  await page.evaluate(IN_PAGE.keepItems, items);
  const run = async () => {
    const firstPaint = await page.evaluate<number>(IN_PAGE.plainTimeline(first));
    log(`  plain first paint ${formatMs(firstPaint)}`);
    const times: number[] = [];
    for (const window of windows) {
      times.push(await page.evaluate<number>(IN_PAGE.plainPan(window)));
      if (times.length === 1) log(`  plain first pan ${formatMs(times[0]!)}`);
    }
    const heap = await heapMb(page);
    return { firstPaint, pans: latency(times), max: Math.max(...times), heap };
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), options.baselineTimeout * 1000);
  });
  try {
    return await Promise.race([run(), timeout]);
  } finally {
    clearTimeout(timer);
    await context.close().catch(() => undefined);
  }
}

async function main() {
  const casePath = options.case ?? join(work, 'bench.attest');
  log(`building the case at scale ${options.scale}…`);
  let started = performance.now();
  buildCase(casePath);
  const claims = datedClaims(casePath);
  log(`  ${claims.length.toLocaleString('en-US')} dated claims in ${formatMs(performance.now() - started)}`);
  log('building the renderer…');
  const outDir = join(work, 'renderer');
  await build({
    ...rendererConfig,
    configFile: false,
    logLevel: 'error',
    build: { ...rendererConfig.build, outDir, emptyOutDir: true },
  });
  const server = await startServer({ casePath, author: 'bench', rendererDir: outDir });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    const first = claims[0]!.earliest;
    const last = claims.at(-1)!.earliest;
    const windows = pans(first, last, options.pans);
    log('timing the Timeline view…');
    started = performance.now();
    const attest = await measureAttest(browser, server.url, windows);
    log(`  done in ${formatMs(performance.now() - started)}`);
    log(`timing plain vis-timeline with ${claims.length.toLocaleString('en-US')} items in one DataSet…`);
    const plain = await measurePlain(browser, claims, { from: first, to: last }, windows);
    if (!plain) log(`  gave up after ${options.baselineTimeout} s`);
    const gaveUp = `> ${options.baselineTimeout} s`;
    const verdict = (ms: number) => (ms < GOAL_MS ? 'PASS' : 'FAIL');
    const rows: ResultRow[] = [
      {
        section: 'timeline',
        measure: 'first paint (open view, whole case)',
        engine: formatMs(attest.firstPaint),
        baseline: plain ? formatMs(plain.firstPaint) : gaveUp,
        ratio: plain ? attest.firstPaint / plain.firstPaint : 0,
        goal: `< ${GOAL_MS} ms`,
        verdict: verdict(attest.firstPaint),
      },
      {
        section: 'timeline',
        measure: `pan redraw p50 (${options.pans} windows)`,
        engine: formatMs(attest.pans.p50),
        baseline: plain ? formatMs(plain.pans.p50) : gaveUp,
        ratio: plain ? attest.pans.p50 / plain.pans.p50 : 0,
        goal: '',
        verdict: '',
      },
      {
        section: 'timeline',
        measure: 'pan redraw p95',
        engine: formatMs(attest.pans.p95),
        baseline: plain ? formatMs(plain.pans.p95) : gaveUp,
        ratio: plain ? attest.pans.p95 / plain.pans.p95 : 0,
        goal: '',
        verdict: '',
      },
      {
        section: 'timeline',
        measure: 'pan redraw max (any window)',
        engine: formatMs(attest.max),
        baseline: plain ? formatMs(plain.max) : gaveUp,
        ratio: plain ? attest.max / plain.max : 0,
        goal: `< ${GOAL_MS} ms`,
        verdict: verdict(attest.max),
      },
      {
        section: 'memory',
        measure: 'renderer JS heap after pans',
        engine: `${attest.heap.toFixed(1)} MB`,
        baseline: plain ? `${plain.heap.toFixed(1)} MB` : gaveUp,
        ratio: plain ? attest.heap / plain.heap : 0,
        goal: `< ${MEMORY_GOAL_MB} MB`,
        verdict: attest.heap < MEMORY_GOAL_MB ? 'PASS' : 'FAIL',
      },
    ];
    process.stdout.write(`${renderTable(rows)}\n`);
    process.stdout.write(
      `windows drawn as claims: ${attest.modes.items}, as counts: ${attest.modes.buckets}; ` +
        `the baseline's times include vis-timeline drawing from ${claims.length.toLocaleString('en-US')} items.\n`,
    );
    if (options.json) writeFileSync(options.json, JSON.stringify({ options, attest, plain, rows }, null, 2));
  } finally {
    await browser.close();
    await server.close();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
