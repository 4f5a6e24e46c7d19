// The claims of the open source, in text order: choose one to see its words; edit; delete with a confirmation.
import { useEffect, useRef, useState } from 'react';
import { pageLabel, type Claim } from '../../../electron/contract/index.ts';
import { CREDIBILITY } from '../../lib/claimForm.ts';
import { describeEdtf } from '../../lib/describeEdtf.ts';
import { useStores } from '../../stores/StoresProvider.tsx';

interface Props {
  claims: readonly Claim[];
  selectedClaimId: string | null;
  /** The claim being edited, whose Edit button is then pressed. */
  editingClaimId: string | null;
  onEdit(claimId: string): void;
  /** Where each page of a paged source (PDF) starts in its text: each claim then shows its page ("p. 4"). */
  pages?: readonly number[] | null;
}

const excerpt = (quote: string, max = 140) => (quote.length > max ? `${quote.slice(0, max - 1)}…` : quote);

export function ClaimList({ claims, selectedClaimId, editingClaimId, onEdit, pages }: Props) {
  const stores = useStores();
  const [confirming, setConfirming] = useState<string | null>(null);
  const list = useRef<HTMLOListElement>(null);

  // A claim chosen from the text scrolls into view in the list.
  useEffect(() => {
    if (!selectedClaimId) return;
    list.current
      ?.querySelector(`[data-claim-id="${CSS.escape(selectedClaimId)}"]`)
      ?.scrollIntoView({ block: 'nearest' });
  }, [selectedClaimId]);

  if (claims.length === 0) {
    return (
      <p className="empty">No claims yet. Select words in the text, then press “New claim” or the key N.</p>
    );
  }
  return (
    <ol className="claims" aria-label="Claims" ref={list}>
      {claims.map((claim) => {
        const selected = claim.id === selectedClaimId;
        const date = claim.date ? (describeEdtf(claim.date) ?? claim.date) : null;
        const page = pageLabel(pages, claim.start);
        return (
          <li key={claim.id} data-claim-id={claim.id} className={selected ? 'selected' : undefined}>
            <button
              type="button"
              className="claim"
              aria-current={selected ? 'true' : undefined}
              onClick={() => stores.view.getState().selectClaim(claim.id, { flash: true })}
            >
              <span className="statement">{claim.statement}</span>
              <span className="quote-excerpt">“{excerpt(claim.quote)}”</span>
              <span className="meta">
                {page && <span className="page">{page}</span>}
                {claim.claimant && <span>{claim.claimant}</span>}
                {date && <span>{date}</span>}
                {claim.place && <span>{claim.place}</span>}
                {claim.actors.length > 0 && <span>{claim.actors.join(', ')}</span>}
                {claim.credibility !== null && (
                  <span>
                    Credibility {claim.credibility} ({CREDIBILITY[claim.credibility - 1]?.label})
                  </span>
                )}
                <span className={`status status-${claim.status}`}>{claim.status}</span>
              </span>
              {claim.tags.length > 0 && (
                <span className="tags">
                  {claim.tags.map((tag) => (
                    <span key={tag} className="chip">
                      {tag}
                    </span>
                  ))}
                </span>
              )}
            </button>
            {confirming === claim.id ? (
              <div className="confirm" role="group" aria-label="Confirm deletion">
                <span>Delete this claim?</span>
                <button
                  type="button"
                  className="danger"
                  autoFocus
                  onClick={() => {
                    setConfirming(null);
                    void stores.claims.getState().remove(claim.id);
                  }}
                >
                  Yes, delete
                </button>
                <button type="button" onClick={() => setConfirming(null)}>
                  Keep
                </button>
              </div>
            ) : (
              <div className="claim-actions">
                <button
                  type="button"
                  className="edit"
                  aria-label={`Edit claim: ${excerpt(claim.statement, 60)}`}
                  aria-pressed={claim.id === editingClaimId}
                  onClick={() => onEdit(claim.id)}
                >
                  Edit
                </button>
                <button
                  type="button"
                  className="delete"
                  aria-label={`Delete claim: ${excerpt(claim.statement, 60)}`}
                  onClick={() => setConfirming(claim.id)}
                >
                  Delete
                </button>
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}
