// The views that exist, in navigation order: each appears in the nav (and answers the desktop's View menu)
// only once it is built.
import type { ComponentType } from 'react';
import { LibraryView } from '../features/library/LibraryView.tsx';
import { ReaderView } from '../features/reader/ReaderView.tsx';
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
];

export const viewEntry = (name: string): ViewEntry | undefined => VIEWS.find((view) => view.name === name);
