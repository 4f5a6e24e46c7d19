// What every end-to-end suite needs: Debian's Chromium (Electron 45's Chromium major), launched the same way,
// and the renderer built with the project's own Vite config into a folder of the run.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { closeCase, createCase } from '../../db/caseFile.ts';
import type { Result } from '../../electron/contract/index.ts';
import { startServer, type RunningServer, type ServerOptions } from '../../electron/serve/server.ts';
import rendererConfig from '../../renderer/vite.config.ts';

/** The system Chromium; CI installs the Debian package. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Screenshots each suite takes of its screens, to be looked at (not committed). */
export const SCREENSHOTS = join(import.meta.dirname, 'screenshots');

/** Waits for the page to catch up: a generous limit, since CI machines are slower than a laptop. */
export const poll = <T>(read: () => T | Promise<T>, timeout = 10_000) =>
  expect.poll(read, { timeout, interval: 50 });

export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM}: the renderer's end-to-end tests need it. ` +
        'Install the Debian package (apt-get install chromium) or set CHROMIUM_PATH.',
    );
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
}

/** Builds the renderer into outDir with the project's config (imported, so tsc checks it too). */
export async function buildRenderer(outDir: string): Promise<void> {
  await build({
    ...rendererConfig,
    configFile: false,
    logLevel: 'warn',
    build: { ...rendererConfig.build, outDir, emptyOutDir: true },
  });
}

/** Headless Chromium without the background traffic this offline machine would refuse. */
export function launchChromium(): Promise<Browser> {
  requireChromium();
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/** Collects every page error and console error (a CSP violation is one); suites expect none at the end. */
export function watchForProblems(page: Page, problems: string[]): void {
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
}

/** Calls the contract from the test itself, as a second client would, to check what the engine stored. */
export async function callApi<V>(
  page: Page,
  server: RunningServer,
  method: string,
  input: unknown,
): Promise<V> {
  const response = await page.request.post(`${server.origin}/api/call/${method}`, {
    headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
    data: input,
  });
  const result = (await response.json()) as Result<V>;
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value;
}

/** One test's browser mode: its case file, the server serving it, and a fresh page watched for errors. */
export interface BrowserModeTest {
  dir: string;
  casePath: string;
  server: RunningServer;
  context: BrowserContext;
  page: Page;
  problems: string[];
  /** With `startLater`: starts browser mode on the test's case and opens the page (before that, both are unset). */
  start(): Promise<Page>;
}

export interface BrowserModeOptions {
  /** The case's title when `seed` does not make the case itself. */
  title?: string;
  viewport?: { width: number; height: number };
  /** Makes the case at casePath (closed again before the server opens it); an empty case when absent. */
  seed?: (casePath: string, dir: string) => void;
  /** More of browser mode's options, for the test's folder (a deferred integrity check, say). */
  serve?: (dir: string) => Partial<ServerOptions>;
  /** The test starts browser mode itself (`start()`), after changing its case file first, say. */
  startLater?: boolean;
}

/**
 * Registers what a browser-mode suite needs around its tests: the renderer built and Chromium launched once per
 * file; for each test a case of its own, browser mode serving it, and a page whose errors fail the test. The
 * returned object is filled before each test.
 */
export function useBrowserMode(options: BrowserModeOptions = {}): BrowserModeTest {
  let outDir = '';
  let browser: Browser | undefined;
  const current = {} as BrowserModeTest;
  // This test's server and browser context, once started (closed after it).
  let server: RunningServer | undefined;
  let context: BrowserContext | undefined;
  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'attest-e2e-renderer-'));
    await buildRenderer(outDir);
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    current.dir = mkdtempSync(join(tmpdir(), 'attest-e2e-case-'));
    current.casePath = join(current.dir, 'e2e.attest');
    if (options.seed) options.seed(current.casePath, current.dir);
    else
      closeCase(createCase(current.casePath, { author: 'E2E Analyst', title: options.title ?? 'E2E case' }));
    current.problems = [];
    current.start = async () => {
      current.server = server = await startServer({
        casePath: current.casePath,
        author: 'E2E Analyst',
        rendererDir: outDir,
        ...options.serve?.(current.dir),
      });
      current.context = context = await browser!.newContext({
        viewport: options.viewport ?? { width: 1360, height: 900 },
      });
      current.page = await context.newPage();
      watchForProblems(current.page, current.problems);
      return current.page;
    };
    if (!options.startLater) await current.start();
  });
  afterEach(async () => {
    await context?.close();
    await server?.close();
    context = server = undefined;
    if (current.dir) rmSync(current.dir, { recursive: true, force: true });
    expect(current.problems).toEqual([]);
  });
  return current;
}
