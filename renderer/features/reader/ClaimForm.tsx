// The claim form: a new claim from the selected quote (claim.create), or an existing claim edited (claim.update).
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { Claim, ClaimStatus } from '../../../electron/contract/index.ts';
import {
  claimInput,
  claimUpdate,
  CREDIBILITY,
  draftFromClaim,
  emptyDraft,
  parseTagList,
  type ClaimDraft,
} from '../../lib/claimForm.ts';
import { describeEdtf } from '../../lib/describeEdtf.ts';
import { useStores } from '../../stores/StoresProvider.tsx';

const STATUSES: { value: ClaimStatus; label: string }[] = [
  { value: 'draft', label: 'Draft' },
  { value: 'verified', label: 'Verified' },
  { value: 'disputed', label: 'Disputed' },
  { value: 'rejected', label: 'Rejected' },
];

type Props =
  | {
      sourceId: string;
      span: { start: number; end: number };
      quote: string;
      claim?: undefined;
      /** Fields filled in beforehand (an accepted suggestion), for the analyst to edit. */
      initial?: ClaimDraft;
    }
  | { claim: Claim };

type TextField = Exclude<keyof ClaimDraft, 'tags'>;

export function ClaimForm(props: Props & { onDone(claimId: string | null): void }) {
  const { claim, onDone } = props;
  const stores = useStores();
  const tagsByPath = useStore(stores.tags, (state) => state.byPath);
  const [draft, setDraft] = useState<ClaimDraft>(() =>
    claim ? draftFromClaim(claim) : (props.initial ?? emptyDraft()),
  );
  // The tag being typed, before Enter or a comma makes it a chip.
  const [tagText, setTagText] = useState('');
  const [saving, setSaving] = useState(false);
  const statement = useRef<HTMLTextAreaElement>(null);
  const id = useId();
  const field = (name: TextField) => ({
    id: `${id}-${name}`,
    value: draft[name],
    onChange: (event: { target: { value: string } }) =>
      setDraft((d) => ({ ...d, [name]: event.target.value })),
  });
  const paths = useMemo(() => Object.keys(tagsByPath).sort(), [tagsByPath]);

  useEffect(() => statement.current?.focus(), []);

  const dateText = draft.date.trim();
  const datePreview = dateText ? describeEdtf(dateText) : null;
  const quote = claim ? claim.quote : props.quote;
  const title = claim ? 'Edit claim' : 'New claim';

  const addTags = (text: string) => {
    const added = parseTagList(text);
    if (added.length) setDraft((d) => ({ ...d, tags: [...new Set([...d.tags, ...added])] }));
  };
  const removeTag = (path: string) => setDraft((d) => ({ ...d, tags: d.tags.filter((tag) => tag !== path) }));
  const onTagText = (value: string) => {
    // A comma ends a path: what comes before it becomes chips, the rest stays being typed.
    const cut = value.lastIndexOf(',');
    if (cut < 0) return setTagText(value);
    addTags(value.slice(0, cut));
    setTagText(value.slice(cut + 1).trimStart());
  };

  const save = async () => {
    if (saving) return;
    // A path still being typed counts, as if Enter had been pressed.
    const final = { ...draft, tags: [...new Set([...draft.tags, ...parseTagList(tagText)])] };
    setDraft(final);
    setTagText('');
    if (claim) {
      const input = claimUpdate(claim, final);
      if (!input) return onDone(claim.id);
      setSaving(true);
      const updated = await stores.claims.getState().update(input);
      setSaving(false);
      if (updated) onDone(updated.id);
      return;
    }
    setSaving(true);
    const created = await stores.claims.getState().create(claimInput(props.sourceId, props.span, final));
    setSaving(false);
    // On a refusal the form stays open with what was typed; the reason is in the alert region.
    if (created) onDone(created.id);
  };

  return (
    <form
      className="claim-form"
      aria-label={title}
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
      <h3>{title}</h3>
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

      <label htmlFor={`${id}-actors`}>Actors</label>
      <input
        {...field('actors')}
        aria-describedby={`${id}-actors-hint`}
        placeholder="Ruzizi Front, the army"
      />
      <p id={`${id}-actors-hint`} className="hint">
        Who took part, separated by commas.
      </p>

      <label htmlFor={`${id}-eventType`}>Event type</label>
      <input {...field('eventType')} placeholder="Shelling, arrest, statement…" />

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

      <div className="form-pair">
        <div>
          <label htmlFor={`${id}-credibility`}>Credibility</label>
          <select {...field('credibility')}>
            <option value="">Not assessed</option>
            {CREDIBILITY.map((level) => (
              <option key={level.value} value={String(level.value)}>
                {level.value} — {level.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-status`}>Status</label>
          <select {...field('status')}>
            {STATUSES.map((status) => (
              <option key={status.value} value={status.value}>
                {status.label}
              </option>
            ))}
          </select>
        </div>
      </div>

      <label htmlFor={`${id}-tags`}>Tags</label>
      {draft.tags.length > 0 && (
        <ul className="tag-chips" aria-label="Tags of this claim">
          {draft.tags.map((tag) => (
            <li key={tag} className="chip">
              {tag}
              <button type="button" aria-label={`Remove tag ${tag}`} onClick={() => removeTag(tag)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        id={`${id}-tags`}
        value={tagText}
        list={`${id}-tag-paths`}
        autoComplete="off"
        aria-describedby={`${id}-tags-hint`}
        placeholder="Actors/M23, Places/Goma"
        onChange={(event) => onTagText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && tagText.trim()) {
            event.preventDefault();
            addTags(tagText);
            setTagText('');
          } else if (event.key === 'Backspace' && tagText === '' && draft.tags.length) {
            removeTag(draft.tags[draft.tags.length - 1]!);
          }
        }}
      />
      <datalist id={`${id}-tag-paths`}>
        {paths.map((path) => (
          <option key={path} value={path} />
        ))}
      </datalist>
      <p id={`${id}-tags-hint`} className="hint">
        Pick from the codebook or type a new path; Enter or a comma adds it.
      </p>

      <label htmlFor={`${id}-note`}>Note</label>
      <textarea {...field('note')} rows={2} placeholder="Caveats, corroboration, open questions" />

      <div className="form-actions">
        <button type="submit" className="primary" disabled={saving}>
          {claim ? 'Save changes' : 'Save claim'}
        </button>
        <button type="button" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
