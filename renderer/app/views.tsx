// The views that exist, in navigation order: each appears in the nav (and answers the desktop's View menu)
// only once it is built.
import type { ComponentType } from 'react';
import { CompareView } from '../features/compare/CompareView.tsx';
import { ClaimsView } from '../features/claims/ClaimsView.tsx';
import { CodebookView } from '../features/codebook/CodebookView.tsx';
import { ConflictsView } from '../features/conflicts/ConflictsView.tsx';
import { LibraryView } from '../features/library/LibraryView.tsx';
import { ReaderView } from '../features/reader/ReaderView.tsx';
import { TimelineView } from '../features/timeline/TimelineView.tsx';
import { ReviewView } from '../features/review/ReviewView.tsx';
import type { ViewName } from '../stores/viewStore.ts';

export interface ViewEntry {
  name: ViewName;
  label: string;
  hint: string;
  component: ComponentType;
}

export const VIEWS: readonly ViewEntry[] = [
  { name: 'library', label: 'Library', hint: 'Sources in this case', component: LibraryView },
  { name: 'reader', label: 'Reader', hint: 'Read a source and make claims', component: ReaderView },
  { name: 'claims', label: 'Claims', hint: 'All claims, filtered and tagged', component: ClaimsView },
  { name: 'codebook', label: 'Codebook', hint: 'Tags, their colors and counts', component: CodebookView },
  { name: 'timeline', label: 'Timeline', hint: 'Claims by event date', component: TimelineView },
  { name: 'review', label: 'Review', hint: 'Check each claim against its source', component: ReviewView },
  {
    name: 'compare',
    label: 'Compare',
    hint: 'Two sources side by side, claims linked',
    component: CompareView,
  },
  {
    name: 'conflicts',
    label: 'Merge',
    hint: 'Merge a colleague’s case and settle conflicts',
    component: ConflictsView,
  },
];

export const viewEntry = (name: string): ViewEntry | undefined => VIEWS.find((view) => view.name === name);
