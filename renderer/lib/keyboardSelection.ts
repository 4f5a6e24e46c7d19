// Selecting words from the keyboard in the source text (the reader's text is not editable, so the browser gives it
// no caret): the arrow keys select the next or previous word, Shift with them grows or shrinks the selection by a
// word. The DOM selection stays the one truth, so "New claim" works the same after a drag or after keys.

export type SelectionKey = 'next' | 'previous' | 'extend' | 'shrink';

/** The selection step a key asks for, or null for a key the text leaves to the browser (scrolling, Tab). */
export function selectionKeyOf(event: {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}): SelectionKey | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (event.key === 'ArrowRight') return event.shiftKey ? 'extend' : 'next';
  if (event.key === 'ArrowLeft') return event.shiftKey ? 'shrink' : 'previous';
  return null;
}

/** A word character: letters, marks and digits of any script, and the apostrophes inside words. */
const WORD = /[\p{L}\p{M}\p{N}'’]/u;

export interface Span {
  start: number;
  end: number;
}

function wordAfter(text: string, from: number): Span | null {
  let start = from;
  while (start < text.length && !WORD.test(text[start]!)) start += 1;
  if (start >= text.length) return null;
  let end = start;
  while (end < text.length && WORD.test(text[end]!)) end += 1;
  return { start, end };
}

function wordBefore(text: string, before: number): Span | null {
  let end = before;
  while (end > 0 && !WORD.test(text[end - 1]!)) end -= 1;
  if (end <= 0) return null;
  let start = end;
  while (start > 0 && WORD.test(text[start - 1]!)) start -= 1;
  return { start, end };
}

/**
 * The span after a step: `next`/`previous` select one whole word after or before the current span (the first
 * word of the text when nothing is selected); `extend` adds the next word to its end; `shrink` takes its last
 * word off (never below one word). Offsets are in the text's UTF-16 code units, like a claim's.
 */
export function stepSelection(text: string, current: Span | null, step: SelectionKey): Span | null {
  if (!current) return wordAfter(text, 0);
  switch (step) {
    case 'next':
      return wordAfter(text, current.end) ?? current;
    case 'previous':
      return wordBefore(text, current.start) ?? current;
    case 'extend': {
      const word = wordAfter(text, current.end);
      return word ? { start: current.start, end: word.end } : current;
    }
    case 'shrink': {
      const last = wordBefore(text, current.end);
      if (!last || last.start <= current.start) return current;
      const previous = wordBefore(text, last.start);
      return previous && previous.end > current.start ? { start: current.start, end: previous.end } : current;
    }
  }
}

interface TextNodeLike {
  readonly nodeType: number;
  readonly nodeValue: string | null;
  readonly childNodes: ArrayLike<TextNodeLike>;
}

/**
 * The DOM boundary point (text node, offset in it) at a text offset in the container, the reverse of
 * offsetsFromRange: a point at a boundary between two nodes is put at the end of the earlier one.
 */
export function pointAt<N extends TextNodeLike>(
  container: N,
  offset: number,
): { node: N; offset: number } | null {
  let total = 0;
  let last: { node: N; offset: number } | null = null;
  const visit = (node: N): { node: N; offset: number } | null => {
    if (node.nodeType === 3) {
      const length = node.nodeValue?.length ?? 0;
      if (offset <= total + length) return { node, offset: offset - total };
      total += length;
      last = { node, offset: length };
      return null;
    }
    for (let index = 0; index < node.childNodes.length; index++) {
      const found = visit(node.childNodes[index] as N);
      if (found) return found;
    }
    return null;
  };
  return visit(container) ?? last;
}
