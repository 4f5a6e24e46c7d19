// The renderer as the desktop app runs it: through a `window.attest` bridge (here relaying to browser mode, as the
// preload relays to the main process) and driven by the shell's menu.command events, in headless Chromium.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeCase, createCase } from '../../db/caseFile.ts';
import { importSources } from '../../db/sources.ts';
import type { CaseSummary, Result } from '../../electron/contract/index.ts';
import { startServer, type RunningServer } from '../../electron/serve/server.ts';
import { buildRenderer, launchChromium, requireChromium } from './harness.ts';

const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 10_000, interval: 50 });

let outDir: string;
let browser: Browser;
let caseDir: string;
let server: RunningServer;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  requireChromium();
  outDir = mkdtempSync(join(tmpdir(), 'attest-e2e-bridge-'));
  await buildRenderer(outDir);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

beforeEach(async () => {
  caseDir = mkdtempSync(join(tmpdir(), 'attest-e2e-bridge-case-'));
  const casePath = join(caseDir, 'bridge.attest');
  const c = createCase(casePath, { author: 'Desk Analyst', title: 'Desktop bridge' });
  importSources(c, [
    {
      fileName: 'report.txt',
      bytes: Buffer.from('date 2025-02-22 Rebels entered Goma on Sunday, officials said.'),
    },
  ]);
  closeCase(c);
  server = await startServer({ casePath, author: 'Desk Analyst', rendererDir: outDir });
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  // The stand-in for the preload: exactly { call, on }, relaying calls to the engine and keeping listeners so
  // the test can play the shell's part and send events.
  await context.addInitScript(
    ({ token }) => {
      const listeners = new Map<string, Set<(payload: unknown) => void>>();
      const calls: string[] = [];
      // The engine's own events reach the bridge as the main process would forward them.
      const events = new EventSource(`/api/events?token=${token}`);
      for (const name of ['case.changed', 'import.progressed']) {
        events.addEventListener(name, (event) => {
          const payload = JSON.parse((event as unknown as { data: string }).data) as unknown;
          listeners.get(name)?.forEach((listener) => listener(payload));
        });
      }
      Object.assign(globalThis, {
        __calls: calls,
        __emit: (event: string, payload: unknown) =>
          listeners.get(event)?.forEach((listener) => listener(payload)),
        attest: {
          async call(method: string, input: unknown) {
            calls.push(method);
            const response = await fetch(`/api/call/${method}`, {
              method: 'POST',
              headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
              body: JSON.stringify(input ?? {}),
            });
            return response.json();
          },
          on(event: string, listener: (payload: unknown) => void) {
            if (!listeners.has(event)) listeners.set(event, new Set());
            listeners.get(event)!.add(listener);
            return () => listeners.get(event)?.delete(listener);
          },
        },
      });
    },
    { token: server.token },
  );
  page = await context.newPage();
  // No token in the address: with a bridge present, the renderer must not need browser mode's transport.
  await page.goto(server.origin);
});

afterEach(async () => {
  await context?.close();
  await server?.close();
  rmSync(caseDir, { recursive: true, force: true });
});

async function info(): Promise<CaseSummary> {
  const response = await page.request.post(`${server.origin}/api/call/case.info`, {
    headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
    data: {},
  });
  const result = (await response.json()) as Result<CaseSummary>;
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const emit = (event: string, payload: unknown) =>
  page.evaluate(([e, p]) => (globalThis as unknown as { __emit(e: string, p: unknown): void }).__emit(e, p), [
    event,
    payload,
  ] as const);

describe('the renderer over the desktop bridge', () => {
  it('talks to the engine only through window.attest', async () => {
    await poll(() => page.getByRole('cell', { name: /Rebels entered Goma/ }).count()).toBeGreaterThan(0);
    const calls = await page.evaluate(() => (globalThis as unknown as { __calls: string[] }).__calls);
    expect(calls).toEqual(expect.arrayContaining(['case.info', 'source.list']));
  });

  it('follows the View menu to every built view, and Find to the library search', async () => {
    await poll(() => page.getByRole('heading', { name: 'Library' }).count()).toBe(1);
    for (const [view, label] of [
      ['timeline', 'Timeline'],
      ['claims', 'Claims'],
      ['codebook', 'Codebook'],
      ['review', 'Review'],
      ['compare', 'Compare'],
    ] as const) {
      await emit('menu.command', { command: 'view', view });
      await poll(() =>
        page
          .getByRole('navigation', { name: 'Views' })
          .getByRole('button', { name: label })
          .getAttribute('aria-current'),
      ).toBe('page');
    }
    await emit('menu.command', { command: 'find' });
    await poll(() =>
      page.evaluate(
        () =>
          (globalThis as unknown as { document: { activeElement: { type?: string } | null } }).document
            .activeElement?.type,
      ),
    ).toBe('search');
  });

  it("Undo from the menu undoes the case's last action, but only the typing while a text field has focus", async () => {
    await poll(() => page.getByRole('cell', { name: /Rebels entered Goma/ }).count()).toBeGreaterThan(0);
    const search = page.getByRole('searchbox');
    await search.click();
    await search.pressSequentially('Goma');
    await emit('menu.command', { command: 'undo' });
    await poll(() => search.inputValue()).toBe('');
    expect((await info()).counts.sources).toBe(1);

    // Ctrl+Z belongs to the menu in the desktop app: the page itself does nothing with it.
    await page.getByRole('heading', { name: 'Library' }).click();
    await page.keyboard.press('Control+z');
    await page.waitForTimeout(200);
    expect((await info()).counts.sources).toBe(1);

    await emit('menu.command', { command: 'undo' });
    await poll(async () => (await info()).counts.sources).toBe(0);
    await poll(() => page.getByRole('cell', { name: /Rebels entered Goma/ }).count()).toBe(0);
    await emit('menu.command', { command: 'redo' });
    await poll(async () => (await info()).counts.sources).toBe(1);
  });
});
