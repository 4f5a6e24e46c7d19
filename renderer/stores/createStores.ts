// All of the renderer's stores for one client, wired to refresh when the case changes (by this window or another).
import type { ApiClient } from '../api/client.ts';
import { createCaseStore } from './caseStore.ts';
import { createClaimsStore } from './claimsStore.ts';
import { createClaimsTableStore } from './claimsTableStore.ts';
import { createCodebookStore } from './codebookStore.ts';
import { createCompareStore } from './compareStore.ts';
import { createConflictsStore } from './conflictsStore.ts';
import { createImportsStore } from './importsStore.ts';
import { createNoticesStore } from './noticesStore.ts';
import { createReviewStore } from './reviewStore.ts';
import { createSourcesStore } from './sourcesStore.ts';
import { createSuggestionsStore } from './suggestionsStore.ts';
import { createTagsStore } from './tagsStore.ts';
import { createTimelineStore } from './timelineStore.ts';
import { createViewStore } from './viewStore.ts';

export interface Stores {
  case: ReturnType<typeof createCaseStore>;
  sources: ReturnType<typeof createSourcesStore>;
  claims: ReturnType<typeof createClaimsStore>;
  claimsTable: ReturnType<typeof createClaimsTableStore>;
  codebook: ReturnType<typeof createCodebookStore>;
  tags: ReturnType<typeof createTagsStore>;
  timeline: ReturnType<typeof createTimelineStore>;
  imports: ReturnType<typeof createImportsStore>;
  view: ReturnType<typeof createViewStore>;
  notices: ReturnType<typeof createNoticesStore>;
  review: ReturnType<typeof createReviewStore>;
  compare: ReturnType<typeof createCompareStore>;
  conflicts: ReturnType<typeof createConflictsStore>;
  suggestions: ReturnType<typeof createSuggestionsStore>;
  /** Loads everything the open views show. */
  refresh(): Promise<void>;
  /** Listens to an event of the engine or the desktop shell (menu commands); returns the unsubscribe. */
  on: ApiClient['on'];
  /** Stops listening to the engine. */
  dispose(): void;
}

/** Changes come in bursts (an import, a bulk edit): one refresh per burst is enough. */
const REFRESH_DELAY_MS = 40;

export function createStores(client: ApiClient): Stores {
  const notices = createNoticesStore();
  const report = notices.getState().report;
  const stores = {
    case: createCaseStore(client, report),
    sources: createSourcesStore(client, report),
    claims: createClaimsStore(client, report),
    claimsTable: createClaimsTableStore(client, report),
    codebook: createCodebookStore(client, report),
    tags: createTagsStore(client, report),
    timeline: createTimelineStore(client, report),
    imports: createImportsStore(client, report),
    view: createViewStore(),
    notices,
    review: createReviewStore(client, report),
    compare: createCompareStore(client, report),
    conflicts: createConflictsStore(client, report),
    suggestions: createSuggestionsStore(client, report),
  };

  const refresh = async () => {
    await Promise.all([
      stores.case.getState().load(),
      stores.sources.getState().load(),
      stores.tags.getState().load(),
      stores.claimsTable.getState().reload(),
      stores.claims.getState().refresh(stores.view.getState().sourceId),
      // The timeline's counts over the whole case, kept ready so that opening the Timeline draws at once; an
      // open Timeline reloads them itself on every change, so not twice here.
      stores.view.getState().view === 'timeline' ? undefined : stores.timeline.getState().loadOverview(),
      stores.suggestions.getState().refresh(stores.view.getState().sourceId),
    ]);
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  const unsubscribe = [
    client.on('case.changed', () => {
      clearTimeout(timer);
      timer = setTimeout(() => void refresh(), REFRESH_DELAY_MS);
    }),
    // The desktop shell merged a case file chosen from its menu (it also shows the conflicts view).
    client.on('case.merged', (summary) => stores.conflicts.getState().merged(summary)),
    client.on('import.progressed', (progress) => stores.imports.getState().progressed(progress)),
    // The desktop shell opened another case in this window: start again from its library.
    client.on('case.opened', () => {
      stores.case.getState().opened();
      stores.view.setState({ view: 'library', sourceId: null, selectedClaimId: null, flash: null });
      void refresh();
    }),
    // The open case's file, checked in full while it was already shown: sound (it may now be written; the top
    // bar stops saying it is being checked), or damaged, and closed by the desktop.
    client.on('case.checked', ({ problem }) => {
      if (problem === null) {
        void stores.case.getState().load();
        return;
      }
      clearTimeout(timer);
      stores.case.getState().closed(problem);
      stores.view.setState({ view: 'library', sourceId: null, selectedClaimId: null, flash: null });
    }),
  ];

  return {
    ...stores,
    refresh,
    on: (event, listener) => client.on(event, listener),
    dispose() {
      clearTimeout(timer);
      for (const stop of unsubscribe) stop();
    },
  };
}
