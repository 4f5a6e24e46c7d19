// The Review view: one claim at a time beside its quote in its paragraph; a verdict by key (1–6), then the next
// claim. Broken citations come first, then claims whose verdict went stale, then unreviewed ones.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { Claim, ReviewQueueItem } from '../../../electron/contract/index.ts';
import { isTyping } from '../../app/keyboard.ts';
import { describeEdtf } from '../../lib/describeEdtf.ts';
import { formatDay } from '../../lib/formatDate.ts';
import { useStores } from '../../stores/StoresProvider.tsx';
import { SourceText } from '../reader/SourceText.tsx';
import { paragraphAround, progressText, VERDICT_CHOICES, verdictForKey, verdictLabel } from './reviewText.ts';

/** Changes come in bursts: one reload of the queue per burst. */
const RELOAD_DELAY_MS = 60;

const STATE_LABELS: Record<ReviewQueueItem['state'], string> = {
  broken: 'Broken citation',
  stale: 'Verdict out of date',
  unreviewed: 'Not reviewed',
  reviewed: 'Reviewed',
};

export function ReviewView() {
  const stores = useStores();
  const items = useStore(stores.review, (state) => state.items);
  const progress = useStore(stores.review, (state) => state.progress);
  const loaded = useStore(stores.review, (state) => state.loaded);
  const currentId = useStore(stores.review, (state) => state.currentId);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void stores.review.getState().load();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = stores.on('case.changed', () => {
      clearTimeout(timer);
      timer = setTimeout(() => void stores.review.getState().load(), RELOAD_DELAY_MS);
    });
    return () => {
      clearTimeout(timer);
      stop();
    };
  }, [stores]);

  const index = items.findIndex((item) => item.claim.id === currentId);
  const item = index === -1 ? undefined : items[index];
  const broken = useMemo(() => items.filter((each) => each.state === 'broken'), [items]);

  const give = async (verdict: Parameters<typeof verdictLabel>[0]) => {
    if (busy || !item) return;
    setBusy(true);
    const done = await stores.review.getState().submit(verdict, comment);
    setBusy(false);
    if (done) setComment('');
  };
  const giveRef = useRef(give);
  giveRef.current = give;

  // 1–6 give a verdict; the arrow keys move through the queue. Never while typing a comment.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event)) return;
      const verdict = verdictForKey(event.key);
      if (verdict) {
        event.preventDefault();
        void giveRef.current(verdict);
      } else if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
        event.preventDefault();
        stores.review.getState().go(event.key === 'ArrowRight' ? 1 : -1);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [stores]);

  const openInReader = async (claim: Claim) => {
    await stores.sources.getState().loadText(claim.sourceId);
    stores.view.getState().openSource(claim.sourceId);
    stores.view.getState().selectClaim(claim.id);
    // The reader's text mounts after this; a flash set before it mounts is not replayed, so flash just after.
    setTimeout(() => stores.view.getState().selectClaim(claim.id, { flash: true }), 50);
  };

  return (
    <section className="review" aria-labelledby="review-heading">
      <div className="view-header">
        <div>
          <h2 id="review-heading">Review</h2>
          <p className="review-progress" role="status">
            {progressText(progress)}
          </p>
          <progress
            aria-label="Claims reviewed"
            max={Math.max(progress.total, 1)}
            value={progress.reviewed}
          />
        </div>
        <div className="toolbar">
          <button
            type="button"
            disabled={index <= 0}
            aria-keyshortcuts="ArrowLeft"
            onClick={() => stores.review.getState().go(-1)}
          >
            Previous
          </button>
          <button
            type="button"
            disabled={index === -1 || index >= items.length - 1}
            aria-keyshortcuts="ArrowRight"
            onClick={() => stores.review.getState().go(1)}
          >
            Skip
          </button>
          <button type="button" disabled={!item} onClick={() => item && void openInReader(item.claim)}>
            Open in reader
          </button>
        </div>
      </div>

      {broken.length > 0 && (
        <section className="review-broken" aria-labelledby="broken-heading">
          <h3 id="broken-heading">
            Broken citations <span className="count">{broken.length}</span>
          </h3>
          <ul aria-label="Broken citations">
            {broken.map((each) => (
              <li key={each.claim.id}>
                <button
                  type="button"
                  className="link"
                  aria-current={each.claim.id === currentId ? 'true' : undefined}
                  onClick={() => stores.review.getState().show(each.claim.id)}
                >
                  {each.claim.statement}
                </button>
                <span className="problem">{each.problems.map((problem) => problem.message).join(' ')}</span>
              </li>
            ))}
          </ul>
        </section>
      )}

      {!loaded ? (
        <p className="empty">Loading the claims to review…</p>
      ) : !item ? (
        <p className="empty">No claims to review yet: make claims in the Reader first.</p>
      ) : (
        <div className="review-columns">
          <QuoteInContext item={item} position={index + 1} total={items.length} />
          <aside className="review-panel" aria-label="Claim under review">
            <ClaimFields claim={item.claim} />
            <History />
            <div className="verdicts" role="group" aria-label="Verdict">
              <h3>Verdict</h3>
              <div className="verdict-buttons">
                {VERDICT_CHOICES.map((choice) => (
                  <button
                    key={choice.verdict}
                    type="button"
                    className={choice.verdict === 'citation-ok' ? 'primary' : undefined}
                    disabled={busy}
                    aria-keyshortcuts={choice.key}
                    onClick={() => void give(choice.verdict)}
                  >
                    <kbd>{choice.key}</kbd> {choice.label}
                  </button>
                ))}
              </div>
              <label className="review-comment">
                Comment (optional)
                <textarea rows={2} value={comment} onChange={(event) => setComment(event.target.value)} />
              </label>
            </div>
          </aside>
        </div>
      )}
    </section>
  );
}

function QuoteInContext({
  item,
  position,
  total,
}: {
  item: ReviewQueueItem;
  position: number;
  total: number;
}) {
  const stores = useStores();
  const { claim } = item;
  const source = useStore(stores.sources, (state) => state.texts[claim.sourceId]);
  const title = useStore(stores.sources, (state) => state.byId[claim.sourceId]?.title ?? source?.title);
  const tagsByPath = useStore(stores.tags, (state) => state.byPath);
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    void stores.sources.getState().loadText(claim.sourceId);
  }, [claim.sourceId, stores]);

  const text = source?.text ?? '';
  const passage = useMemo(
    () => paragraphAround(text, claim.start, claim.end),
    [text, claim.start, claim.end],
  );
  // The quote's span within the passage, for SourceText's highlight.
  const spans = useMemo(
    () => [{ ...claim, start: claim.start - passage.start, end: claim.end - passage.start }],
    [claim, passage.start],
  );

  return (
    <article className="review-context" aria-label="Quote in context">
      <p className="review-position">
        Claim {position} of {total} ·{' '}
        <span className={`queue-state state-${item.state}`}>{STATE_LABELS[item.state]}</span>
      </p>
      <h3 className="review-source">{title ?? 'Source'}</h3>
      {item.problems.length > 0 && (
        <div className="warning" role="note" aria-label="What is wrong">
          {item.problems.map((problem, index) => (
            <p key={index}>
              {problem.message}
              {problem.expected !== undefined && (
                <>
                  {' '}
                  Recorded: “{problem.expected}”. In the source: “{problem.found}”.
                </>
              )}
            </p>
          ))}
        </div>
      )}
      {!source ? (
        <p className="empty">Loading the source…</p>
      ) : (
        <div className="review-passage">
          {passage.clippedStart && <span aria-hidden="true">… </span>}
          <SourceText
            text={text.slice(passage.start, passage.end)}
            claims={spans}
            tagsByPath={tagsByPath}
            selectedClaimId={claim.id}
            pending={null}
            flash={null}
            containerRef={container}
            onMarkClick={() => {}}
          />
          {passage.clippedEnd && <span aria-hidden="true"> …</span>}
        </div>
      )}
    </article>
  );
}

function ClaimFields({ claim }: { claim: Claim }) {
  const date = claim.date ? describeEdtf(claim.date) : null;
  return (
    <dl className="review-fields" aria-label="Claim fields">
      <dt>Statement</dt>
      <dd className="statement">{claim.statement}</dd>
      <dt>Quote</dt>
      <dd className="quote-excerpt">“{claim.quote}”</dd>
      <dt>Claimant</dt>
      <dd>{claim.claimant ?? '—'}</dd>
      <dt>Date</dt>
      <dd>
        {claim.date ? (
          <>
            <code>{claim.date}</code>
            {date && date !== claim.date && <span className="date-preview"> ({date})</span>}
          </>
        ) : (
          '—'
        )}
      </dd>
      <dt>Place</dt>
      <dd>{claim.place ?? '—'}</dd>
      <dt>Tags</dt>
      <dd>
        {claim.tags.length === 0
          ? '—'
          : claim.tags.map((tag) => (
              <span key={tag} className="chip">
                {tag}
              </span>
            ))}
      </dd>
    </dl>
  );
}

function History() {
  const stores = useStores();
  const history = useStore(stores.review, (state) => state.history);
  return (
    <section aria-labelledby="history-heading">
      <h3 id="history-heading">Earlier verdicts</h3>
      {history.length === 0 ? (
        <p className="hint">None yet.</p>
      ) : (
        <ol className="review-history" aria-label="Earlier verdicts">
          {[...history].reverse().map((review) => (
            <li key={review.id} className={review.stale ? 'stale' : undefined}>
              <strong>{verdictLabel(review.verdict)}</strong>
              {review.stale && <span className="chip stale-flag">stale: the claim changed since</span>}
              <span className="meta">
                {review.reviewer} · {formatDay(review.reviewedAt)}
              </span>
              {review.comment && <span className="review-comment-text">{review.comment}</span>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
