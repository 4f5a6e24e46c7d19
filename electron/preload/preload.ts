// The preload: gives the page window.attest = { call, on } over the api:call / api:event channels, and nothing else.
// Bundled to out/preload/preload.cjs (sandboxed preloads are one CommonJS file that may require only 'electron').
import { contextBridge, ipcRenderer } from 'electron';
import type { Result } from '../contract/index.ts';

// The channel names of electron/main/ipc.ts; not imported from there, so the bundle holds no main-process code.
const API_CALL_CHANNEL = 'api:call';
const API_EVENT_CHANNEL = 'api:event';

const MAX_DEPTH = 64;

/** JSON values only (undefined is allowed where JSON would drop it): no functions, class instances or cycles. */
function isPlainJson(value: unknown, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  if (value === null || value === undefined) return true;
  if (typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((item) => isPlainJson(item, depth + 1));
  if (typeof value !== 'object') return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  return Object.values(value).every((item) => isPlainJson(item, depth + 1));
}

const refuse = (message: string): Promise<Result<never>> =>
  Promise.resolve({ ok: false, error: { code: 'bad-input', message } });

type Listener = (payload: unknown) => void;
const listeners = new Map<string, Set<Listener>>();

// One listener on the channel for all subscriptions; the page never sees Electron's event object (security
// checklist item 20: https://www.electronjs.org/docs/latest/tutorial/security#20-do-not-expose-electron-apis-to-untrusted-web-content).
ipcRenderer.on(API_EVENT_CHANNEL, (_event, name: unknown, payload: unknown) => {
  if (typeof name !== 'string') return;
  for (const listener of listeners.get(name) ?? []) listener(payload);
});

contextBridge.exposeInMainWorld('attest', {
  call: (method: unknown, input: unknown): Promise<Result<unknown>> => {
    if (typeof method !== 'string') return refuse('The method name must be a string.');
    if (!isPlainJson(input)) return refuse(`The input of ${method.slice(0, 60)} must be plain JSON.`);
    return ipcRenderer.invoke(API_CALL_CHANNEL, method, input) as Promise<Result<unknown>>;
  },
  on: (event: unknown, listener: unknown): (() => void) => {
    if (typeof event !== 'string' || typeof listener !== 'function') {
      throw new TypeError('attest.on(event, listener) takes an event name and a function.');
    }
    const forward: Listener = (payload) => (listener as Listener)(payload);
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(forward);
    return () => {
      set.delete(forward);
    };
  },
});
