// The native menu as a pure function of the shell's state: menuTemplate(state, actions) -> Electron's menu template.
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand, ViewName } from '../contract/index.ts';
import { recentCaseLabels } from './recentCases.ts';

/** The renderer's views, in menu order (CmdOrCtrl+1..8). */
export const VIEWS: readonly ViewName[] = [
  'library',
  'reader',
  'claims',
  'timeline',
  'review',
  'codebook',
  'compare',
  'conflicts',
];

/** What a menu item asks of the renderer, sent as the `menu.command` event on the `api:event` channel. */
export type { MenuCommand, ViewName };

/** What File > Export writes: the case as JSON, claims as CSV or Web Annotations, or the citation report. */
export type ExportFormat = 'json' | 'csv' | 'annotations' | 'markdown' | 'html';

export interface MenuState {
  platform: NodeJS.Platform;
  /** Developer Tools are offered only in development builds. */
  isPackaged: boolean;
  appName: string;
  /** Case-bound items (Import, Export, Undo, Redo, Find, views) are disabled until a case is open. */
  caseOpen: boolean;
  /** Most recent first. */
  recentCases: readonly string[];
}

export interface MenuActions {
  newCase(): void;
  openCase(): void;
  openRecent(path: string): void;
  clearRecent(): void;
  importSources(): void;
  mergeCase(): void;
  importAnnotations(): void;
  exportCase(format: ExportFormat): void;
  sendCommand(command: MenuCommand): void;
}

const separator: MenuItemConstructorOptions = { type: 'separator' };

const VIEW_LABELS: Record<ViewName, string> = {
  library: 'Library',
  reader: 'Reader',
  claims: 'Claims',
  timeline: 'Timeline',
  review: 'Review',
  codebook: 'Codebook',
  compare: 'Compare',
  conflicts: 'Merge and Conflicts',
};

/** On Windows and Linux `&` marks a mnemonic; a file named "Smith & Jones.attest" must show its ampersand. */
const menuText = (text: string): string => text.replaceAll('&', '&&');

function recentSubmenu(state: MenuState, actions: MenuActions): MenuItemConstructorOptions[] {
  if (state.recentCases.length === 0) return [{ label: 'No Recent Cases', enabled: false }];
  const labels = recentCaseLabels(state.recentCases);
  return [
    ...state.recentCases.map((path, index): MenuItemConstructorOptions => ({
      label: menuText(labels[index]!),
      toolTip: path,
      click: () => actions.openRecent(path),
    })),
    separator,
    { label: 'Clear Recent', click: () => actions.clearRecent() },
  ];
}

/** The application menu. */
export function menuTemplate(state: MenuState, actions: MenuActions): MenuItemConstructorOptions[] {
  const mac = state.platform === 'darwin';
  const caseOpen = state.caseOpen;

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'New Case…', accelerator: 'CmdOrCtrl+N', click: () => actions.newCase() },
      { label: 'Open Case…', accelerator: 'CmdOrCtrl+O', click: () => actions.openCase() },
      { label: 'Open Recent', submenu: recentSubmenu(state, actions) },
      separator,
      {
        label: 'Import Sources…',
        accelerator: 'CmdOrCtrl+I',
        enabled: caseOpen,
        click: () => actions.importSources(),
      },
      {
        label: 'Merge Case File…',
        enabled: caseOpen,
        click: () => actions.mergeCase(),
      },
      {
        label: 'Import Web Annotations…',
        enabled: caseOpen,
        click: () => actions.importAnnotations(),
      },
      {
        label: 'Export',
        enabled: caseOpen,
        submenu: [
          { label: 'JSON…', enabled: caseOpen, click: () => actions.exportCase('json') },
          { label: 'CSV…', enabled: caseOpen, click: () => actions.exportCase('csv') },
          {
            label: 'Web Annotations (JSON-LD)…',
            enabled: caseOpen,
            click: () => actions.exportCase('annotations'),
          },
          separator,
          {
            label: 'Citation Report (HTML)…',
            enabled: caseOpen,
            click: () => actions.exportCase('html'),
          },
          {
            label: 'Citation Report (Markdown)…',
            enabled: caseOpen,
            click: () => actions.exportCase('markdown'),
          },
        ],
      },
      separator,
      { label: 'Close Window', role: 'close' },
      // macOS keeps Quit in the application menu.
      ...(mac ? [] : [separator, { label: 'Quit', role: 'quit' } as MenuItemConstructorOptions]),
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      // Sent to the renderer, which knows what has focus: a text field's own undo, or the case's history.
      { label: 'Undo', accelerator: 'CmdOrCtrl+Z', click: () => actions.sendCommand({ command: 'undo' }) },
      {
        label: 'Redo',
        accelerator: 'Shift+CmdOrCtrl+Z',
        click: () => actions.sendCommand({ command: 'redo' }),
      },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      {
        label: 'Find…',
        accelerator: 'CmdOrCtrl+F',
        enabled: caseOpen,
        click: () => actions.sendCommand({ command: 'find' }),
      },
      separator,
      ...VIEWS.map((name, index): MenuItemConstructorOptions => ({
        label: VIEW_LABELS[name],
        accelerator: `CmdOrCtrl+${index + 1}`,
        enabled: caseOpen,
        click: () => actions.sendCommand({ command: 'view', view: name }),
      })),
      separator,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
      ...(state.isPackaged ? [] : [separator, { role: 'toggleDevTools' } as MenuItemConstructorOptions]),
    ],
  };

  const help: MenuItemConstructorOptions = {
    label: '&Help',
    role: 'help',
    submenu: [{ label: `About ${state.appName}`, role: 'about' }],
  };

  if (!mac) return [file, edit, view, help];
  const appMenu: MenuItemConstructorOptions = {
    label: state.appName,
    submenu: [
      { role: 'about' },
      separator,
      { role: 'services' },
      separator,
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      separator,
      { role: 'quit' },
    ],
  };
  return [appMenu, file, edit, view, { role: 'windowMenu' }, help];
}
