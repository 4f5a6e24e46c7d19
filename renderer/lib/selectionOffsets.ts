// From a DOM selection inside the rendered source text to the [start, end) offsets the engine anchors claims to.
// Offsets are UTF-16 code units of the source text, as String.prototype.slice counts them, so that
// `text.slice(start, end) === quote` holds exactly as the engine checks it (db/claims.ts resolveAnchor).

/**
 * The few members of a DOM node this module reads. Structural, so the mapping is tested under Node with plain
 * objects, and the reader passes real DOM nodes.
 */
export interface TextTreeNode {
  readonly nodeType: number;
  readonly nodeValue: string | null;
  readonly childNodes: ArrayLike<TextTreeNode>;
  readonly parentNode: TextTreeNode | null;
}

/** A selection's ends, as a DOM Range gives them. */
export interface RangeEnds {
  readonly startContainer: TextTreeNode;
  readonly startOffset: number;
  readonly endContainer: TextTreeNode;
  readonly endOffset: number;
}

export interface Span {
  start: number;
  end: number;
}

const TEXT_NODE = 3;

function isInside(node: TextTreeNode, container: TextTreeNode): boolean {
  for (let current: TextTreeNode | null = node; current; current = current.parentNode) {
    if (current === container) return true;
  }
  return false;
}

/**
 * The text offset of a DOM boundary point (node, offset) within the container: the length of all text that
 * precedes it. A point in a text node counts code units into it; a point in an element sits before its
 * child number `offset`. Only text nodes count: the container must hold the source text and nothing else.
 */
function offsetOf(container: TextTreeNode, node: TextTreeNode, offset: number): number {
  let total = 0;
  let found: number | null = null;
  // Recursive walk in document order (the container is a few levels deep); `found` is set when the walk reaches the boundary point.
  const visit = (current: TextTreeNode): boolean => {
    if (current.nodeType === TEXT_NODE) {
      const length = current.nodeValue?.length ?? 0;
      if (current === node) {
        found = total + Math.max(0, Math.min(offset, length));
        return true;
      }
      total += length;
      return false;
    }
    const children = current.childNodes;
    for (let index = 0; index < children.length; index++) {
      if (current === node && index === offset) {
        found = total;
        return true;
      }
      if (visit(children[index]!)) return true;
    }
    if (current === node) {
      found = total;
      return true;
    }
    return false;
  };
  visit(container);
  return found ?? total;
}

/**
 * The selection's span in the container's text, or null when it is collapsed or lies outside. An end outside
 * the container (a drag that ran past the text) is clamped to the text's start or end, whichever it passed.
 */
export function offsetsFromRange(container: TextTreeNode, range: RangeEnds): Span | null {
  const startInside = isInside(range.startContainer, container);
  const endInside = isInside(range.endContainer, container);
  if (!startInside && !endInside) return null;
  const length = offsetOf(container, container, container.childNodes.length);
  const start = startInside ? offsetOf(container, range.startContainer, range.startOffset) : 0;
  const end = endInside ? offsetOf(container, range.endContainer, range.endOffset) : length;
  return end > start ? { start, end } : null;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * What a claim should cite of a selected span: without the spaces and line breaks a drag or double-click
 * picks up at its ends, and never cutting a surrogate pair (an emoji) in two, which the engine refuses.
 * Null when nothing but white space is selected.
 */
export function tidySpan(text: string, span: Span): Span | null {
  let start = Math.max(0, Math.min(text.length, span.start));
  let end = Math.max(start, Math.min(text.length, span.end));
  if (start > 0 && isLowSurrogate(text.charCodeAt(start)) && isHighSurrogate(text.charCodeAt(start - 1)))
    start--;
  if (end < text.length && isLowSurrogate(text.charCodeAt(end)) && isHighSurrogate(text.charCodeAt(end - 1)))
    end++;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return end > start ? { start, end } : null;
}
