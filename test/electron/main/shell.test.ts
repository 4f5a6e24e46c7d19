// The desktop shell's lifecycle against the fake `electron`: single instance, opening a case from argv, a second
// instance and macOS open-file, the menu's File/Edit/View actions on a real case file, and quitting.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as electron from '../../fakes/electron.ts';
import { closeCase, createCase, openCase } from '../../../db/caseFile.ts';
import { API_CALL_CHANNEL } from '../../../electron/main/ipc.ts';
import { startShell, type Shell } from '../../../electron/main/shell.ts';
import { addSource, damageTable, refusal, REPORT, tempDir } from '../../helpers.ts';

vi.mock('electron', () => import('../../fakes/electron.ts'));

let profile: string;
let dir: string;
const shells: Shell[] = [];

beforeEach(() => {
  electron.resetFake();
  dir = tempDir();
  profile = join(dir, 'profile');
  electron.app.paths.documents = dir;
});

afterEach(() => {
  while (shells.length) shells.pop()!.workspace.close();
});

const paths = () => ({ preload: '/app/out/preload/preload.cjs', renderer: join(dir, 'renderer'), profile });

function caseFile(name: string): string {
  const path = join(dir, name);
  closeCase(createCase(path, { author: 'Setup' }));
  return path;
}

async function launch(argv: string[] = ['attest']): Promise<Shell> {
  const shell = startShell({ argv, cwd: dir, paths: paths() });
  if (!shell) throw new Error('expected the first instance');
  shells.push(shell);
  await shell.ready;
  return shell;
}

const theWindow = () => {
  const window = electron.BrowserWindow.instances.at(-1);
  if (!window) throw new Error('no window');
  return window;
};

const callFromWindow = (method: string, input: unknown = {}) => {
  const contents = theWindow().webContents;
  return electron.ipcMain.invoke(
    API_CALL_CHANNEL,
    { sender: contents, senderFrame: contents.mainFrame },
    method,
    input,
  );
};

const menuItems = () => {
  type Item = { label?: string; enabled?: boolean; submenu?: Item[] };
  const flat = (items: Item[]): Item[] => items.flatMap((item) => [item, ...flat(item.submenu ?? [])]);
  return flat((electron.Menu.applicationMenu?.template ?? []) as Item[]);
};

const eventsSent = (name: string) =>
  theWindow()
    .webContents.sent.filter(([channel, event]) => channel === 'api:event' && event === name)
    .map(([, , payload]) => payload);

describe('startShell', () => {
  it('in a second instance hands over and quits without a window', () => {
    electron.app.singleInstanceLock = false;
    expect(startShell({ argv: ['attest', 'x.attest'], cwd: dir, paths: paths() })).toBeNull();
    expect(electron.app.quitCalls).toBe(1);
    expect(electron.BrowserWindow.instances).toHaveLength(0);
  });

  it('secures the session, serves the renderer, and opens the case named on the command line', async () => {
    const path = caseFile('goma.attest');
    const shell = await launch(['attest', 'goma.attest']);

    const session = electron.session.defaultSession;
    expect(session.headersListener).not.toBeNull();
    expect(session.requestDecision('https://example.com/')).toEqual({ cancel: true });
    expect(session.permissionRequestHandler).not.toBeNull();
    expect(session.protocolHandlers.has('app')).toBe(true);
    expect(electron.protocol.privilegedSchemes).toHaveLength(1);

    const window = theWindow();
    expect(electron.BrowserWindow.instances).toHaveLength(1);
    expect(window.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      preload: paths().preload,
    });
    expect(window.loadedUrl).toBe('app://attest/index.html');
    expect(window.title).toBe('goma.attest — Attest');

    expect(shell.workspace.current?.path).toBe(path);
    expect(await callFromWindow('case.info')).toMatchObject({ ok: true, value: { fileName: 'goma.attest' } });
    expect(JSON.parse(readFileSync(join(profile, 'recent-cases.json'), 'utf8'))).toEqual([path]);
    expect(electron.app.recentDocuments).toEqual([path]);
    expect(menuItems().find((item) => item.label === 'Import Sources…')?.enabled).toBe(true);
  });

  it('starts without a case: the menu offers New and Open, calls are refused with a clear message', async () => {
    const shell = await launch();
    expect(shell.workspace.current).toBeNull();
    expect(theWindow().title).toBe('Attest');
    expect(menuItems().find((item) => item.label === 'Import Sources…')?.enabled).toBe(false);
    expect(await callFromWindow('claim.list')).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await callFromWindow('preferences.set', { analystName: 'Ana Analyst' })).toMatchObject({
      ok: true,
    });
    expect(JSON.parse(readFileSync(join(profile, 'preferences.json'), 'utf8'))).toEqual({
      analystName: 'Ana Analyst',
    });
  });

  it('a second instance focuses the window and switches to the case it names', async () => {
    const first = caseFile('first.attest');
    const second = caseFile('second.attest');
    const shell = await launch(['attest', first]);
    const firstCase = shell.workspace.current!;
    theWindow().minimized = true;

    electron.app.emit(
      'second-instance',
      electron.fakeEvent(),
      ['attest', '--some-switch', 'second.attest'],
      dir,
    );
    await vi.waitFor(() => expect(shell.workspace.current?.path).toBe(second));
    expect(firstCase.db.open).toBe(false);
    expect(theWindow().focused).toBe(true);
    expect(theWindow().minimized).toBe(false);
    expect(theWindow().title).toBe('second.attest — Attest');
    expect(eventsSent('case.opened')).toEqual([{ fileName: 'second.attest' }]);
    expect(JSON.parse(readFileSync(join(profile, 'recent-cases.json'), 'utf8'))).toEqual([second, first]);
    expect(electron.BrowserWindow.instances).toHaveLength(1);
  });

  it('opens a case from macOS open-file, even before the app is ready', async () => {
    const path = caseFile('finder.attest');
    const release = electron.app.delayReady();
    const shell = startShell({ argv: ['attest'], cwd: dir, paths: paths() })!;
    shells.push(shell);
    const event = electron.fakeEvent();
    electron.app.emit('open-file', event, path);
    expect(event.defaultPrevented).toBe(true);
    release();
    await shell.ready;
    expect(shell.workspace.current?.path).toBe(path);
  });

  it('shows why a file cannot be opened and keeps the open case; a vanished recent case leaves the list', async () => {
    const good = caseFile('good.attest');
    const shell = await launch(['attest', good]);
    const junk = join(dir, 'junk.attest');
    writeFileSync(junk, 'not a case');
    expect(await shell.openCasePath(junk)).toBe(false);
    expect(shell.workspace.current?.path).toBe(good);
    const problem = electron.dialog.calls.at(-1)!;
    expect(problem).toMatchObject({
      kind: 'message',
      options: { type: 'error', message: 'junk.attest could not be opened.' },
    });
    expect(problem.options.detail).toMatch(/not an Attest case file/);
    expect(problem.parent).toBe(theWindow());

    const gone = caseFile('gone.attest');
    await shell.openCasePath(gone);
    await shell.openCasePath(good);
    expect(JSON.parse(readFileSync(join(profile, 'recent-cases.json'), 'utf8'))).toEqual([good, gone]);
    rmSync(gone);
    shell.actions.openRecent(gone);
    await vi.waitFor(() =>
      expect(JSON.parse(readFileSync(join(profile, 'recent-cases.json'), 'utf8'))).toEqual([good]),
    );
  });

  it('opens a case at once; when its check finds damage, closes it and shows why, as at opening', async () => {
    const path = join(dir, 'damaged.attest');
    const c = createCase(path, { author: 'Setup' });
    addSource(c, REPORT);
    closeCase(c);
    damageTable(path, 'originals');
    const message = refusal(() => openCase(path, { author: 'Setup' })).message;
    const shell = await launch(['attest', path]);
    await vi.waitFor(() =>
      expect(eventsSent('case.checked')).toEqual([{ fileName: 'damaged.attest', problem: message }]),
    );
    expect(shell.workspace.current).toBeNull();
    await vi.waitFor(() =>
      expect(electron.dialog.calls.at(-1)).toMatchObject({
        kind: 'message',
        options: { type: 'error', message: 'damaged.attest could not be opened.', detail: message },
      }),
    );
    // A window that missed the event learns it from its next call; preferences can still be set.
    expect(await callFromWindow('case.info')).toEqual({ ok: false, error: { code: 'corrupt', message } });
    expect(await callFromWindow('preferences.get')).toMatchObject({ ok: true });
  });

  it('File ▸ New Case creates the case where the analyst chose, adding .attest', async () => {
    const shell = await launch();
    electron.dialog.saveAnswers.push(join(dir, 'Kivu 2025'));
    shell.actions.newCase();
    await vi.waitFor(() => expect(shell.workspace.current?.path).toBe(join(dir, 'Kivu 2025.attest')));
    expect(existsSync(join(dir, 'Kivu 2025.attest'))).toBe(true);
    const save = electron.dialog.calls.find((call) => call.kind === 'save')!;
    expect(save.options).toMatchObject({ defaultPath: join(dir, 'Untitled.attest') });
    expect(await callFromWindow('case.info')).toMatchObject({ value: { title: 'Kivu 2025' } });
  });

  it('File ▸ Open Case opens the chosen file', async () => {
    const path = caseFile('chosen.attest');
    const shell = await launch();
    electron.dialog.openAnswers.push([path]);
    shell.actions.openCase();
    await vi.waitFor(() => expect(shell.workspace.current?.path).toBe(path));
    expect(electron.dialog.calls[0]!.options).toMatchObject({
      filters: [{ name: 'Attest Case', extensions: ['attest'] }],
    });
  });

  it('imports sources read in the main process, reports refusals, undoes, and exports JSON and CSV', async () => {
    const shell = await launch(['attest', caseFile('work.attest')]);
    const report = join(dir, 'report.txt');
    writeFileSync(report, 'GOMA — Rebels entered the city last Sunday, the governor said.\n');
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '');
    electron.dialog.openAnswers.push([report, empty]);
    shell.actions.importSources();
    await vi.waitFor(() => expect(electron.dialog.calls.some((call) => call.kind === 'message')).toBe(true));
    const open = electron.dialog.calls.find((call) => call.kind === 'open')!;
    expect(open.options.properties).toEqual(['openFile', 'multiSelections']);
    const message = electron.dialog.calls.find((call) => call.kind === 'message')!;
    expect(message.options.message).toBe('Some files were not imported (1 imported, 1 refused).');
    expect(message.options.detail).toMatch(/empty/);
    expect(await callFromWindow('case.info')).toMatchObject({ value: { counts: { sources: 1 } } });
    expect(eventsSent('import.progressed')).toEqual([
      { done: 1, total: 2 },
      { done: 2, total: 2 },
    ]);
    expect(eventsSent('case.changed')).toEqual([{ method: 'source.import' }]);

    electron.dialog.saveAnswers.push(join(dir, 'out.json'));
    shell.actions.exportCase('json');
    await vi.waitFor(() => expect(existsSync(join(dir, 'out.json'))).toBe(true));
    expect(electron.dialog.calls.at(-1)!.options.defaultPath).toBe(join(dir, 'work.json'));
    await vi.waitFor(() => expect(readFileSync(join(dir, 'out.json'), 'utf8')).toMatch(/\n$/));
    expect(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'))).toBeTypeOf('object');

    electron.dialog.saveAnswers.push(join(dir, 'out.csv'));
    shell.actions.exportCase('csv');
    await vi.waitFor(() => expect(existsSync(join(dir, 'out.csv'))).toBe(true));

    // Web Annotations and the citation report, offered under their own extensions.
    electron.dialog.saveAnswers.push(join(dir, 'out.jsonld'));
    shell.actions.exportCase('annotations');
    await vi.waitFor(() => expect(existsSync(join(dir, 'out.jsonld'))).toBe(true));
    expect(electron.dialog.calls.at(-1)!.options.defaultPath).toBe(join(dir, 'work.jsonld'));
    await vi.waitFor(() =>
      expect(JSON.parse(readFileSync(join(dir, 'out.jsonld'), 'utf8'))).toMatchObject({
        type: 'AnnotationCollection',
      }),
    );
    electron.dialog.saveAnswers.push(join(dir, 'out.html'));
    shell.actions.exportCase('html');
    await vi.waitFor(() => expect(existsSync(join(dir, 'out.html'))).toBe(true));
    expect(electron.dialog.calls.at(-1)!.options).toMatchObject({
      title: 'Export Citation Report',
      defaultPath: join(dir, 'work.html'),
    });
    await vi.waitFor(() => expect(readFileSync(join(dir, 'out.html'), 'utf8')).toMatch(/^<!doctype html>/));

    // Undo from the renderer (which the menu asks via menu.command) reaches the case's history.
    expect(await callFromWindow('history.undo')).toMatchObject({ ok: true });
    expect(await callFromWindow('case.info')).toMatchObject({ value: { counts: { sources: 0 } } });
    expect(await callFromWindow('history.redo')).toMatchObject({ ok: true });
    expect(await callFromWindow('case.info')).toMatchObject({ value: { counts: { sources: 1 } } });

    // Web Annotations imported from a file: the case's own come back as duplicates, and the analyst is told.
    const sources = (await callFromWindow('source.list')) as { value: { id: string }[] };
    const created = await callFromWindow('claim.create', {
      sourceId: sources.value[0]!.id,
      quote: 'last Sunday',
      statement: 'Sunday',
    });
    expect(created).toMatchObject({ ok: true });
    electron.dialog.saveAnswers.push(join(dir, 'one.jsonld'));
    shell.actions.exportCase('annotations');
    await vi.waitFor(() => expect(readFileSync(join(dir, 'one.jsonld'), 'utf8')).toMatch(/"total": 1/));
    const reports = () => electron.dialog.calls.filter((call) => call.kind === 'message').length;
    const before = reports();
    electron.dialog.openAnswers.push([join(dir, 'one.jsonld')]);
    shell.actions.importAnnotations();
    await vi.waitFor(() => expect(reports()).toBe(before + 1));
    expect(electron.dialog.calls.at(-1)!.options).toMatchObject({
      message: 'Some annotations did not become claims (0 imported, 1 already in the case).',
      detail: expect.stringMatching(/^urn:uuid:.*: The case has this claim already/),
    });
    expect(await callFromWindow('case.info')).toMatchObject({ value: { counts: { claims: 1 } } });
  });

  it('View commands go to the renderer as menu.command events', async () => {
    const shell = await launch(['attest', caseFile('view.attest')]);
    shell.actions.sendCommand({ command: 'view', view: 'timeline' });
    shell.actions.sendCommand({ command: 'find' });
    expect(eventsSent('menu.command')).toEqual([{ command: 'view', view: 'timeline' }, { command: 'find' }]);
  });

  it('closes the case when quitting, and quits when the last window closes (except on macOS)', async () => {
    const shell = await launch(['attest', caseFile('quit.attest')]);
    const open = shell.workspace.current!;
    theWindow().close();
    electron.app.emit('window-all-closed');
    expect(electron.app.quitCalls).toBe(process.platform === 'darwin' ? 0 : 1);
    electron.app.emit('will-quit');
    expect(open.db.open).toBe(false);
    expect(shell.window()).toBeNull();
  });
});
