// The Codebook: the tag tree with kinds, colors and counts; add, rename, move, merge and delete tags, and show a
// tag's claims in the Claims view.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { Tag, TagKind } from '../../../electron/contract/index.ts';
import { useStores } from '../../stores/StoresProvider.tsx';
import {
  buildTagTree,
  flattenTree,
  movedPath,
  parentPath,
  renamedPath,
  tagName,
  targetsFor,
} from './tagTree.ts';

export const TAG_KINDS: readonly { kind: TagKind; label: string }[] = [
  { kind: 'topic', label: 'Topic' },
  { kind: 'actor', label: 'Actor' },
  { kind: 'place', label: 'Place' },
  { kind: 'organization', label: 'Organization' },
  { kind: 'event-type', label: 'Event type' },
];

/** A color picker reports every step of a drag; the last one is saved after this pause. */
const COLOR_DELAY_MS = 300;
const NO_COLOR = '#9aa1ab';

export function CodebookView() {
  const stores = useStores();
  const byPath = useStore(stores.tags, (state) => state.byPath);
  const editing = useStore(stores.codebook, (state) => state.editing);
  const tags = useMemo(() => Object.values(byPath), [byPath]);
  const rows = useMemo(() => flattenTree(buildTagTree(tags)), [tags]);
  const [newPath, setNewPath] = useState('');
  const [newKind, setNewKind] = useState<TagKind>('topic');

  return (
    <section className="codebook" aria-labelledby="codebook-heading">
      <div className="view-header">
        <div>
          <h2 id="codebook-heading">Codebook</h2>
          <p className="hint">
            {tags.length} tag{tags.length === 1 ? '' : 's'}. A path like “Actors/M23” puts a tag under
            another.
          </p>
        </div>
        <form
          className="toolbar"
          aria-label="Add a tag"
          onSubmit={(event) => {
            event.preventDefault();
            void stores.codebook
              .getState()
              .add(newPath, newKind)
              .then((ok) => ok && setNewPath(''));
          }}
        >
          <input
            aria-label="New tag path"
            placeholder="Like Places/Goma"
            value={newPath}
            onChange={(event) => setNewPath(event.target.value)}
          />
          <select
            aria-label="Kind of the new tag"
            value={newKind}
            onChange={(event) => setNewKind(event.target.value as TagKind)}
          >
            {TAG_KINDS.map(({ kind, label }) => (
              <option key={kind} value={kind}>
                {label}
              </option>
            ))}
          </select>
          <button type="submit" className="primary" disabled={!newPath.trim()}>
            Add tag
          </button>
        </form>
      </div>
      {rows.length === 0 ? (
        <p className="empty">No tags yet. Add one above, or tag a claim in the Reader.</p>
      ) : (
        <table className="codebook-table">
          <caption className="visually-hidden">Tags, each under its parent</caption>
          <thead>
            <tr>
              <th scope="col">Tag</th>
              <th scope="col">Kind</th>
              <th scope="col">Color</th>
              <th scope="col" className="number">
                Claims
              </th>
              <th scope="col" className="number">
                Sources
              </th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ tag, depth }) => (
              <TagRow key={tag.id} tag={tag} depth={depth} tags={tags} expanded={editing === tag.path} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function TagRow({ tag, depth, tags, expanded }: { tag: Tag; depth: number; tags: Tag[]; expanded: boolean }) {
  const stores = useStores();
  const codebook = stores.codebook;
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(tag.name);
  const [color, setColor] = useState(tag.color ?? NO_COLOR);
  const nameInput = useRef<HTMLInputElement>(null);

  useEffect(() => setColor(tag.color ?? NO_COLOR), [tag.color]);
  useEffect(() => {
    if (renaming) nameInput.current?.select();
  }, [renaming]);
  // Save the color once the picker rests.
  useEffect(() => {
    if (color === (tag.color ?? NO_COLOR)) return;
    const timer = setTimeout(
      () => void codebook.getState().update({ path: tag.path, color }),
      COLOR_DELAY_MS,
    );
    return () => clearTimeout(timer);
  }, [color, tag.color, tag.path, codebook]);

  const showClaims = () => {
    void stores.claimsTable.getState().setFilter({ ...emptyFilterPatch, tag: tag.path });
    stores.view.getState().show('claims');
  };

  const finishRename = async () => {
    const next = renamedPath(tag.path, name);
    if (!name.trim() || next === tag.path) {
      setRenaming(false);
      setName(tag.name);
      return;
    }
    if (await codebook.getState().rename(tag.path, next)) setRenaming(false);
  };

  return (
    <>
      <tr className={expanded ? 'expanded' : undefined}>
        <th scope="row" className="codebook-name" style={{ paddingLeft: `${0.6 + depth * 1.4}rem` }}>
          {renaming ? (
            <form
              className="toolbar"
              onSubmit={(event) => {
                event.preventDefault();
                void finishRename();
              }}
            >
              <input
                ref={nameInput}
                aria-label={`New name for ${tag.path}`}
                value={name}
                onChange={(event) => setName(event.target.value)}
                onKeyDown={(event) => {
                  if (event.key === 'Escape') {
                    setRenaming(false);
                    setName(tag.name);
                  }
                }}
              />
              <button type="submit">Save</button>
              <button
                type="button"
                onClick={() => {
                  setRenaming(false);
                  setName(tag.name);
                }}
              >
                Cancel
              </button>
            </form>
          ) : (
            <span title={tag.path}>
              <span
                className="swatch"
                style={{ background: tag.color ?? 'transparent' }}
                aria-hidden="true"
              />
              {tag.name}
              {tag.description && <span className="hint"> — {tag.description}</span>}
            </span>
          )}
        </th>
        <td>
          <select
            aria-label={`Kind of ${tag.path}`}
            value={tag.kind}
            onChange={(event) =>
              void codebook.getState().update({ path: tag.path, kind: event.target.value as TagKind })
            }
          >
            {TAG_KINDS.map(({ kind, label }) => (
              <option key={kind} value={kind}>
                {label}
              </option>
            ))}
          </select>
        </td>
        <td>
          <input
            type="color"
            aria-label={`Color of ${tag.path}`}
            title={tag.color ?? 'No color yet: choose one'}
            value={color}
            onChange={(event) => setColor(event.target.value)}
          />
        </td>
        <td className="number">{tag.claimCount}</td>
        <td className="number">{tag.sourceCount}</td>
        <td className="codebook-actions">
          <button type="button" aria-label={`Show claims tagged ${tag.path}`} onClick={showClaims}>
            Show claims
          </button>
          <button
            type="button"
            aria-label={`Rename ${tag.path}`}
            onClick={() => {
              setName(tag.name);
              setRenaming(true);
            }}
          >
            Rename
          </button>
          <button
            type="button"
            aria-label={`Move, merge or delete ${tag.path}`}
            aria-expanded={expanded}
            onClick={() => codebook.getState().setEditing(expanded ? null : tag.path)}
          >
            More…
          </button>
        </td>
      </tr>
      {expanded && (
        <tr className="codebook-more">
          <td colSpan={6}>
            <TagActions tag={tag} tags={tags} />
          </td>
        </tr>
      )}
    </>
  );
}

/** Clears the other filters, so "Show claims" shows every claim of the tag. */
const emptyFilterPatch = { text: '', status: '', claimant: '', sourceId: '', from: '', to: '' } as const;

function TagActions({ tag, tags }: { tag: Tag; tags: Tag[] }) {
  const codebook = useStores().codebook;
  const targets = useMemo(() => targetsFor(tag.path, tags), [tag.path, tags]);
  const [parent, setParent] = useState(parentPath(tag.path));
  const [into, setInto] = useState('');
  const [confirming, setConfirming] = useState(false);
  const moveTo = movedPath(tag.path, parent);

  return (
    <div className="codebook-edit" role="group" aria-label={`Edit ${tag.path}`}>
      <form
        className="toolbar"
        onSubmit={(event) => {
          event.preventDefault();
          void codebook.getState().rename(tag.path, moveTo);
        }}
      >
        <label>
          Move under
          <select value={parent} onChange={(event) => setParent(event.target.value)}>
            <option value="">(top level)</option>
            {targets.map((path) => (
              <option key={path} value={path}>
                {path}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={moveTo === tag.path}>
          Move
        </button>
      </form>
      <form
        className="toolbar"
        onSubmit={(event) => {
          event.preventDefault();
          if (into) void codebook.getState().merge(tag.path, into);
        }}
      >
        <label>
          Merge into
          <select value={into} onChange={(event) => setInto(event.target.value)}>
            <option value="">Choose a tag…</option>
            {targets.map((path) => (
              <option key={path} value={path}>
                {path}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={!into}>
          Merge
        </button>
      </form>
      {confirming ? (
        <div className="confirm toolbar" role="alertdialog" aria-label={`Delete ${tag.path}?`}>
          <span>
            Delete “{tagName(tag.path)}”? It comes off {tag.claimCount} claim{tag.claimCount === 1 ? '' : 's'}{' '}
            and {tag.sourceCount} source{tag.sourceCount === 1 ? '' : 's'}.
          </span>
          <button type="button" className="danger" onClick={() => void codebook.getState().remove(tag.path)}>
            Delete tag
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </div>
      ) : (
        <button type="button" className="danger" onClick={() => setConfirming(true)}>
          Delete…
        </button>
      )}
    </div>
  );
}
