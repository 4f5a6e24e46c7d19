// highlightSegments: cuts a source text into runs that each carry the claims covering them, so overlapping
// claims render as stacked marks without nesting elements across each other.

export interface ClaimSpan {
  id: string;
  start: number;
  end: number;
}

export interface Segment {
  start: number;
  end: number;
  /** Claims covering this run, outermost first (earlier start, then longer span); empty for plain text. */
  claimIds: string[];
}

/**
 * Segments covering [0, textLength) in order, with no gaps and no overlaps. Spans are clamped to the text;
 * empty spans are ignored. A run's claim list is ordered outermost first, so its last id is the innermost
 * claim: the one a click on that run means, and the one whose color it shows.
 */
export function highlightSegments(textLength: number, claims: readonly ClaimSpan[]): Segment[] {
  const length = Math.max(0, Math.floor(textLength));
  const spans = claims
    .map((claim) => ({
      id: claim.id,
      start: Math.max(0, Math.min(length, claim.start)),
      end: Math.max(0, Math.min(length, claim.end)),
    }))
    .filter((span) => span.end > span.start)
    .sort((a, b) => a.start - b.start || b.end - a.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const rank = new Map(spans.map((span, index) => [span, index]));

  const cuts = new Set<number>([0, length]);
  for (const span of spans) {
    cuts.add(span.start);
    cuts.add(span.end);
  }
  const points = [...cuts].sort((a, b) => a - b);

  // Sweep: spans enter at their start and leave at their end; `active` stays in outermost-first order.
  const segments: Segment[] = [];
  let active: typeof spans = [];
  let next = 0;
  for (let index = 0; index + 1 < points.length; index++) {
    const start = points[index]!;
    const end = points[index + 1]!;
    active = active.filter((span) => span.end > start);
    let entered = false;
    while (next < spans.length && spans[next]!.start === start) {
      active.push(spans[next]!);
      next++;
      entered = true;
    }
    if (entered) active.sort((a, b) => rank.get(a)! - rank.get(b)!);
    const claimIds = active.map((span) => span.id);
    const previous = segments.at(-1);
    if (previous && sameIds(previous.claimIds, claimIds)) previous.end = end;
    else segments.push({ start, end, claimIds });
  }
  return segments;
}

const sameIds = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((id, index) => id === b[index]);
