// The new-claim form: the selected quote, the analyst's statement and the claim's fields, saved with claim.create.
import { useEffect, useId, useRef, useState } from 'react';
import type { ClaimStatus } from '../../../electron/contract/index.ts';
import { claimInput, emptyDraft, type ClaimDraft } from '../../lib/claimForm.ts';
import { describeEdtf } from '../../lib/describeEdtf.ts';
import { useStores } from '../../stores/StoresProvider.tsx';

const STATUSES: { value: ClaimStatus; label: string }[] = [
  { value: 'draft', label: 'Draft' },
  { value: 'verified', label: 'Verified' },
  { value: 'disputed', label: 'Disputed' },
  { value: 'rejected', label: 'Rejected' },
];

interface Props {
  sourceId: string;
  span: { start: number; end: number };
  quote: string;
  onDone(claimId: string | null): void;
}

export function ClaimForm({ sourceId, span, quote, onDone }: Props) {
  const stores = useStores();
  const [draft, setDraft] = useState<ClaimDraft>(emptyDraft);
  const [saving, setSaving] = useState(false);
  const statement = useRef<HTMLTextAreaElement>(null);
  const id = useId();
  const field = (name: keyof ClaimDraft) => ({
    id: `${id}-${name}`,
    value: draft[name],
    onChange: (event: { target: { value: string } }) =>
      setDraft((d) => ({ ...d, [name]: event.target.value })),
  });

  useEffect(() => statement.current?.focus(), []);

  const dateText = draft.date.trim();
  const datePreview = dateText ? describeEdtf(dateText) : null;

  const save = async () => {
    if (saving) return;
    setSaving(true);
    const claim = await stores.claims.getState().create(claimInput(sourceId, span, draft));
    setSaving(false);
    // On a refusal the form stays open with what was typed; the reason is in the alert region.
    if (claim) onDone(claim.id);
  };

  return (
    <form
      className="claim-form"
      aria-label="New claim"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onDone(null);
        }
      }}
    >
      <h3>New claim</h3>
      <figure className="quote">
        <figcaption>Quote</figcaption>
        <blockquote>{quote}</blockquote>
      </figure>

      <label htmlFor={`${id}-statement`}>Statement</label>
      <textarea
        {...field('statement')}
        ref={statement}
        required
        rows={3}
        placeholder="What the source claims, in your words"
      />

      <label htmlFor={`${id}-claimant`}>Claimant</label>
      <input {...field('claimant')} placeholder="Who asserts it: “the health ministry”" />

      <label htmlFor={`${id}-date`}>Event date</label>
      <input
        {...field('date')}
        aria-describedby={`${id}-date-preview`}
        placeholder="EDTF: 2025-01-27, 2025-02~, 2025-01-26/2025-01-28"
      />
      <p
        id={`${id}-date-preview`}
        className={`hint${dateText && !datePreview ? ' invalid' : ''}`}
        aria-live="polite"
      >
        {dateText
          ? (datePreview ??
            'Not a date Attest can read. Write it like 2025-01-27, 2025-02~ or 2025-01-26/2025-01-28.')
          : 'When the event happened, not when it was reported.'}
      </p>

      <label htmlFor={`${id}-place`}>Place</label>
      <input {...field('place')} />

      <label htmlFor={`${id}-status`}>Status</label>
      <select {...field('status')}>
        {STATUSES.map((status) => (
          <option key={status.value} value={status.value}>
            {status.label}
          </option>
        ))}
      </select>

      <label htmlFor={`${id}-tags`}>Tags</label>
      <input {...field('tags')} aria-describedby={`${id}-tags-hint`} placeholder="Actors/M23, Places/Goma" />
      <p id={`${id}-tags-hint`} className="hint">
        Comma-separated tag paths; new tags are added to the codebook.
      </p>

      <div className="form-actions">
        <button type="submit" className="primary" disabled={saving}>
          Save claim
        </button>
        <button type="button" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
