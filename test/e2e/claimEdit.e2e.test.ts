// End to end in headless Chromium: a claim made with actors, credibility and a codebook tag, then edited and undone.
import { join } from 'node:path';
import { type Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Claim } from '../../electron/contract/index.ts';
import { type RunningServer } from '../../electron/serve/server.ts';
import { callApi, poll, SCREENSHOTS, useBrowserMode } from './harness.ts';

const REPORT = `title: Rebels push into Goma as the airport is shelled
source: Meridian Wire
date: 2025-02-22

GOMA — Fighters of the Ruzizi Front pushed into the northern districts of Goma last Sunday after two days of shelling around the airport, the health ministry said on Saturday.

At least 43 people were killed and 212 wounded in the fighting, the health ministry said.
`;
const PHRASE = 'At least 43 people were killed and 212 wounded';

const browserMode = useBrowserMode({
  title: 'Goma offensive, February 2025',
  viewport: { width: 1360, height: 1000 },
});
let server: RunningServer;
let page: Page;

beforeEach(() => {
  ({ page, server } = browserMode);
});

/** Calls the contract from the test itself, to check what the engine stored. */
async function api<V>(method: string, input: unknown): Promise<V> {
  return callApi<V>(page, server, method, input);
}

/** Selects a phrase of the source text, as a drag would (it lies in one text node of an unmarked source). */
async function selectPhrase(phrase: string): Promise<void> {
  const text = page.getByRole('article', { name: 'Source text' });
  await poll(() => text.textContent()).toContain(phrase);
  await text.evaluate((element, wanted) => {
    interface InPageNode {
      nodeValue: string | null;
    }
    const document = (
      element as unknown as {
        ownerDocument: {
          createTreeWalker(root: unknown, show: number): { nextNode(): InPageNode | null };
          createRange(): {
            setStart(node: unknown, at: number): void;
            setEnd(node: unknown, at: number): void;
          };
          getSelection(): { removeAllRanges(): void; addRange(range: unknown): void } | null;
        };
      }
    ).ownerDocument;
    const walker = document.createTreeWalker(element, 4 /* NodeFilter.SHOW_TEXT */);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = (node.nodeValue ?? '').indexOf(wanted);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      document.getSelection()?.removeAllRanges();
      document.getSelection()?.addRange(range);
      return;
    }
    throw new Error(`"${wanted}" is not in one text node`);
  }, phrase);
}

describe('editing a claim in the reader', () => {
  it('creates a claim with actors, credibility and a codebook tag, edits it, and undoes the edit', async () => {
    await page.goto(server.url);
    await poll(() => page.getByRole('heading', { name: 'Library' }).count()).toBe(1);
    // A codebook path that the tag input offers as the analyst types.
    await api('tag.add', { path: 'Actors/Ruzizi Front', color: '#5b9bd5' });
    await page.getByLabel('Files to import').setInputFiles({
      name: 'goma-report.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(REPORT, 'utf8'),
    });
    const row = page.getByRole('row', { name: /Rebels push into Goma/ });
    await poll(() => row.count()).toBe(1);
    await row.dblclick();

    await selectPhrase(PHRASE);
    const newClaim = page.getByRole('button', { name: 'New claim' });
    await poll(() => newClaim.isEnabled()).toBe(true);
    await newClaim.click();

    const form = page.getByRole('form', { name: 'New claim' });
    await form.getByLabel('Statement').fill('At least 43 people died in the fighting for Goma');
    await form.getByRole('textbox', { name: 'Actors' }).fill('Ruzizi Front, the army');
    await form.getByLabel('Event type').fill('Shelling');
    await form.getByRole('combobox', { name: 'Credibility' }).selectOption({ label: '2 — Probably true' });
    await form.getByLabel('Note').fill('Ministry figures only');

    // Type-ahead: the tag input offers the codebook's paths; a picked path becomes a chip with Enter.
    const tagInput = form.getByRole('combobox', { name: 'Tags' });
    const listId = await tagInput.getAttribute('list');
    await poll(() =>
      page
        .locator(`datalist[id="${listId}"] option`)
        .evaluateAll((options) => options.map((option) => (option as unknown as { value: string }).value)),
    ).toContain('Actors/Ruzizi Front');
    await tagInput.pressSequentially('Actors/Ru');
    await tagInput.fill('Actors/Ruzizi Front');
    await tagInput.press('Enter');
    // A new path is allowed, and a comma ends it as Enter does.
    await tagInput.pressSequentially('Places/Goma,');
    const chips = form.getByRole('list', { name: 'Tags of this claim' }).getByRole('listitem');
    await poll(() => chips.allTextContents()).toEqual(['Actors/Ruzizi Front×', 'Places/Goma×']);
    await form.getByRole('button', { name: 'Save claim' }).click();

    const claims = page.getByRole('list', { name: 'Claims' });
    const card = claims.getByRole('button', { name: /^At least 43 people died/ });
    await poll(() => card.count()).toBe(1);
    await poll(() => card.textContent()).toContain('Credibility 2 (Probably true)');
    const [created] = await api<Claim[]>('claim.list', {});
    expect(created).toMatchObject({
      quote: PHRASE,
      statement: 'At least 43 people died in the fighting for Goma',
      actors: ['Ruzizi Front', 'the army'],
      eventType: 'Shelling',
      credibility: 2,
      note: 'Ministry figures only',
      tags: ['Actors/Ruzizi Front', 'Places/Goma'],
    });

    // Edit: the same form, prefilled.
    await claims.getByRole('button', { name: /^Edit claim: At least 43 people died/ }).click();
    const edit = page.getByRole('form', { name: 'Edit claim' });
    expect(await edit.getByLabel('Statement').inputValue()).toBe(created!.statement);
    expect(await edit.getByRole('textbox', { name: 'Actors' }).inputValue()).toBe('Ruzizi Front, the army');
    expect(await edit.getByRole('combobox', { name: 'Credibility' }).inputValue()).toBe('2');
    await edit.getByLabel('Statement').fill('At least 45 people died in the fighting for Goma');
    await edit.getByRole('combobox', { name: 'Credibility' }).selectOption('3');
    await edit.getByRole('button', { name: 'Remove tag Places/Goma' }).click();
    await edit.getByRole('combobox', { name: 'Tags' }).fill('Topics/Casualties');
    await edit.getByRole('combobox', { name: 'Tags' }).press('Enter');
    await edit.getByRole('button', { name: 'Save changes' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'claim-edit.png') });

    // A refused edit is reported in the alert region, and the form stays open with what was typed.
    await edit.getByLabel('Event date').fill('last Saturday');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await poll(() => page.getByRole('alert').textContent()).toMatch(/not a valid EDTF date/);
    expect(await edit.getByLabel('Statement').inputValue()).toBe(
      'At least 45 people died in the fighting for Goma',
    );
    expect((await api<Claim>('claim.get', { id: created!.id })).statement).toBe(created!.statement);

    await edit.getByLabel('Event date').fill('');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await poll(() => edit.count()).toBe(0);
    await poll(() => claims.getByRole('button', { name: /^At least 45 people died/ }).count()).toBe(1);
    const edited = await api<Claim>('claim.get', { id: created!.id });
    expect(edited).toMatchObject({
      statement: 'At least 45 people died in the fighting for Goma',
      credibility: 3,
      tags: ['Actors/Ruzizi Front', 'Topics/Casualties'],
      // Untouched fields are kept.
      actors: ['Ruzizi Front', 'the army'],
      eventType: 'Shelling',
      note: 'Ministry figures only',
    });

    // Undo takes the whole edit back.
    await page.getByRole('button', { name: 'Undo' }).click();
    await poll(async () => (await api<Claim>('claim.get', { id: created!.id })).statement).toBe(
      created!.statement,
    );
    expect(await api<Claim>('claim.get', { id: created!.id })).toMatchObject({
      credibility: 2,
      tags: ['Actors/Ruzizi Front', 'Places/Goma'],
    });
    await poll(() => claims.getByRole('button', { name: /^At least 43 people died/ }).count()).toBe(1);
    expect(browserMode.problems).toEqual([]);
  });
});
