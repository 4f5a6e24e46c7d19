// The suggestions tab of the reader: candidate claims of the source (quote, date, claimant, kind, entities) to
// accept into the claim form or dismiss for good; hovering or focusing one marks its words in the text.
import type { Suggestion } from '../../../electron/contract/index.ts';
import { describeEdtf } from '../../lib/describeEdtf.ts';
import { KIND_LABEL } from '../../lib/suggestionDraft.ts';

interface Props {
  suggestions: readonly Suggestion[] | null;
  onAccept(suggestion: Suggestion): void;
  onDismiss(suggestion: Suggestion): void;
  /** The suggestion under the pointer or focus, to mark its words; null when none is. */
  onHover(suggestion: Suggestion | null): void;
}

const excerpt = (text: string, max = 60) => {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

export function SuggestionsPanel({ suggestions, onAccept, onDismiss, onHover }: Props) {
  if (suggestions === null) return <p className="empty">Reading the source for suggestions…</p>;
  if (suggestions.length === 0) {
    return <p className="empty">No suggestions left: every sentence is claimed or dismissed.</p>;
  }
  return (
    <ol className="suggestions" aria-label="Suggestions">
      {suggestions.map((suggestion) => {
        const date = suggestion.date ? (describeEdtf(suggestion.date) ?? suggestion.date) : null;
        const name = excerpt(suggestion.quote);
        return (
          <li
            key={suggestion.id}
            className={suggestion.claimed ? 'claimed' : undefined}
            onMouseEnter={() => onHover(suggestion)}
            onMouseLeave={() => onHover(null)}
            onFocus={() => onHover(suggestion)}
            onBlur={() => onHover(null)}
          >
            <blockquote className="quote-excerpt">“{excerpt(suggestion.quote, 220)}”</blockquote>
            <dl className="suggestion-fields">
              <div>
                <dt>Kind</dt>
                <dd>
                  <span className={`kind kind-${suggestion.kind}`}>{KIND_LABEL[suggestion.kind]}</span>
                </dd>
              </div>
              {date && (
                <div>
                  <dt>Date</dt>
                  <dd>
                    <span title={suggestion.date ?? undefined}>{date}</span>
                    {suggestion.dateText && <span className="muted"> from “{suggestion.dateText}”</span>}
                  </dd>
                </div>
              )}
              {suggestion.claimant && (
                <div>
                  <dt>Claimant</dt>
                  <dd>{suggestion.claimant}</dd>
                </div>
              )}
              {suggestion.entities.length > 0 && (
                <div>
                  <dt>Entities</dt>
                  <dd className="tags">
                    {suggestion.entities.map((entity) => (
                      <span
                        key={entity.name}
                        className={`chip entity-${entity.kind}${entity.tagId ? ' in-codebook' : ''}`}
                        title={`${entity.kind}${entity.tagPath ? ` · ${entity.tagPath}` : ''}${
                          entity.aliases.length ? ` · also ${entity.aliases.join(', ')}` : ''
                        }`}
                      >
                        {entity.name}
                      </span>
                    ))}
                  </dd>
                </div>
              )}
            </dl>
            <div className="suggestion-actions">
              {suggestion.claimed ? (
                <span className="muted">Already claimed</span>
              ) : (
                <button
                  type="button"
                  className="primary"
                  aria-label={`Accept suggestion: ${name}`}
                  onClick={() => onAccept(suggestion)}
                >
                  Accept
                </button>
              )}
              <button
                type="button"
                aria-label={`Dismiss suggestion: ${name}`}
                onClick={() => {
                  onHover(null);
                  onDismiss(suggestion);
                }}
              >
                Dismiss
              </button>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
