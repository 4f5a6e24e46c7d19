// Selection to offsets: DOM boundary points inside the rendered text map to UTF-16 offsets of the source text.
import { describe, expect, it } from 'vitest';
import { offsetsFromRange, tidySpan, type TextTreeNode } from '../../renderer/lib/selectionOffsets.ts';

// Minimal stand-ins for DOM nodes: what the reader renders is a container of text nodes and marks.
interface FakeNode extends TextTreeNode {
  childNodes: FakeNode[];
  parentNode: FakeNode | null;
}

const text = (value: string): FakeNode => ({
  nodeType: 3,
  nodeValue: value,
  childNodes: [],
  parentNode: null,
});

function element(...children: FakeNode[]): FakeNode {
  const node: FakeNode = { nodeType: 1, nodeValue: null, childNodes: children, parentNode: null };
  for (const child of children) child.parentNode = node;
  return node;
}

/** A container shaped like SourceText's output: a span or mark per run, cut at the given offsets. */
function render(source: string, cuts: number[]) {
  const points = [0, ...cuts, source.length];
  const pieces = points.slice(1).map((end, index) => source.slice(points[index], end));
  const nodes = pieces.map((piece) => element(text(piece)));
  return { container: element(...nodes), nodes };
}

describe('offsetsFromRange', () => {
  const source = 'Rebels entered Goma last Sunday, the governor said.';

  it('maps a selection inside one text node', () => {
    const { container, nodes } = render(source, []);
    const node = nodes[0]!.childNodes[0]!;
    const span = offsetsFromRange(container, {
      startContainer: node,
      startOffset: 15,
      endContainer: node,
      endOffset: 19,
    });
    expect(span).toEqual({ start: 15, end: 19 });
    expect(source.slice(span!.start, span!.end)).toBe('Goma');
  });

  it('maps a selection across marks', () => {
    const { container, nodes } = render(source, [7, 14, 20]);
    const start = nodes[1]!.childNodes[0]!; // "entered"
    const end = nodes[3]!.childNodes[0]!; // "last Sunday, ..."
    const span = offsetsFromRange(container, {
      startContainer: start,
      startOffset: 0,
      endContainer: end,
      endOffset: 11,
    });
    expect(source.slice(span!.start, span!.end)).toBe('entered Goma last Sunday');
  });

  it('reads element boundary points as positions between children', () => {
    const { container } = render(source, [7, 14]);
    // Before the second child, to after the third child of the container.
    const span = offsetsFromRange(container, {
      startContainer: container,
      startOffset: 1,
      endContainer: container,
      endOffset: 3,
    });
    expect(span).toEqual({ start: 7, end: source.length });
  });

  it('counts UTF-16 code units, as String.prototype.slice does, past emoji and direction overrides', () => {
    const hostile = 'A 🚀 and \u202Eevil\u202C then e\u0301 the phrase here.';
    const at = hostile.indexOf('the phrase');
    const { container, nodes } = render(hostile, [at]);
    const node = nodes[1]!.childNodes[0]!;
    const span = offsetsFromRange(container, {
      startContainer: node,
      startOffset: 0,
      endContainer: node,
      endOffset: 10,
    });
    expect(span).toEqual({ start: at, end: at + 10 });
    expect(hostile.slice(span!.start, span!.end)).toBe('the phrase');
  });

  it('clamps an end that ran past the container and ignores selections outside it', () => {
    const { container, nodes } = render(source, [7]);
    const outside = element(text('elsewhere'));
    const node = nodes[1]!.childNodes[0]!;
    expect(
      offsetsFromRange(container, {
        startContainer: node,
        startOffset: 8,
        endContainer: outside,
        endOffset: 0,
      }),
    ).toEqual({ start: 15, end: source.length });
    expect(
      offsetsFromRange(container, {
        startContainer: outside,
        startOffset: 0,
        endContainer: node,
        endOffset: 3,
      }),
    ).toEqual({ start: 0, end: 10 });
    const other = outside.childNodes[0]!;
    expect(
      offsetsFromRange(container, {
        startContainer: other,
        startOffset: 0,
        endContainer: other,
        endOffset: 4,
      }),
    ).toBeNull();
  });

  it('gives null for a collapsed selection', () => {
    const { container, nodes } = render(source, []);
    const node = nodes[0]!.childNodes[0]!;
    expect(
      offsetsFromRange(container, { startContainer: node, startOffset: 3, endContainer: node, endOffset: 3 }),
    ).toBeNull();
  });
});

describe('tidySpan', () => {
  it('drops white space at the ends', () => {
    const source = 'said  Goma \n next';
    expect(tidySpan(source, { start: 4, end: 12 })).toEqual({ start: 6, end: 10 });
  });

  it('never cuts a surrogate pair', () => {
    const source = 'x🚀y';
    // 🚀 is two code units at 1..3: a span starting or ending inside it widens to the whole character.
    expect(tidySpan(source, { start: 2, end: 4 })).toEqual({ start: 1, end: 4 });
    expect(tidySpan(source, { start: 0, end: 2 })).toEqual({ start: 0, end: 3 });
  });

  it('gives null for white space only', () => {
    expect(tidySpan('a   b', { start: 1, end: 4 })).toBeNull();
  });
});
