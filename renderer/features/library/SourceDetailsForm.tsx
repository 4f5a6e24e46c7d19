// The form that edits a source's metadata and tags; saved with source.update, kept open when the engine refuses.
import { useId, useMemo, useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import type { Reliability, SourceSummary } from '../../../electron/contract/index.ts';
import { useStores } from '../../stores/StoresProvider.tsx';
import { detailsPatch, draftOf, RELIABILITY, type DetailsDraft } from './sourceDetails.ts';

type TextField = Exclude<keyof DetailsDraft, 'reliability' | 'tags' | 'note'>;

const TEXT_FIELDS: { field: TextField; label: string; placeholder?: string; type?: string }[] = [
  { field: 'title', label: 'Title' },
  { field: 'outlet', label: 'Outlet' },
  { field: 'author', label: 'Author' },
  { field: 'url', label: 'URL', placeholder: 'https://…', type: 'url' },
  { field: 'publishedAt', label: 'Published', placeholder: 'YYYY-MM-DD' },
  { field: 'language', label: 'Language', placeholder: 'en, fr, pt-BR' },
];

export function SourceDetailsForm({ source, onClose }: { source: SourceSummary; onClose(): void }) {
  const stores = useStores();
  const tagsByPath = useStore(stores.tags, (state) => state.byPath);
  const tagPaths = useMemo(() => Object.keys(tagsByPath).sort((a, b) => a.localeCompare(b)), [tagsByPath]);
  const [draft, setDraft] = useState<DetailsDraft>(() => draftOf(source));
  const [newTag, setNewTag] = useState('');
  const [saving, setSaving] = useState(false);
  const listId = useId();
  const headingId = useId();

  const edit = (change: Partial<DetailsDraft>) => setDraft((current) => ({ ...current, ...change }));

  const addTag = () => {
    const path = newTag.trim();
    if (path && !draft.tags.includes(path)) edit({ tags: [...draft.tags, path] });
    setNewTag('');
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const patch = detailsPatch(source, draft);
    if (Object.keys(patch).length === 0) return onClose();
    setSaving(true);
    const saved = await stores.sources.getState().update(source.id, patch);
    setSaving(false);
    if (!saved) return; // The engine's message is in the alert region; the draft stays for a fix.
    if (patch.tags) void stores.tags.getState().load(); // a new path joins the codebook
    onClose();
  };

  return (
    <form
      className="source-details"
      aria-labelledby={headingId}
      onSubmit={(event) => void save(event)}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <h3 id={headingId}>Edit details of “{source.title}”</h3>
      <div className="details-grid">
        {TEXT_FIELDS.map(({ field, label, placeholder, type }) => (
          <label key={field}>
            <span>{label}</span>
            <input
              // The engine checks URLs and dates and says what is wrong; the browser's own check would not.
              type="text"
              inputMode={type === 'url' ? 'url' : undefined}
              value={draft[field]}
              placeholder={placeholder}
              autoFocus={field === 'title'}
              onChange={(event) => edit({ [field]: event.target.value })}
            />
          </label>
        ))}
        <label>
          <span>Reliability</span>
          <select
            value={draft.reliability}
            onChange={(event) => edit({ reliability: event.target.value as '' | Reliability })}
          >
            <option value="">Not graded</option>
            {(Object.entries(RELIABILITY) as [Reliability, string][]).map(([grade, meaning]) => (
              <option key={grade} value={grade}>
                {grade} — {meaning}
              </option>
            ))}
          </select>
        </label>
        <label className="wide">
          <span>Note</span>
          <textarea rows={2} value={draft.note} onChange={(event) => edit({ note: event.target.value })} />
        </label>
      </div>
      <div className="details-tags">
        <span className="details-tags-label">Tags</span>
        <ul aria-label="Tags of this source">
          {draft.tags.map((tag) => (
            <li key={tag} className="chip">
              {tag}
              <button
                type="button"
                className="chip-remove"
                aria-label={`Remove tag ${tag}`}
                onClick={() => edit({ tags: draft.tags.filter((each) => each !== tag) })}
              >
                ×
              </button>
            </li>
          ))}
          {draft.tags.length === 0 && <li className="muted">No tags</li>}
        </ul>
        <input
          aria-label="Tag to add"
          list={listId}
          placeholder="Actors/M23"
          value={newTag}
          onChange={(event) => setNewTag(event.target.value)}
          onKeyDown={(event) => {
            // Enter adds the tag rather than saving the form.
            if (event.key === 'Enter') {
              event.preventDefault();
              addTag();
            }
          }}
        />
        <datalist id={listId}>
          {tagPaths.map((path) => (
            <option key={path} value={path} />
          ))}
        </datalist>
        <button type="button" onClick={addTag} disabled={newTag.trim() === ''}>
          Add tag
        </button>
      </div>
      <div className="details-actions">
        <button type="submit" className="primary" disabled={saving}>
          Save details
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
