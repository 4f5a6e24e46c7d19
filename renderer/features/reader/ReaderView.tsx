// The Reader: one source's text with its claims marked, beside its claims; select words to make a claim.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { isTyping } from '../../app/keyboard.ts';
import { formatDay } from '../../lib/formatDate.ts';
import type { ClaimDraft } from '../../lib/claimForm.ts';
import { countHiddenCharacters } from '../../lib/hiddenCharacters.ts';
import { offsetsFromRange, tidySpan, type Span } from '../../lib/selectionOffsets.ts';
import { suggestionDraft } from '../../lib/suggestionDraft.ts';
import { useStores } from '../../stores/StoresProvider.tsx';
import { RepeatBadges } from '../library/RepeatBadges.tsx';
import { ClaimForm } from './ClaimForm.tsx';
import { ClaimList } from './ClaimList.tsx';
import { SourceText } from './SourceText.tsx';
import { SuggestionsPanel } from './SuggestionsPanel.tsx';

const NO_IDS: string[] = [];

export function ReaderView() {
  const stores = useStores();
  const sourceId = useStore(stores.view, (state) => state.sourceId);
  if (!sourceId) {
    return (
      <section className="reader-empty" aria-labelledby="reader-heading">
        <h2 id="reader-heading">Reader</h2>
        <p className="empty">
          Open a source from the Library: double-click its row, or select it and press Enter.
        </p>
      </section>
    );
  }
  // Keyed by source: the selection and an open form belong to one source.
  return <Reader key={sourceId} sourceId={sourceId} />;
}

function Reader({ sourceId }: { sourceId: string }) {
  const stores = useStores();
  const source = useStore(stores.sources, (state) => state.texts[sourceId]);
  const summary = useStore(stores.sources, (state) => state.byId[sourceId]);
  const listed = useStore(stores.sources, (state) => state.loaded);
  const ids = useStore(stores.claims, (state) => state.idsBySource[sourceId] ?? NO_IDS);
  const byId = useStore(stores.claims, (state) => state.byId);
  const tagsByPath = useStore(stores.tags, (state) => state.byPath);
  const selectedClaimId = useStore(stores.view, (state) => state.selectedClaimId);
  const flash = useStore(stores.view, (state) => state.flash);
  const container = useRef<HTMLDivElement>(null);
  const [selection, setSelection] = useState<Span | null>(null);
  const [form, setForm] = useState<Span | null>(null);
  const [editingId, setEditingId] = useState<string | null>(null);
  // The side panel's tab, the fields an accepted suggestion brings to the form, and the suggestion pointed at.
  const [tab, setTab] = useState<'claims' | 'suggestions'>('claims');
  const [initial, setInitial] = useState<ClaimDraft | undefined>(undefined);
  const [hovered, setHovered] = useState<Span | null>(null);
  const suggestions = useStore(stores.suggestions, (state) =>
    state.sourceId === sourceId ? state.suggestions : null,
  );

  const claims = useMemo(() => ids.flatMap((id) => (byId[id] ? [byId[id]] : [])), [ids, byId]);
  const editing = editingId ? byId[editingId] : undefined;
  const text = source?.text ?? '';
  const hidden = useMemo(() => countHiddenCharacters(text), [text]);

  useEffect(() => {
    void stores.sources.getState().loadText(sourceId);
    void stores.claims.getState().loadForSource(sourceId);
  }, [sourceId, stores]);

  // Suggestions are read when their tab is first opened: reading a long source takes the engine a moment,
  // which opening a source to see its claims should not wait behind.
  useEffect(() => {
    if (tab === 'suggestions') void stores.suggestions.getState().load(sourceId);
  }, [tab, sourceId, stores]);

  // Follow the selection: a span of this source's text, tidied as a claim would cite it.
  useEffect(() => {
    const onSelectionChange = () => {
      const current = window.getSelection();
      const element = container.current;
      if (!current || current.rangeCount === 0 || current.isCollapsed || !element) return setSelection(null);
      const span = offsetsFromRange(element, current.getRangeAt(0));
      setSelection(span ? tidySpan(text, span) : null);
    };
    document.addEventListener('selectionchange', onSelectionChange);
    return () => document.removeEventListener('selectionchange', onSelectionChange);
  }, [text]);

  const openForm = useCallback(() => {
    if (!selection) return;
    setEditingId(null);
    setInitial(undefined);
    setForm(selection);
  }, [selection]);

  // "n" makes a claim of the selected words, as the button does.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'n' || event.ctrlKey || event.metaKey || event.altKey || isTyping(event) || form)
        return;
      if (!selection) return;
      event.preventDefault();
      openForm();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [selection, form, openForm]);

  if (!source) {
    return (
      <section className="reader" aria-labelledby="reader-heading">
        <h2 id="reader-heading">{summary?.title ?? 'Reader'}</h2>
        <p className="empty">
          {listed && !summary ? 'This source is no longer in the case.' : 'Loading the source…'}
        </p>
      </section>
    );
  }

  const title = summary?.title ?? source.title;
  const outlet = summary?.outlet ?? source.outlet;
  const publishedAt = summary?.publishedAt ?? source.publishedAt;
  const selectedWords = selection ? text.slice(selection.start, selection.end) : '';

  return (
    <section className="reader" aria-labelledby="reader-heading">
      <div className="view-header">
        <div>
          <h2 id="reader-heading">{title}</h2>
          <p className="byline">
            {[outlet, publishedAt ? formatDay(publishedAt) : null, source.fileName]
              .filter(Boolean)
              .join(' · ')}
          </p>
          {summary && <RepeatBadges source={summary} />}
        </div>
        <div className="toolbar">
          <span id="source-text-keys" className="visually-hidden">
            Arrow keys select the next or previous word; Shift with an arrow adds or removes a word; N makes a
            claim of the selected words.
          </span>
          <span className="selection-hint" aria-live="polite">
            {selection ? `${selectedWords.length} characters selected` : 'Select words to cite them'}
          </span>
          <button
            type="button"
            className="primary"
            disabled={!selection || form !== null}
            onClick={openForm}
            aria-keyshortcuts="N"
          >
            New claim
          </button>
        </div>
      </div>
      {(hidden.bidiControls > 0 || hidden.zeroWidth > 0) && (
        <p className="warning" role="note">
          This source contains invisible characters
          {hidden.bidiControls > 0 ? ` that change the direction of the text (${hidden.bidiControls})` : ''}
          {hidden.bidiControls > 0 && hidden.zeroWidth > 0 ? ' and' : ''}
          {hidden.zeroWidth > 0 ? ` of zero width (${hidden.zeroWidth})` : ''}: what you see may be ordered
          differently from what it says. Check quotes against the original file.
        </p>
      )}
      <div className="reader-columns">
        <article className="reading" aria-label="Source text">
          <SourceText
            text={text}
            claims={claims}
            tagsByPath={tagsByPath}
            selectedClaimId={selectedClaimId}
            pending={form ?? hovered}
            flash={flash}
            containerRef={container}
            onMarkClick={(claimId) => stores.view.getState().selectClaim(claimId)}
          />
        </article>
        <aside className="claims-panel" aria-label="Claims in this source">
          {form && (
            <ClaimForm
              key={`${form.start}:${form.end}`}
              sourceId={sourceId}
              span={form}
              quote={text.slice(form.start, form.end)}
              initial={initial}
              onDone={(claimId) => {
                setForm(null);
                setInitial(undefined);
                if (claimId) {
                  window.getSelection()?.removeAllRanges();
                  stores.view.getState().selectClaim(claimId, { flash: true });
                }
              }}
            />
          )}
          {editing && !form && (
            // Keyed by claim: choosing Edit on another claim starts again from that claim's fields.
            <ClaimForm
              key={editing.id}
              claim={editing}
              onDone={(claimId) => {
                setEditingId(null);
                if (claimId) stores.view.getState().selectClaim(claimId, { flash: true });
              }}
            />
          )}
          <div
            className="panel-tabs"
            role="tablist"
            aria-label="Claims and suggestions"
            onKeyDown={(event) => {
              // Arrow keys move between the two tabs (WAI-ARIA tabs pattern).
              if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
              event.preventDefault();
              const next = tab === 'claims' ? 'suggestions' : 'claims';
              setTab(next);
              document.getElementById(`reader-tab-${next}`)?.focus();
            }}
          >
            {(['claims', 'suggestions'] as const).map((name) => (
              <button
                key={name}
                type="button"
                role="tab"
                id={`reader-tab-${name}`}
                aria-selected={tab === name}
                aria-controls={`reader-panel-${name}`}
                tabIndex={tab === name ? 0 : -1}
                onClick={() => setTab(name)}
              >
                {name === 'claims' ? 'Claims' : 'Suggestions'}{' '}
                {(name === 'claims' || suggestions) && (
                  <span className="count">
                    {name === 'claims'
                      ? claims.length
                      : suggestions?.filter((suggestion) => !suggestion.claimed).length}
                  </span>
                )}
              </button>
            ))}
          </div>
          {tab === 'claims' ? (
            <div role="tabpanel" id="reader-panel-claims" aria-labelledby="reader-tab-claims">
              <ClaimList
                claims={claims}
                pages={source.pages}
                selectedClaimId={selectedClaimId}
                editingClaimId={editing ? editing.id : null}
                onEdit={(claimId) => {
                  setForm(null);
                  setEditingId(claimId);
                  stores.view.getState().selectClaim(claimId);
                }}
              />
            </div>
          ) : (
            <div role="tabpanel" id="reader-panel-suggestions" aria-labelledby="reader-tab-suggestions">
              <SuggestionsPanel
                suggestions={suggestions}
                onHover={(suggestion) =>
                  setHovered(suggestion && { start: suggestion.start, end: suggestion.end })
                }
                onAccept={(suggestion) => {
                  setEditingId(null);
                  window.getSelection()?.removeAllRanges();
                  setInitial(suggestionDraft(suggestion));
                  setForm({ start: suggestion.start, end: suggestion.end });
                }}
                onDismiss={(suggestion) =>
                  void stores.suggestions.getState().dismiss(sourceId, suggestion.start, suggestion.end)
                }
              />
            </div>
          )}
        </aside>
      </div>
    </section>
  );
}
