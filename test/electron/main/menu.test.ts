// The application menu as data: items, accelerators, what each click asks for, platform differences.
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { menuTemplate, type MenuActions, type MenuState } from '../../../electron/main/menu.ts';

const state = (overrides: Partial<MenuState> = {}): MenuState => ({
  platform: 'linux',
  isPackaged: true,
  appName: 'Attest',
  caseOpen: true,
  recentCases: ['/cases/goma.attest', '/cases/Smith & Jones.attest'],
  ...overrides,
});

const fakeActions = (): MenuActions => ({
  newCase: vi.fn(),
  openCase: vi.fn(),
  openRecent: vi.fn(),
  clearRecent: vi.fn(),
  importSources: vi.fn(),
  mergeCase: vi.fn(),
  importAnnotations: vi.fn(),
  exportCase: vi.fn(),
  sendCommand: vi.fn(),
});

const submenu = (item: MenuItemConstructorOptions | undefined) =>
  item?.submenu as MenuItemConstructorOptions[];
const top = (template: MenuItemConstructorOptions[], label: string) =>
  template.find((item) => item.label?.replace('&', '') === label || item.role === label);
const item = (items: MenuItemConstructorOptions[], label: string) =>
  items.find((entry) => entry.label === label);
const click = (entry: MenuItemConstructorOptions | undefined) =>
  (entry?.click as unknown as (() => void) | undefined)?.();

/** Every item of the template, depth first. */
function allItems(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((entry) => [
    entry,
    ...allItems((entry.submenu as MenuItemConstructorOptions[]) ?? []),
  ]);
}

describe('menuTemplate', () => {
  it('has File, Edit, View and Help with the agreed accelerators', () => {
    const template = menuTemplate(state(), fakeActions());
    expect(template.map((entry) => entry.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
    const accelerators = Object.fromEntries(
      allItems(template)
        .filter((entry) => entry.accelerator)
        .map((entry) => [entry.label, entry.accelerator]),
    );
    expect(accelerators).toEqual({
      'New Case…': 'CmdOrCtrl+N',
      'Open Case…': 'CmdOrCtrl+O',
      'Import Sources…': 'CmdOrCtrl+I',
      Undo: 'CmdOrCtrl+Z',
      Redo: 'Shift+CmdOrCtrl+Z',
      'Find…': 'CmdOrCtrl+F',
      Library: 'CmdOrCtrl+1',
      Reader: 'CmdOrCtrl+2',
      Claims: 'CmdOrCtrl+3',
      Timeline: 'CmdOrCtrl+4',
      Review: 'CmdOrCtrl+5',
      Codebook: 'CmdOrCtrl+6',
      Compare: 'CmdOrCtrl+7',
      'Merge and Conflicts': 'CmdOrCtrl+8',
    });
    const file = submenu(top(template, 'File'));
    expect(file.filter((entry) => entry.type !== 'separator').map((entry) => entry.label)).toEqual([
      'New Case…',
      'Open Case…',
      'Open Recent',
      'Import Sources…',
      'Merge Case File…',
      'Import Web Annotations…',
      'Export',
      'Close Window',
      'Quit',
    ]);
    expect(submenu(item(file, 'Export')).map((entry) => entry.label)).toEqual([
      'JSON…',
      'CSV…',
      'Web Annotations (JSON-LD)…',
      undefined,
      'Citation Report (HTML)…',
      'Citation Report (Markdown)…',
    ]);
    expect(item(file, 'Close Window')?.role).toBe('close');
    const edit = submenu(top(template, 'Edit'));
    expect(edit.map((entry) => entry.role ?? entry.label ?? entry.type)).toEqual([
      'Undo',
      'Redo',
      'separator',
      'cut',
      'copy',
      'paste',
      'selectAll',
    ]);
  });

  it('offers Merge Case File… only while a case is open', () => {
    const actions = fakeActions();
    const merge = item(submenu(top(menuTemplate(state(), actions), 'File')), 'Merge Case File…');
    click(merge);
    expect(actions.mergeCase).toHaveBeenCalledOnce();
    const closed = item(
      submenu(top(menuTemplate(state({ caseOpen: false }), actions), 'File')),
      'Merge Case File…',
    );
    expect(closed?.enabled).toBe(false);
  });

  it('routes clicks: case actions, history undo/redo, and view commands for the renderer', () => {
    const actions = fakeActions();
    const template = menuTemplate(state(), actions);
    const file = submenu(top(template, 'File'));
    click(item(file, 'New Case…'));
    click(item(file, 'Open Case…'));
    click(item(file, 'Import Sources…'));
    click(item(file, 'Import Web Annotations…'));
    click(item(submenu(item(file, 'Export')), 'CSV…'));
    click(item(submenu(item(file, 'Export')), 'JSON…'));
    click(item(submenu(item(file, 'Export')), 'Web Annotations (JSON-LD)…'));
    click(item(submenu(item(file, 'Export')), 'Citation Report (HTML)…'));
    click(item(submenu(item(file, 'Export')), 'Citation Report (Markdown)…'));
    expect(actions.newCase).toHaveBeenCalledOnce();
    expect(actions.openCase).toHaveBeenCalledOnce();
    expect(actions.importSources).toHaveBeenCalledOnce();
    expect(actions.importAnnotations).toHaveBeenCalledOnce();
    expect(vi.mocked(actions.exportCase).mock.calls).toEqual([
      ['csv'],
      ['json'],
      ['annotations'],
      ['html'],
      ['markdown'],
    ]);

    const edit = submenu(top(template, 'Edit'));
    click(item(edit, 'Undo'));
    click(item(edit, 'Redo'));
    // Undo and Redo go to the renderer, which knows whether a text field or the case should undo.
    expect(vi.mocked(actions.sendCommand).mock.calls.slice(0, 2)).toEqual([
      [{ command: 'undo' }],
      [{ command: 'redo' }],
    ]);

    const view = submenu(top(template, 'View'));
    click(item(view, 'Find…'));
    click(item(view, 'Timeline'));
    click(item(view, 'Codebook'));
    expect(vi.mocked(actions.sendCommand).mock.calls.slice(2)).toEqual([
      [{ command: 'find' }],
      [{ command: 'view', view: 'timeline' }],
      [{ command: 'view', view: 'codebook' }],
    ]);
  });

  it('lists recent cases (escaping &) and can clear them', () => {
    const actions = fakeActions();
    const recent = submenu(item(submenu(top(menuTemplate(state(), actions), 'File')), 'Open Recent'));
    expect(recent.map((entry) => entry.label ?? entry.type)).toEqual([
      'goma.attest',
      'Smith && Jones.attest',
      'separator',
      'Clear Recent',
    ]);
    click(recent[1]);
    click(item(recent, 'Clear Recent'));
    expect(actions.openRecent).toHaveBeenCalledExactlyOnceWith('/cases/Smith & Jones.attest');
    expect(actions.clearRecent).toHaveBeenCalledOnce();

    const empty = submenu(
      item(submenu(top(menuTemplate(state({ recentCases: [] }), actions), 'File')), 'Open Recent'),
    );
    expect(empty).toEqual([{ label: 'No Recent Cases', enabled: false }]);
  });

  it('disables case-bound items until a case is open', () => {
    const items = allItems(menuTemplate(state({ caseOpen: false }), fakeActions()));
    const disabled = items.filter((entry) => entry.enabled === false).map((entry) => entry.label);
    expect(disabled).toEqual(
      expect.arrayContaining(['Import Sources…', 'Export', 'Find…', 'Library', 'Codebook']),
    );
    expect(disabled).not.toContain('New Case…');
    expect(disabled).not.toContain('Open Case…');
  });

  it('offers Developer Tools only in development builds', () => {
    const roles = (isPackaged: boolean) =>
      allItems(menuTemplate(state({ isPackaged }), fakeActions())).map((entry) => entry.role);
    expect(roles(true)).not.toContain('toggleDevTools');
    expect(roles(false)).toContain('toggleDevTools');
  });

  it('follows macOS conventions: an application menu with Quit, and a Window menu', () => {
    const template = menuTemplate(state({ platform: 'darwin' }), fakeActions());
    expect(template.map((entry) => entry.label ?? entry.role)).toEqual([
      'Attest',
      '&File',
      '&Edit',
      '&View',
      'windowMenu',
      '&Help',
    ]);
    expect(submenu(template[0]).map((entry) => entry.role)).toContain('quit');
    expect(submenu(top(template, 'File')).map((entry) => entry.role)).not.toContain('quit');
  });
});
