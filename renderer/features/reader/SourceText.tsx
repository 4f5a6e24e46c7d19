// The source text with its claims' words marked. Text is rendered as React text nodes only: a source can be
// hostile (script tags, markup, direction overrides) and must reach the screen as the characters it contains.
import { memo, useEffect, useMemo, useRef, useState, type CSSProperties, type RefObject } from 'react';
import type { Claim, Tag } from '../../../electron/contract/index.ts';
import { highlightSegments } from '../../lib/highlightSegments.ts';
import { pointAt, selectionKeyOf, stepSelection } from '../../lib/keyboardSelection.ts';
import { offsetsFromRange } from '../../lib/selectionOffsets.ts';

interface Props {
  text: string;
  claims: readonly Claim[];
  tagsByPath: Record<string, Tag>;
  selectedClaimId: string | null;
  /** The words the open new-claim form cites: marked, since the selection is gone once the form has focus. */
  pending: { start: number; end: number } | null;
  flash: { claimId: string; nonce: number } | null;
  /** The element holding exactly the text's characters, for mapping a selection to offsets. */
  containerRef: RefObject<HTMLDivElement | null>;
  onMarkClick(claimId: string): void;
}

/** The id the pending span goes by in highlightSegments; no claim id (a UUID) can equal it. */
const PENDING = 'pending:new-claim';

/** How long a chosen claim's words flash; the CSS animation lasts as long. */
const FLASH_MS = 1400;

/** The highlight color of a claim: its first tag's color, if that tag has one. */
function colorOf(claim: Claim | undefined, tagsByPath: Record<string, Tag>): string | undefined {
  const first = claim?.tags[0];
  return (first && tagsByPath[first]?.color) || undefined;
}

export const SourceText = memo(function SourceText(props: Props) {
  const { text, claims, tagsByPath, selectedClaimId, pending, flash, containerRef, onMarkClick } = props;
  const segments = useMemo(
    () => highlightSegments(text.length, pending ? [...claims, { id: PENDING, ...pending }] : claims),
    [text, claims, pending],
  );
  const claimsById = useMemo(() => new Map(claims.map((claim) => [claim.id, claim])), [claims]);
  // The flash is state, not a class added to the DOM: a re-render (a claim added elsewhere) must neither keep
  // it forever nor cut it short. A flash already in the store when the text mounts is an old one: not replayed.
  const nonceAtMount = useRef(flash?.nonce ?? null);
  const [flashing, setFlashing] = useState<{ claimId: string; nonce: number } | null>(null);

  useEffect(() => {
    if (!flash || flash.nonce === nonceAtMount.current) return;
    setFlashing(flash);
    const timer = setTimeout(() => setFlashing(null), FLASH_MS);
    return () => clearTimeout(timer);
  }, [flash]);

  // Bring the flashing claim's first words into view.
  useEffect(() => {
    if (!flashing) return;
    const first = containerRef.current?.querySelector(`mark[data-claims~="${CSS.escape(flashing.claimId)}"]`);
    const reduceMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    first?.scrollIntoView({ block: 'center', behavior: reduceMotion ? 'auto' : 'smooth' });
  }, [flashing, containerRef]);

  return (
    <div
      ref={containerRef}
      className="source-text"
      // Focusable, so words can be selected from the keyboard (arrows, Shift+arrows) and cited with N.
      tabIndex={0}
      aria-describedby="source-text-keys"
      onKeyDown={(event) => {
        const step = selectionKeyOf(event);
        const element = containerRef.current;
        const selection = window.getSelection();
        if (!step || !element || !selection) return;
        const current =
          selection.rangeCount > 0 && !selection.isCollapsed
            ? offsetsFromRange(element, selection.getRangeAt(0))
            : null;
        const next = stepSelection(text, current, step);
        const from = next && pointAt(element as Node, next.start);
        const to = next && pointAt(element as Node, next.end);
        if (!from || !to) return;
        event.preventDefault();
        const range = document.createRange();
        range.setStart(from.node, from.offset);
        range.setEnd(to.node, to.offset);
        selection.removeAllRanges();
        selection.addRange(range);
        to.node.parentElement?.scrollIntoView({ block: 'nearest' });
      }}
      onClick={(event) => {
        // A click that ends a drag selects words; only a plain click on a mark selects its claim.
        if (!window.getSelection()?.isCollapsed) return;
        const mark = (event.target as HTMLElement).closest('mark');
        const ids = mark?.getAttribute('data-claims')?.split(' ');
        const innermost = ids?.at(-1);
        if (innermost) onMarkClick(innermost);
      }}
    >
      {segments.map((segment) => {
        const piece = text.slice(segment.start, segment.end);
        const claimIds = segment.claimIds.filter((id) => id !== PENDING);
        const isPending = claimIds.length < segment.claimIds.length;
        if (claimIds.length === 0 && !isPending) return <span key={segment.start}>{piece}</span>;
        const innermost = claimsById.get(claimIds.at(-1) ?? '');
        const color = colorOf(innermost, tagsByPath);
        const selected = selectedClaimId !== null && claimIds.includes(selectedClaimId);
        // Two class names in turn: a new animation name restarts the flash when the same claim is chosen again.
        const flashClass =
          flashing && claimIds.includes(flashing.claimId) ? `flash flash-${flashing.nonce % 2}` : '';
        const className = [selected ? 'selected' : '', isPending ? 'pending' : '', flashClass].filter(
          Boolean,
        );
        return (
          <mark
            key={segment.start}
            data-claims={claimIds.join(' ')}
            data-depth={Math.min(claimIds.length, 3)}
            className={className.join(' ') || undefined}
            style={color ? ({ '--mark-color': color } as CSSProperties) : undefined}
          >
            {piece}
          </mark>
        );
      })}
    </div>
  );
});
