// The Merge and Conflicts view: merge another analyst's case file (or JSON export), see what it brought, and
// settle each conflict by choosing one of the values written side by side, the claim's quote beside them.
import { useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import type { Conflict, EntityKind } from '../../../electron/contract/index.ts';
import { useStores } from '../../stores/StoresProvider.tsx';
import { fieldLabel, KIND_LABELS, mergeHeadline, valueText } from './conflictText.ts';

const RELOAD_DELAY_MS = 60;

export function ConflictsView() {
  const stores = useStores();
  const conflicts = useStore(stores.conflicts, (state) => state.conflicts);
  const loaded = useStore(stores.conflicts, (state) => state.loaded);
  const merging = useStore(stores.conflicts, (state) => state.merging);
  const summary = useStore(stores.conflicts, (state) => state.summary);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void stores.conflicts.getState().load();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = stores.on('case.changed', () => {
      clearTimeout(timer);
      timer = setTimeout(() => void stores.conflicts.getState().load(), RELOAD_DELAY_MS);
    });
    return () => {
      clearTimeout(timer);
      stop();
    };
  }, [stores]);

  const merge = (files: FileList | null) => {
    const file = files?.[0];
    if (!file) return;
    void stores.conflicts.getState().merge({
      name: file.name,
      size: file.size,
      bytes: async () => new Uint8Array(await file.arrayBuffer()),
    });
  };

  return (
    <section className="conflicts" aria-labelledby="conflicts-heading">
      <div className="view-header">
        <div>
          <h2 id="conflicts-heading">Merge and conflicts</h2>
          <p className="muted">
            Bring in a colleague’s case file or JSON export. Nothing of either side is lost: each field keeps
            its last edit, and two edits of one field made apart are listed here for you to settle.
          </p>
        </div>
        <div className="toolbar">
          <button
            type="button"
            className="primary"
            disabled={merging}
            onClick={() => fileInput.current?.click()}
          >
            {merging ? 'Merging…' : 'Merge case file…'}
          </button>
          <input
            ref={fileInput}
            type="file"
            hidden
            accept=".attest,.json"
            aria-label="Case file to merge"
            onChange={(event) => {
              merge(event.target.files);
              event.target.value = '';
            }}
          />
        </div>
      </div>

      {summary && (
        <section className="merge-summary" aria-label="Last merge">
          <p role="status">{mergeHeadline(summary)}</p>
          <table>
            <caption className="visually-hidden">Records from {summary.name}</caption>
            <thead>
              <tr>
                <th scope="col">Records</th>
                <th scope="col">Added</th>
                <th scope="col">Updated</th>
                <th scope="col">Unchanged</th>
                <th scope="col">Conflicts</th>
              </tr>
            </thead>
            <tbody>
              {(Object.keys(KIND_LABELS) as EntityKind[]).map((kind) => (
                <tr key={kind}>
                  <th scope="row">{KIND_LABELS[kind]}</th>
                  <td>{summary.kinds[kind].added}</td>
                  <td>{summary.kinds[kind].updated}</td>
                  <td>{summary.kinds[kind].unchanged}</td>
                  <td>{summary.kinds[kind].conflicts}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      <h3 id="open-conflicts">
        {loaded ? `${conflicts.length} open conflict${conflicts.length === 1 ? '' : 's'}` : 'Open conflicts'}
      </h3>
      {loaded && conflicts.length === 0 && <p className="muted">Nothing to settle.</p>}
      <ul className="conflict-list" aria-labelledby="open-conflicts">
        {conflicts.map((conflict) => (
          <ConflictCard
            key={`${conflict.entityId}/${conflict.field}/${conflict.baseHlc}`}
            conflict={conflict}
          />
        ))}
      </ul>
    </section>
  );
}

function ConflictCard({ conflict }: { conflict: Conflict }) {
  const stores = useStores();
  const field = fieldLabel(conflict.field);
  const heading = `${field} of “${conflict.label}”`;
  const openInReader = async () => {
    if (!conflict.sourceId) return;
    await stores.sources.getState().loadText(conflict.sourceId);
    stores.view.getState().openSource(conflict.sourceId);
    stores.view.getState().selectClaim(conflict.entityId);
    setTimeout(() => stores.view.getState().selectClaim(conflict.entityId, { flash: true }), 50);
  };
  return (
    <li className="conflict" aria-label={heading}>
      <div className="conflict-head">
        <h4>
          <span className="conflict-field">{field}</span> of{' '}
          {conflict.entity === 'claim' ? 'claim' : conflict.entity} “{conflict.label}”
        </h4>
        {conflict.sourceId && (
          <button type="button" onClick={() => void openInReader()}>
            Open in reader
          </button>
        )}
      </div>
      {conflict.quote && (
        <blockquote className="conflict-quote">
          “{conflict.quote}”{conflict.sourceTitle && <cite> — {conflict.sourceTitle}</cite>}
        </blockquote>
      )}
      <div className="conflict-sides">
        {conflict.sides.map((side, index) => (
          <div className="conflict-side" key={side.hlc}>
            <p className="conflict-value">{valueText(conflict.field, side.value)}</p>
            <p className="muted">
              {side.author}, {new Date(side.at).toLocaleString()}
            </p>
            <button
              type="button"
              aria-label={`Keep ${valueText(conflict.field, side.value)} by ${side.author} (value ${index + 1})`}
              onClick={() => void stores.conflicts.getState().settle(conflict, side.value)}
            >
              Keep this
            </button>
          </div>
        ))}
      </div>
      <p className="muted">
        Now: <strong>{valueText(conflict.field, conflict.current)}</strong>{' '}
        <button
          type="button"
          onClick={() => void stores.conflicts.getState().settle(conflict, conflict.current)}
        >
          Keep current
        </button>
      </p>
    </li>
  );
}
