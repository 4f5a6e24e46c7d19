// A fake `electron` module for tests without the Electron binary: it records what the shell asks of Electron
// (window options, session handlers, IPC handlers, menus, dialogs) and lets tests play the other side.
// Use in a test file: vi.mock('electron', () => import('../../fakes/electron.ts'));
import { EventEmitter } from 'node:events';

type Listener = (...args: never[]) => unknown;

/** An Electron-style event: preventDefault() is recorded so tests can see what was refused. */
export class FakeEvent<P extends object = object> {
  defaultPrevented = false;
  constructor(params?: P) {
    Object.assign(this, params);
  }
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export const fakeEvent = <P extends object>(params?: P): FakeEvent<P> & P =>
  new FakeEvent(params) as FakeEvent<P> & P;

let nextId = 1;

export class FakeFrame {
  url: string;
  parent: FakeFrame | null;
  processId: number;
  routingId: number;
  constructor(url: string, parent: FakeFrame | null = null) {
    this.url = url;
    this.parent = parent;
    this.processId = 1;
    this.routingId = nextId++;
  }
}

export class FakeWebContents extends EventEmitter {
  readonly id = nextId++;
  mainFrame = new FakeFrame('about:blank');
  /** Every webContents.send(channel, ...args). */
  readonly sent: unknown[][] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  destroyed = false;

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getURL(): string {
    return this.mainFrame.url;
  }
  /** Test helper: emits an event the way Electron does and says whether a listener prevented it. */
  emitPreventable(name: string, params: object): boolean {
    const event = fakeEvent(params);
    this.emit(name, event);
    return event.defaultPrevented;
  }
}

export class BrowserWindow extends EventEmitter {
  static readonly instances: BrowserWindow[] = [];
  static getAllWindows(): BrowserWindow[] {
    return BrowserWindow.instances.filter((window) => !window.destroyed);
  }
  static fromWebContents(contents: unknown): BrowserWindow | null {
    return BrowserWindow.instances.find((window) => window.webContents === contents) ?? null;
  }

  readonly options: Record<string, unknown>;
  readonly webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  title: string;
  representedFilename = '';
  visible = false;
  focused = false;
  minimized = false;
  destroyed = false;

  constructor(options: Record<string, unknown> = {}) {
    super();
    this.options = options;
    this.title = typeof options.title === 'string' ? options.title : '';
    BrowserWindow.instances.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }
  setTitle(title: string): void {
    this.title = title;
  }
  getTitle(): string {
    return this.title;
  }
  setRepresentedFilename(path: string): void {
    this.representedFilename = path;
  }
  show(): void {
    this.visible = true;
  }
  focus(): void {
    this.focused = true;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  close(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

type HeadersListener = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[]>; cancel?: boolean }) => void,
) => void;
type RequestListener = (details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void;
type ProtocolHandler = (request: Request) => Response | Promise<Response>;

export class FakeSession {
  headersListener: HeadersListener | null = null;
  requestListener: RequestListener | null = null;
  permissionRequestHandler: Listener | null = null;
  permissionCheckHandler: Listener | null = null;
  devicePermissionHandler: Listener | null = null;
  spellCheckerDictionaryDownloadURL: string | null = null;
  readonly protocolHandlers = new Map<string, ProtocolHandler>();

  readonly webRequest = {
    onHeadersReceived: (listener: HeadersListener) => {
      this.headersListener = listener;
    },
    onBeforeRequest: (listener: RequestListener) => {
      this.requestListener = listener;
    },
  };
  readonly protocol = {
    handle: (scheme: string, handler: ProtocolHandler) => {
      this.protocolHandlers.set(scheme, handler);
    },
    unhandle: (scheme: string) => {
      this.protocolHandlers.delete(scheme);
    },
  };
  setPermissionRequestHandler(handler: Listener | null): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: Listener | null): void {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: Listener | null): void {
    this.devicePermissionHandler = handler;
  }
  setSpellCheckerDictionaryDownloadURL(url: string): void {
    this.spellCheckerDictionaryDownloadURL = url;
  }

  /** Test helper: what the session's onBeforeRequest listener decides for a URL. */
  requestDecision(url: string): { cancel?: boolean } {
    let decision: { cancel?: boolean } = {};
    this.requestListener?.({ url }, (response) => (decision = response));
    return decision;
  }
  /** Test helper: the response headers after the session's onHeadersReceived listener. */
  headersAfter(url: string, responseHeaders: Record<string, string[]>): Record<string, string[]> | undefined {
    let result: Record<string, string[]> | undefined;
    this.headersListener?.({ url, responseHeaders }, (response) => (result = response.responseHeaders));
    return result;
  }
}

export const session = { defaultSession: new FakeSession() };

class FakeApp extends EventEmitter {
  isPackaged = false;
  singleInstanceLock = true;
  quitCalls = 0;
  appPath = '/fake/app';
  readonly paths: Record<string, string> = {};
  readonly recentDocuments: string[] = [];
  private readyPromise: Promise<void> = Promise.resolve();

  requestSingleInstanceLock(): boolean {
    return this.singleInstanceLock;
  }
  quit(): void {
    this.quitCalls += 1;
  }
  whenReady(): Promise<void> {
    return this.readyPromise;
  }
  isReady(): boolean {
    return true;
  }
  getAppPath(): string {
    return this.appPath;
  }
  getPath(name: string): string {
    const path = this.paths[name];
    if (path === undefined) throw new Error(`fake electron: app.getPath('${name}') was not set by the test`);
    return path;
  }
  getName(): string {
    return 'Attest';
  }
  addRecentDocument(path: string): void {
    this.recentDocuments.push(path);
  }
  clearRecentDocuments(): void {
    this.recentDocuments.length = 0;
  }
  /** Test helper: holds `whenReady()` until the returned function is called. */
  delayReady(): () => void {
    let release!: () => void;
    this.readyPromise = new Promise<void>((resolve) => (release = resolve));
    return release;
  }
  resetReady(): void {
    this.readyPromise = Promise.resolve();
  }
}

export const app = new FakeApp();

export const protocol = {
  privilegedSchemes: [] as unknown[],
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    this.privilegedSchemes.push(...schemes);
  },
  handle(scheme: string, handler: ProtocolHandler): void {
    session.defaultSession.protocol.handle(scheme, handler);
  },
};

export interface FakeMenu {
  template: unknown[];
}

export const Menu = {
  applicationMenu: null as FakeMenu | null,
  buildFromTemplate(template: unknown[]): FakeMenu {
    return { template };
  },
  setApplicationMenu(menu: FakeMenu | null): void {
    Menu.applicationMenu = menu;
  },
};

interface DialogCall {
  kind: 'open' | 'save' | 'message' | 'error';
  options: Record<string, unknown>;
  parent: unknown;
}

/** Dialogs answer from queues the test fills; an empty queue answers "cancelled". */
export const dialog = {
  calls: [] as DialogCall[],
  openAnswers: [] as string[][],
  saveAnswers: [] as (string | null)[],
  record(kind: DialogCall['kind'], args: unknown[]): void {
    const [first, second] = args;
    const parent = second === undefined ? null : first;
    const options = (second === undefined ? first : second) as Record<string, unknown>;
    dialog.calls.push({ kind, options, parent });
  },
  showOpenDialog(...args: unknown[]): Promise<{ canceled: boolean; filePaths: string[] }> {
    dialog.record('open', args);
    const paths = dialog.openAnswers.shift();
    return Promise.resolve(paths ? { canceled: false, filePaths: paths } : { canceled: true, filePaths: [] });
  },
  showSaveDialog(...args: unknown[]): Promise<{ canceled: boolean; filePath: string }> {
    dialog.record('save', args);
    const path = dialog.saveAnswers.shift() ?? null;
    return Promise.resolve(
      path === null ? { canceled: true, filePath: '' } : { canceled: false, filePath: path },
    );
  },
  showMessageBox(...args: unknown[]): Promise<{ response: number; checkboxChecked: boolean }> {
    dialog.record('message', args);
    return Promise.resolve({ response: 0, checkboxChecked: false });
  },
  showErrorBox(title: string, content: string): void {
    dialog.calls.push({ kind: 'error', options: { title, content }, parent: null });
  },
};

export const shell = {
  opened: [] as string[],
  openExternal(url: string): Promise<void> {
    shell.opened.push(url);
    return Promise.resolve();
  },
};

type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown;

export const ipcMain = {
  handlers: new Map<string, InvokeHandler>(),
  handle(channel: string, handler: InvokeHandler): void {
    if (ipcMain.handlers.has(channel)) {
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    }
    ipcMain.handlers.set(channel, handler);
  },
  removeHandler(channel: string): void {
    ipcMain.handlers.delete(channel);
  },
  /** Test helper: calls the handler as ipcRenderer.invoke from `event`'s sender would. */
  async invoke(channel: string, event: unknown, ...args: unknown[]): Promise<unknown> {
    const handler = ipcMain.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, ...args);
  },
};

export const contextBridge = {
  exposed: {} as Record<string, unknown>,
  exposeInMainWorld(key: string, api: unknown): void {
    if (key in contextBridge.exposed)
      throw new Error(`Cannot bind an API on top of an existing property: ${key}`);
    contextBridge.exposed[key] = api;
  },
};

class FakeIpcRenderer extends EventEmitter {
  readonly invocations: unknown[][] = [];
  answer: (channel: string, ...args: unknown[]) => unknown = () => ({ ok: true, value: null });
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invocations.push([channel, ...args]);
    return Promise.resolve(this.answer(channel, ...args));
  }
  /** Test helper: a message from the main process (webContents.send). */
  receive(channel: string, ...args: unknown[]): void {
    this.emit(channel, { sender: this }, ...args);
  }
}

export const ipcRenderer = new FakeIpcRenderer();

export const webUtils = {
  getPathForFile(file: { path?: string }): string {
    return file.path ?? '';
  },
};

/** Puts every recorder back to its first state; call in beforeEach. */
export function resetFake(): void {
  app.removeAllListeners();
  app.isPackaged = false;
  app.singleInstanceLock = true;
  app.quitCalls = 0;
  app.appPath = '/fake/app';
  for (const key of Object.keys(app.paths)) delete app.paths[key];
  app.recentDocuments.length = 0;
  app.resetReady();
  BrowserWindow.instances.length = 0;
  session.defaultSession = new FakeSession();
  protocol.privilegedSchemes.length = 0;
  Menu.applicationMenu = null;
  dialog.calls.length = 0;
  dialog.openAnswers.length = 0;
  dialog.saveAnswers.length = 0;
  shell.opened.length = 0;
  ipcMain.handlers.clear();
  for (const key of Object.keys(contextBridge.exposed)) delete contextBridge.exposed[key];
  ipcRenderer.removeAllListeners();
  ipcRenderer.invocations.length = 0;
  ipcRenderer.answer = () => ({ ok: true, value: null });
}

export default {
  app,
  BrowserWindow,
  contextBridge,
  dialog,
  ipcMain,
  ipcRenderer,
  Menu,
  protocol,
  session,
  shell,
  webUtils,
};
