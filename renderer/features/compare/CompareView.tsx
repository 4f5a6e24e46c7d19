// The Compare view: two sources side by side with their claims marked; choose a claim on each side and link them
// (corroborates, contradicts, same event, repeats); the links between the two are listed, and choosing one flashes
// both quotes.
import { useEffect, useMemo, useRef } from 'react';
import { useStore } from 'zustand';
import type { Claim } from '../../../electron/contract/index.ts';
import { formatDay } from '../../lib/formatDate.ts';
import type { Side } from '../../stores/compareStore.ts';
import { useStores } from '../../stores/StoresProvider.tsx';
import { SourceText } from '../reader/SourceText.tsx';
import { describeLink, RELATIONS } from './linkText.ts';

const SIDE_LABELS: Record<Side, string> = { left: 'Left source', right: 'Right source' };

/** Changes come in bursts: one reload per burst. */
const RELOAD_DELAY_MS = 60;

export function CompareView() {
  const stores = useStores();
  const selected = useStore(stores.compare, (state) => state.selected);
  const sourceIds = useStore(stores.compare, (state) => state.sourceIds);
  const links = useStore(stores.compare, (state) => state.links);
  const left = useStore(stores.compare, (state) => state.claims.left);
  const right = useStore(stores.compare, (state) => state.claims.right);
  const leftIds = useMemo(() => new Set(left.map((claim) => claim.id)), [left]);
  const claimsById = useMemo(
    () => new Map([...left, ...right].map((claim) => [claim.id, claim])),
    [left, right],
  );

  useEffect(() => {
    void stores.compare.getState().reload();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = stores.on('case.changed', () => {
      clearTimeout(timer);
      timer = setTimeout(() => void stores.compare.getState().reload(), RELOAD_DELAY_MS);
    });
    return () => {
      clearTimeout(timer);
      stop();
    };
  }, [stores]);

  const both = selected.left !== null && selected.right !== null;

  return (
    <section className="compare" aria-labelledby="compare-heading">
      <div className="view-header">
        <div>
          <h2 id="compare-heading">Compare</h2>
          <p className="byline">
            Two sources side by side: choose a claim on each side, then say how they relate.
          </p>
        </div>
      </div>
      <section className="compare-links" aria-labelledby="links-heading">
        <div className="link-actions" role="group" aria-label="Link the chosen claims">
          <span className="hint">
            {both
              ? `Left: ${claimsById.get(selected.left!)?.statement ?? ''} — Right: ${claimsById.get(selected.right!)?.statement ?? ''}`
              : 'Choose a claim on each side to link them.'}
          </span>
          {RELATIONS.map((each) => (
            <button
              key={each.relation}
              type="button"
              disabled={!both}
              onClick={() => void stores.compare.getState().link(each.relation)}
            >
              {each.label}
            </button>
          ))}
        </div>
        <h3 id="links-heading">
          Links between these sources <span className="count">{links.length}</span>
        </h3>
        {!sourceIds.left || !sourceIds.right ? (
          <p className="empty">Pick a source on each side.</p>
        ) : links.length === 0 ? (
          <p className="empty">No links between these sources yet.</p>
        ) : (
          <ul className="link-list" aria-label="Links between these sources">
            {links.map((link) => {
              const words = describeLink(link, claimsById, leftIds);
              return (
                <li key={link.id} className={`relation-${link.relation}`}>
                  <button
                    type="button"
                    className="link"
                    aria-label={`Show: ${words}`}
                    onClick={() => stores.compare.getState().show(link)}
                  >
                    {words}
                  </button>
                  <button
                    type="button"
                    className="delete"
                    aria-label={`Delete link: ${words}`}
                    onClick={() => void stores.compare.getState().unlink(link.id)}
                  >
                    Delete
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <div className="compare-columns">
        <ComparePane side="left" />
        <ComparePane side="right" />
      </div>
    </section>
  );
}

function ComparePane({ side }: { side: Side }) {
  const stores = useStores();
  const ids = useStore(stores.sources, (state) => state.ids);
  const byId = useStore(stores.sources, (state) => state.byId);
  const sourceId = useStore(stores.compare, (state) => state.sourceIds[side]);
  const otherId = useStore(stores.compare, (state) => state.sourceIds[side === 'left' ? 'right' : 'left']);
  const claims = useStore(stores.compare, (state) => state.claims[side]);
  const selectedId = useStore(stores.compare, (state) => state.selected[side]);
  const flash = useStore(stores.compare, (state) => state.flash[side]);
  const linkedIds = useStore(stores.compare, (state) => state.links);
  const source = useStore(stores.sources, (state) => (sourceId ? state.texts[sourceId] : undefined));
  const tagsByPath = useStore(stores.tags, (state) => state.byPath);
  const container = useRef<HTMLDivElement>(null);
  const linked = useMemo(
    () => new Set(linkedIds.flatMap((link) => [link.fromClaimId, link.toClaimId])),
    [linkedIds],
  );

  useEffect(() => {
    if (sourceId) void stores.sources.getState().loadText(sourceId);
  }, [sourceId, stores]);

  const label = SIDE_LABELS[side];
  const summary = sourceId ? byId[sourceId] : undefined;
  return (
    <section className="compare-pane" aria-label={label}>
      <label className="source-picker">
        {label}
        <select
          value={sourceId ?? ''}
          onChange={(event) => void stores.compare.getState().pick(side, event.target.value || null)}
        >
          <option value="">Choose a source…</option>
          {ids.map((id) => (
            <option key={id} value={id} disabled={id === otherId}>
              {byId[id]?.title ?? id}
            </option>
          ))}
        </select>
      </label>
      {summary && (
        <p className="byline">
          {[summary.outlet, summary.publishedAt ? formatDay(summary.publishedAt) : null]
            .filter(Boolean)
            .join(' · ')}
        </p>
      )}
      {!sourceId ? null : !source ? (
        <p className="empty">Loading the source…</p>
      ) : (
        <>
          <article className="reading compare-text" aria-label={`${label} text`}>
            <SourceText
              text={source.text}
              claims={claims}
              tagsByPath={tagsByPath}
              selectedClaimId={selectedId}
              pending={null}
              flash={flash}
              containerRef={container}
              onMarkClick={(claimId) => stores.compare.getState().select(side, claimId)}
            />
          </article>
          <ClaimPicker side={side} claims={claims} selectedId={selectedId} linked={linked} />
        </>
      )}
    </section>
  );
}

function ClaimPicker(props: {
  side: Side;
  claims: readonly Claim[];
  selectedId: string | null;
  linked: Set<string>;
}) {
  const { side, claims, selectedId, linked } = props;
  const stores = useStores();
  if (claims.length === 0) return <p className="empty">No claims in this source yet.</p>;
  return (
    <ol className="claims compare-claims" aria-label={`Claims in the ${side} source`}>
      {claims.map((claim) => {
        const selected = claim.id === selectedId;
        return (
          <li key={claim.id} className={selected ? 'selected' : undefined}>
            <button
              type="button"
              className="claim"
              aria-pressed={selected}
              onClick={() => stores.compare.getState().select(side, selected ? null : claim.id)}
            >
              <span className="statement">{claim.statement}</span>
              <span className="quote-excerpt">
                “{claim.quote.length > 120 ? `${claim.quote.slice(0, 119)}…` : claim.quote}”
              </span>
              {linked.has(claim.id) && (
                <span className="meta">
                  <span className="chip">linked</span>
                </span>
              )}
            </button>
          </li>
        );
      })}
    </ol>
  );
}
