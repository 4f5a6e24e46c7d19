// Selecting words from the keyboard: word steps over punctuation, scripts and emoji, and spans back to DOM points.
import { describe, expect, it } from 'vitest';
import { pointAt, selectionKeyOf, stepSelection } from '../../renderer/lib/keyboardSelection.ts';

const TEXT = 'GOMA — Fighters of the M23 group entered Goma’s airport, UN experts said. 🇺🇳 Done.';
const words = (span: { start: number; end: number } | null) =>
  span ? TEXT.slice(span.start, span.end) : null;

describe('stepSelection', () => {
  it('starts at the first word, then moves word by word over punctuation', () => {
    let span = stepSelection(TEXT, null, 'next');
    expect(words(span)).toBe('GOMA');
    span = stepSelection(TEXT, span, 'next');
    expect(words(span)).toBe('Fighters');
    span = stepSelection(TEXT, span, 'previous');
    expect(words(span)).toBe('GOMA');
    expect(words(stepSelection(TEXT, span, 'previous'))).toBe('GOMA');
  });

  it('grows and shrinks by whole words, never below one', () => {
    let span = stepSelection(TEXT, { start: 7, end: 15 }, 'extend');
    expect(words(span)).toBe('Fighters of');
    for (let i = 0; i < 5; i++) span = stepSelection(TEXT, span, 'extend');
    expect(words(span)).toBe('Fighters of the M23 group entered Goma’s');
    span = stepSelection(TEXT, span, 'shrink');
    expect(words(span)).toBe('Fighters of the M23 group entered');
    span = stepSelection(TEXT, { start: 7, end: 15 }, 'shrink');
    expect(words(span)).toBe('Fighters');
  });

  it('stops at the last word, past emoji', () => {
    const last = stepSelection(TEXT, { start: TEXT.indexOf('said'), end: TEXT.indexOf('said') + 4 }, 'next');
    expect(words(last)).toBe('Done');
    expect(words(stepSelection(TEXT, last, 'next'))).toBe('Done');
    expect(words(stepSelection(TEXT, last, 'extend'))).toBe('Done');
  });

  it('reads arrows as steps, leaves other keys and modified arrows to the browser', () => {
    const key = (k: string, shift = false, ctrl = false) =>
      selectionKeyOf({ key: k, shiftKey: shift, ctrlKey: ctrl, metaKey: false, altKey: false });
    expect([key('ArrowRight'), key('ArrowLeft'), key('ArrowRight', true), key('ArrowLeft', true)]).toEqual([
      'next',
      'previous',
      'extend',
      'shrink',
    ]);
    expect([key('ArrowDown'), key('ArrowRight', false, true), key('n')]).toEqual([null, null, null]);
  });
});

describe('pointAt', () => {
  const text = (value: string) => ({ nodeType: 3, nodeValue: value, childNodes: [] });
  const element = (...children: ReturnType<typeof text>[]) => ({
    nodeType: 1,
    nodeValue: null,
    childNodes: children,
  });

  it('finds the text node and offset of a text offset, at node boundaries the earlier node', () => {
    const a = text('GOMA — ');
    const b = text('Fighters');
    const c = text(' of the M23');
    const container = element(a, b, c);
    expect(pointAt(container, 0)).toEqual({ node: a, offset: 0 });
    expect(pointAt(container, 7)).toEqual({ node: a, offset: 7 });
    expect(pointAt(container, 9)).toEqual({ node: b, offset: 2 });
    expect(pointAt(container, 26)).toEqual({ node: c, offset: 11 });
    expect(pointAt(container, 99)).toEqual({ node: c, offset: 11 });
  });
});
