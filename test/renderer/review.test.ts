// The Review view's pure parts and its store over a fake client: the paragraph around a quote, the verdict keys,
// the progress line, and a verdict that is stored and moves the reviewer to the next claim.
import { describe, expect, it } from 'vitest';
import type { Claim, Review, ReviewQueue, ReviewQueueItem } from '../../electron/contract/index.ts';
import type { ApiClient } from '../../renderer/api/client.ts';
import {
  paragraphAround,
  progressText,
  VERDICT_CHOICES,
  verdictForKey,
  verdictLabel,
} from '../../renderer/features/review/reviewText.ts';
import { createReviewStore } from '../../renderer/stores/reviewStore.ts';

const TEXT =
  'Title line\n\nFirst paragraph, one sentence.\nStill the first.\n\n  Second paragraph here.  \n\nThird.';

describe('paragraphAround', () => {
  it('gives the paragraph holding the quote, trimmed', () => {
    const start = TEXT.indexOf('one sentence');
    const passage = paragraphAround(TEXT, start, start + 'one sentence'.length);
    expect(TEXT.slice(passage.start, passage.end)).toBe('First paragraph, one sentence.\nStill the first.');
    expect(passage).toMatchObject({ clippedStart: false, clippedEnd: false });
    const second = TEXT.indexOf('paragraph here');
    const around = paragraphAround(TEXT, second, second + 4);
    expect(TEXT.slice(around.start, around.end)).toBe('Second paragraph here.');
  });

  it('spans paragraphs when the quote does, and handles the ends of the text', () => {
    const start = TEXT.indexOf('Still');
    const end = TEXT.indexOf('Second') + 6;
    expect(TEXT.slice(paragraphAround(TEXT, start, end).start, paragraphAround(TEXT, start, end).end)).toBe(
      'First paragraph, one sentence.\nStill the first.\n\n  Second paragraph here.',
    );
    const first = paragraphAround(TEXT, 0, 5);
    expect(TEXT.slice(first.start, first.end)).toBe('Title line');
    const last = paragraphAround(TEXT, TEXT.length - 6, TEXT.length);
    expect(TEXT.slice(last.start, last.end)).toBe('Third.');
  });

  it('cuts a very long paragraph to the words around the quote, at spaces', () => {
    const words = Array.from({ length: 400 }, (_, index) => `word${index}`).join(' ');
    const start = words.indexOf('word200');
    const passage = paragraphAround(words, start, start + 7, 50);
    expect(passage.clippedStart && passage.clippedEnd).toBe(true);
    const shown = words.slice(passage.start, passage.end);
    expect(shown).toContain('word200');
    expect(shown.length).toBeLessThanOrEqual(7 + 100);
    expect(shown.startsWith('word')).toBe(true);
    expect(shown.endsWith(' ')).toBe(false);
  });
});

describe('verdict keys and progress', () => {
  it('maps the keys 1 to 6 to the six verdicts, in order', () => {
    expect(VERDICT_CHOICES.map((choice) => choice.key)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(verdictForKey('1')).toBe('citation-ok');
    expect(verdictForKey('6')).toBe('unsupported');
    expect(verdictForKey('7')).toBeUndefined();
    expect(verdictLabel('out-of-context')).toBe('Out of context');
  });

  it('says how far the review is', () => {
    expect(progressText({ total: 40, reviewed: 12, stale: 0, broken: 0 })).toBe('12 of 40 reviewed');
    expect(progressText({ total: 40, reviewed: 12, stale: 2, broken: 1 })).toBe(
      '12 of 40 reviewed · 2 stale · 1 broken',
    );
  });
});

const claim = (id: string): Claim => ({
  id,
  sourceId: 's1',
  start: 0,
  end: 1,
  quote: 'x',
  prefix: '',
  suffix: '',
  sourceSha256: 's1',
  statement: `Statement ${id}`,
  claimant: null,
  date: null,
  earliest: null,
  latest: null,
  place: null,
  actors: [],
  eventType: null,
  credibility: null,
  status: 'draft',
  note: null,
  tags: [],
  createdAt: '2025-01-01T00:00:00Z',
  createdBy: 'Ana',
  updatedAt: '2025-01-01T00:00:00Z',
  updatedBy: 'Ana',
});

/** A fake engine: claims a, b, c; a verdict moves its claim to the end of the queue. */
function fakeEngine() {
  const reviews: Review[] = [];
  const order = ['a', 'b', 'c'];
  const calls: string[] = [];
  const queue = (): ReviewQueue => {
    const reviewed = new Set(reviews.map((review) => review.claimId));
    const ids = [...order.filter((id) => !reviewed.has(id)), ...order.filter((id) => reviewed.has(id))];
    const items: ReviewQueueItem[] = ids.map((id) => ({
      claim: claim(id),
      state: reviewed.has(id) ? 'reviewed' : 'unreviewed',
      latest: reviews.findLast((review) => review.claimId === id) ?? null,
      problems: [],
    }));
    return { items, progress: { total: 3, reviewed: reviewed.size, stale: 0, broken: 0 } };
  };
  const client = {
    async call(method: string, input: Record<string, string>) {
      calls.push(method);
      if (method === 'review.queue') return queue();
      if (method === 'review.list') return reviews.filter((review) => review.claimId === input.claimId);
      if (method === 'review.add') {
        const review: Review = {
          id: `r${reviews.length}`,
          claimId: input.claimId!,
          verdict: input.verdict as Review['verdict'],
          comment: input.comment ?? null,
          reviewer: 'Ana',
          reviewedAt: '2025-01-01T00:00:00Z',
          stale: false,
        };
        reviews.push(review);
        return review;
      }
      throw new Error(`unexpected ${method}`);
    },
    on: () => () => {},
  } as unknown as ApiClient;
  return { client, reviews, calls };
}

describe('review store', () => {
  it('starts at the head of the queue, stores a verdict and moves to the next claim', async () => {
    const { client, reviews } = fakeEngine();
    const errors: unknown[] = [];
    const store = createReviewStore(client, (error) => errors.push(error));
    await store.getState().load();
    expect(store.getState().currentId).toBe('a');
    expect(await store.getState().submit('citation-ok', '  fine  ')).toBe(true);
    expect(reviews).toMatchObject([{ claimId: 'a', verdict: 'citation-ok', comment: 'fine' }]);
    expect(store.getState().currentId).toBe('b');
    expect(store.getState().progress.reviewed).toBe(1);
    expect(store.getState().items.map((item) => item.claim.id)).toEqual(['b', 'c', 'a']);

    store.getState().go(1);
    expect(store.getState().currentId).toBe('c');
    store.getState().go(1);
    expect(store.getState().currentId).toBe('a');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(store.getState().history).toMatchObject([{ verdict: 'citation-ok' }]);
    store.getState().go(1);
    expect(store.getState().currentId).toBe('a');
    store.getState().go(-1);
    expect(store.getState().currentId).toBe('c');
    expect(errors).toEqual([]);
  });

  it('reports a refused verdict and stays on the claim', async () => {
    const { client } = fakeEngine();
    const errors: unknown[] = [];
    const failing = {
      ...client,
      call: (method: string, input: unknown) =>
        method === 'review.add'
          ? Promise.reject(new Error('refused'))
          : client.call(method as never, input as never),
    } as ApiClient;
    const store = createReviewStore(failing, (error) => errors.push(error));
    await store.getState().load();
    expect(await store.getState().submit('unsupported')).toBe(false);
    expect(store.getState().currentId).toBe('a');
    expect(errors).toHaveLength(1);
  });
});
