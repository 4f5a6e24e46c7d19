// The Library: every source in the case, searchable, filterable and sortable, with import by button or by dropping
// files, and a form to edit a source's details.
import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { useStores } from '../../stores/StoresProvider.tsx';
import { filesOfEntries, type DroppedEntry } from '../../lib/droppedFiles.ts';
import type { PickedFile } from '../../stores/importsStore.ts';
import { ImportPanel } from './ImportPanel.tsx';
import { LibraryFilters } from './LibraryFilters.tsx';
import { SourceDetailsForm } from './SourceDetailsForm.tsx';
import { SourcesTable } from './SourcesTable.tsx';

/** Typing pauses this long before the search runs, so each key press does not cost a query. */
const SEARCH_DELAY_MS = 120;

/** A DOM File as the import store takes it. */
const picked = (file: File): PickedFile => ({
  name: file.name,
  size: file.size,
  bytes: async () => new Uint8Array(await file.arrayBuffer()),
});

export function LibraryView() {
  const stores = useStores();
  const storedQuery = useStore(stores.sources, (state) => state.query);
  const [query, setQuery] = useState(storedQuery);
  const [dragging, setDragging] = useState(false);
  const [editingId, setEditingId] = useState<string | null>(null);
  const editing = useStore(stores.sources, (state) => (editingId ? state.byId[editingId] : undefined));
  const fileInput = useRef<HTMLInputElement>(null);
  const searchBox = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (query === stores.sources.getState().query) return;
    const timer = setTimeout(() => void stores.sources.getState().search(query), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query, stores]);

  // "/" jumps to the search box, as in most tools with one.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select')) return;
      event.preventDefault();
      searchBox.current?.focus();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  // Focus goes back to the row's own button, so the keyboard picks up where the form was opened.
  const closeDetails = (id: string) => {
    setEditingId(null);
    requestAnimationFrame(() =>
      document.querySelector<HTMLElement>(`table.sources [data-id="${CSS.escape(id)}"] button`)?.focus(),
    );
  };

  const importFiles = (files: FileList | null) => {
    if (!files || files.length === 0) return;
    void stores.imports.getState().importFiles([...files].map(picked));
  };

  return (
    <section
      className={`library${dragging ? ' dragging' : ''}`}
      aria-labelledby="library-heading"
      onDragEnter={(event) => {
        if (event.dataTransfer.types.includes('Files')) setDragging(true);
      }}
      onDragOver={(event) => {
        if (!event.dataTransfer.types.includes('Files')) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={(event) => {
        // Leaving for a child element is not leaving the library.
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={(event) => {
        event.preventDefault();
        setDragging(false);
        // A dropped folder is opened and its files imported; entries can only be taken during the event.
        const entries = [...event.dataTransfer.items]
          .map((item) => item.webkitGetAsEntry?.() as DroppedEntry | null | undefined)
          .filter((entry): entry is DroppedEntry => entry !== null && entry !== undefined);
        if (!entries.some((entry) => entry.isDirectory)) {
          importFiles(event.dataTransfer.files);
          return;
        }
        void filesOfEntries(entries).then(
          (found) => stores.imports.getState().importFiles(found.map(({ file }) => picked(file))),
          (error: unknown) => stores.notices.getState().report(error),
        );
      }}
    >
      <div className="view-header">
        <h2 id="library-heading">Library</h2>
        <div className="toolbar">
          <input
            ref={searchBox}
            type="search"
            className="search"
            aria-label="Search sources"
            placeholder="Search sources (press /)"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
          />
          <button type="button" className="primary" onClick={() => fileInput.current?.click()}>
            Import files…
          </button>
          <input
            ref={fileInput}
            type="file"
            multiple
            hidden
            aria-label="Files to import"
            onChange={(event) => {
              importFiles(event.target.files);
              // Choosing the same file again must fire a change, for a retry after a refusal.
              event.target.value = '';
            }}
          />
        </div>
      </div>
      <LibraryFilters />
      <ImportPanel />
      {editing && (
        // Keyed by source, so opening another source starts from its own values.
        <SourceDetailsForm key={editing.id} source={editing} onClose={() => closeDetails(editing.id)} />
      )}
      <SourcesTable onEdit={setEditingId} />
      {dragging && (
        <div className="drop-hint" aria-hidden="true">
          Drop files to import them
        </div>
      )}
    </section>
  );
}
