// The desktop shell's lifecycle: single instance, launch and file-open requests, the window, the menu, and what
// File/Edit/View do with the one open case.
import { app, BrowserWindow, Menu, session } from 'electron';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CASE_EXTENSION, type CaseFile } from '../../db/caseFile.ts';
import { AttestError } from '../../db/errors.ts';
import {
  MAX_IMPORT_BYTES,
  type AnnotationImportResult,
  type MergeSummary,
  type Events,
  type ImportResult,
  type MethodName,
  type Result,
} from '../contract/index.ts';
import { annotationImportReport } from './annotationImport.ts';
import { registerAppScheme, serveRenderer } from './appProtocol.ts';
import { casePathFromArgv } from './commandLine.ts';
import {
  chooseAnnotationFile,
  chooseCaseToOpen,
  chooseCaseToMerge,
  chooseExportPath,
  chooseNewCasePath,
  exportExtension,
  chooseSourceFiles,
  showProblem,
  showReport,
} from './dialogs.ts';
import { importReport, planImport, readImportBatch, type RefusedFile } from './importFiles.ts';
import { registerApiChannel, sendApiEvent } from './ipc.ts';
import { menuTemplate, type ExportFormat, type MenuActions } from './menu.ts';
import { loadPreferences, osUserName, PREFERENCES_FILE, savePreferences } from './preferences.ts';
import {
  forgetCase,
  loadRecentCases,
  RECENT_CASES_FILE,
  rememberCase,
  saveRecentCases,
} from './recentCases.ts';
import { secureSession } from './security.ts';
import { createMainWindow } from './window.ts';
import { createWorkspace, type Workspace } from './workspace.ts';
import { CLEAN_CLOSES_FILE, loadCleanCloses } from './cleanCloses.ts';

export const APP_NAME = 'Attest';

/** Events the shell sends on the `api:event` channel: the contract's, menu commands and case switches included. */
export type ShellEvents = Events;

export interface ShellPaths {
  /** The bundled preload (one CommonJS file, as sandboxed preloads must be). */
  preload: string;
  /** The built renderer served on app://attest/. */
  renderer: string;
  /** The user's profile folder: preferences and the recent-cases list. */
  profile: string;
}

/** Where the built files live: beside package.json in development, inside app.asar when packaged. */
export function shellPaths(): ShellPaths {
  const root = app.getAppPath();
  return {
    preload: join(root, 'out', 'preload', 'preload.cjs'),
    renderer: join(root, 'out', 'renderer'),
    profile: app.getPath('userData'),
  };
}

export interface Shell {
  readonly workspace: Workspace;
  /** Resolves once the app is ready, the session secured and the first window created. */
  readonly ready: Promise<void>;
  window(): BrowserWindow | null;
  openCasePath(path: string): Promise<boolean>;
  actions: MenuActions;
}

export interface ShellOptions {
  argv: readonly string[];
  cwd: string;
  paths?: ShellPaths;
}

const messageOf = (error: unknown): string =>
  error instanceof AttestError
    ? error.message
    : 'Attest could not complete this; the details are in its log.';

/** Starts the desktop app; returns null in a second instance, which hands its argv to the first and quits. */
export function startShell(options: ShellOptions): Shell | null {
  // Privileged schemes must be registered before `ready`.
  registerAppScheme();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  const paths = options.paths ?? shellPaths();
  const preferencesFile = join(paths.profile, PREFERENCES_FILE);
  const recentFile = join(paths.profile, RECENT_CASES_FILE);

  let mainWindow: BrowserWindow | null = null;
  let isReady = false;
  let pendingCase = casePathFromArgv(options.argv, options.cwd);
  let recentCases = loadRecentCases(recentFile);

  const broadcast = <E extends keyof ShellEvents>(event: E, payload: ShellEvents[E]): void => {
    if (mainWindow && !mainWindow.isDestroyed()) sendApiEvent(mainWindow.webContents, event, payload);
  };

  const workspace = createWorkspace({
    preferences: loadPreferences(preferencesFile, osUserName()),
    savePreferences: (preferences) => savePreferences(preferencesFile, preferences),
    emit: (event, payload) => {
      broadcast(event, payload);
      if (event === 'case.checked') void caseChecked(payload as Events['case.checked']);
    },
    cleanCloses: loadCleanCloses(join(paths.profile, CLEAN_CLOSES_FILE)),
  });

  const refreshMenu = (): void => {
    const state = {
      platform: process.platform,
      isPackaged: app.isPackaged,
      appName: APP_NAME,
      caseOpen: workspace.current !== null,
      recentCases,
    };
    Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(state, actions)));
  };

  const updateTitle = (): void => {
    if (!mainWindow || mainWindow.isDestroyed()) return;
    const c = workspace.current;
    mainWindow.setTitle(c ? `${basename(c.path)} — ${APP_NAME}` : APP_NAME);
    // macOS shows the file's icon in the title bar and lets the analyst reveal it in Finder.
    if (process.platform === 'darwin') mainWindow.setRepresentedFilename(c?.path ?? '');
  };

  const ensureWindow = (): BrowserWindow => {
    if (mainWindow && !mainWindow.isDestroyed()) return mainWindow;
    const window = createMainWindow(paths.preload, APP_NAME);
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
    });
    mainWindow = window;
    updateTitle();
    return window;
  };

  const focusWindow = (): void => {
    const window = ensureWindow();
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };

  const caseOpened = (c: CaseFile): void => {
    recentCases = rememberCase(recentCases, c.path);
    saveRecentCases(recentFile, recentCases);
    app.addRecentDocument(c.path);
    refreshMenu();
    if (mainWindow) {
      updateTitle();
      broadcast('case.opened', { fileName: basename(c.path) });
    } else {
      ensureWindow();
    }
  };

  /**
   * The verdict of a check that ran after opening: a damaged file was closed by the workspace, and the analyst is
   * told as when a damaged file is refused at opening.
   */
  const caseChecked = async ({ fileName, problem }: Events['case.checked']): Promise<void> => {
    if (problem === null) return;
    refreshMenu();
    updateTitle();
    await showProblem(mainWindow, `${fileName} could not be opened.`, problem);
  };

  /** Opens a case from any door (argv, second instance, open-file, Open, Open Recent); false when refused. */
  const openCasePath = async (path: string): Promise<boolean> => {
    let c: CaseFile;
    try {
      c = workspace.open(path);
    } catch (error) {
      if (error instanceof AttestError && error.code === 'not-found') {
        recentCases = forgetCase(recentCases, path);
        saveRecentCases(recentFile, recentCases);
        refreshMenu();
      }
      await showProblem(mainWindow, `${basename(path)} could not be opened.`, messageOf(error));
      return false;
    }
    caseOpened(c);
    return true;
  };

  /** Calls a contract method for the menu; a refusal is shown to the analyst and gives undefined. */
  const callForMenu = async <V>(
    method: MethodName,
    input: unknown,
    failure: string,
  ): Promise<V | undefined> => {
    const result = (await workspace.call(method, input)) as Result<V>;
    if (result.ok) return result.value;
    await showProblem(mainWindow, failure, result.error.message);
    return undefined;
  };

  const importSources = async (): Promise<void> => {
    if (!workspace.current) return;
    const paths = await chooseSourceFiles(mainWindow);
    if (paths.length === 0) return;
    const plan = await planImport(paths);
    const results: ImportResult[] = [];
    const refused: RefusedFile[] = [...plan.refused];
    for (const batch of plan.batches) {
      const read = await readImportBatch(batch);
      refused.push(...read.refused);
      if (read.files.length === 0) continue;
      const imported = await callForMenu<ImportResult[]>(
        'source.import',
        { files: read.files },
        'The sources could not be imported.',
      );
      if (!imported) return;
      results.push(...imported);
    }
    const report = importReport(results, refused);
    if (report) await showReport(mainWindow, report.message, report.detail);
  };

  const mergeCase = async (): Promise<void> => {
    if (!workspace.current) return;
    const path = await chooseCaseToMerge(mainWindow);
    if (path === null) return;
    const summary = await callForMenu<MergeSummary>(
      'case.merge',
      { path },
      `${basename(path)} could not be merged.`,
    );
    if (!summary) return;
    broadcast('menu.command', { command: 'view', view: 'conflicts' });
    broadcast('case.merged', summary);
  };

  const importAnnotations = async (): Promise<void> => {
    if (!workspace.current) return;
    const [path] = await chooseAnnotationFile(mainWindow);
    if (path === undefined) return;
    const fileName = basename(path);
    const failure = `${fileName} could not be imported.`;
    let bytes: Buffer;
    try {
      if ((await stat(path)).size > MAX_IMPORT_BYTES) {
        await showProblem(mainWindow, failure, 'The file is over the 50 MiB limit for an annotation file.');
        return;
      }
      bytes = await readFile(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'read failed';
      await showProblem(mainWindow, failure, `The file could not be read (${code}).`);
      return;
    }
    const result = await callForMenu<AnnotationImportResult>(
      'annotation.import',
      { fileName, dataBase64: bytes.toString('base64') },
      failure,
    );
    if (!result) return;
    const report = annotationImportReport(result);
    if (report) await showReport(mainWindow, report.message, report.detail);
  };

  const exportCase = async (format: ExportFormat): Promise<void> => {
    const c = workspace.current;
    if (!c) return;
    const defaultPath = join(
      dirname(c.path),
      `${basename(c.path, CASE_EXTENSION)}.${exportExtension(format)}`,
    );
    const target = await chooseExportPath(mainWindow, format, defaultPath);
    if (target === null) return;
    const failure = `${basename(target)} could not be exported.`;
    const asJson = (value: unknown) =>
      value === undefined ? undefined : `${JSON.stringify(value, null, 2)}\n`;
    let text: string | undefined;
    if (format === 'json') text = asJson(await callForMenu<unknown>('export.json', {}, failure));
    else if (format === 'annotations')
      text = asJson(await callForMenu<unknown>('export.annotations', {}, failure));
    else if (format === 'csv') text = (await callForMenu<{ csv: string }>('export.csv', {}, failure))?.csv;
    else {
      const report = await callForMenu<{ text: string }>(
        'export.report',
        { format, groupBy: 'tag' },
        failure,
      );
      text = report?.text;
    }
    if (text === undefined) return;
    try {
      await writeFile(target, text);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'write failed';
      await showProblem(mainWindow, failure, `The file could not be written (${code}).`);
    }
  };

  const actions: MenuActions = {
    newCase: () => {
      void (async () => {
        const folder = workspace.current ? dirname(workspace.current.path) : app.getPath('documents');
        const path = await chooseNewCasePath(mainWindow, join(folder, `Untitled${CASE_EXTENSION}`));
        if (path === null) return;
        try {
          caseOpened(workspace.create(path));
        } catch (error) {
          await showProblem(mainWindow, `${basename(path)} could not be created.`, messageOf(error));
        }
      })();
    },
    openCase: () => {
      void chooseCaseToOpen(mainWindow).then((path) => (path === null ? false : openCasePath(path)));
    },
    openRecent: (path) => void openCasePath(path),
    clearRecent: () => {
      recentCases = [];
      saveRecentCases(recentFile, recentCases);
      app.clearRecentDocuments();
      refreshMenu();
    },
    importSources: () => void importSources(),
    mergeCase: () => void mergeCase(),
    importAnnotations: () => void importAnnotations(),
    exportCase: (format) => void exportCase(format),
    sendCommand: (command) => broadcast('menu.command', command),
  };

  // macOS: a case double-clicked in Finder or dropped on the Dock icon. It may arrive before `ready`.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    if (isReady) void openCasePath(path).then((opened) => opened && focusWindow());
    else pendingCase = path;
  });

  // A second launch (`attest other.attest`, a double-click on Windows or Linux) hands its argv to this one.
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const path = casePathFromArgv(argv, workingDirectory);
    if (!isReady) {
      pendingCase = path ?? pendingCase;
      return;
    }
    focusWindow();
    if (path !== null) void openCasePath(path);
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('will-quit', () => workspace.close());

  const ready = app.whenReady().then(async () => {
    const defaultSession = session.defaultSession;
    secureSession(defaultSession, { allowDevTools: !app.isPackaged });
    serveRenderer(defaultSession, paths.renderer);
    registerApiChannel({
      handlers: () => workspace.handlers(),
      ourContents: () => (mainWindow && !mainWindow.isDestroyed() ? [mainWindow.webContents] : []),
    });
    isReady = true;
    refreshMenu();
    // The case named on the command line is opened before the window loads, so the renderer's first call finds it.
    if (pendingCase !== null) {
      const path = pendingCase;
      pendingCase = null;
      await openCasePath(path);
    }
    ensureWindow();
    app.on('activate', () => {
      if (!mainWindow || mainWindow.isDestroyed()) ensureWindow();
    });
  });

  return {
    workspace,
    ready,
    window: () => mainWindow,
    openCasePath,
    actions,
  };
}
