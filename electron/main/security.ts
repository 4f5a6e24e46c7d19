// The desktop window's security measures, each a small named function following the Electron security checklist:
// https://www.electronjs.org/docs/latest/tutorial/security (item numbers below refer to that page).
import { CONTENT_SECURITY_POLICY } from '../contract/index.ts';
import type { Event, Session, WebContents, WebFrameMain, WebPreferences } from 'electron';

/** The renderer is served from a custom privileged scheme, so it has a real origin to check against (item 18). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'attest';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

// Item 7, "Define a Content Security Policy": one policy for every page, defined in the contract.
export { CONTENT_SECURITY_POLICY };

/**
 * true for a URL of the app's own pages. Compared by scheme and host rather than `URL.origin`: WHATWG URL gives
 * `origin === 'null'` for schemes it does not know, even though Chromium treats our registered scheme as standard.
 */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    // Chromium lowercases the host of a standard scheme; Node's URL keeps it as written for a scheme it does not know.
    parsed.host.toLowerCase() === APP_HOST &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/**
 * The window's webPreferences. Each is Electron's default today; they are written out so that a default changing,
 * or someone "temporarily" relaxing one, shows in review and fails the test that asserts them.
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    // Item 3: the preload and Electron's internals run in their own JavaScript world.
    contextIsolation: true,
    // Item 4: the renderer is an OS-sandboxed Chromium process; the preload gets only a small `require`.
    sandbox: true,
    // Item 2: no Node.js in the page or its workers.
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    // Item 6: keep the same-origin policy.
    webSecurity: true,
    // Item 8: no http content inside our pages.
    allowRunningInsecureContent: false,
    // Item 9: no experimental Chromium features.
    experimentalFeatures: false,
    spellcheck: true,
    preload: preloadPath,
  };
}

/** Response headers with our CSP replacing any the response carried (header names compared case-insensitively). */
export function withContentSecurityPolicy(
  headers: Record<string, string | string[]> | undefined,
): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'content-security-policy') continue;
    result[name] = Array.isArray(value) ? value : [value];
  }
  result['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  return result;
}

/**
 * Item 7 as an HTTP header on every response of the session (the protocol handler sets it as well, and the
 * renderer's index.html may carry the same policy in a <meta>; the strictest combination applies).
 */
export function applyContentSecurityPolicy(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) });
  });
}

export interface NetworkPolicy {
  /** DevTools loads its own front end over devtools://; allowed only in development builds. */
  allowDevTools: boolean;
}

/**
 * "No network at all" (DESIGN.md): a request may go only to the app's own origin. data: and blob: URLs are
 * allowed because they never leave the process (the CSP still limits where they may be used).
 */
export function isAllowedRequest(url: string, policy: NetworkPolicy): boolean {
  if (isAppUrl(url)) return true;
  if (url.startsWith('data:') || url.startsWith('blob:')) return true;
  return policy.allowDevTools && url.startsWith('devtools://');
}

/** Item 1, taken to its limit: every request that would leave the app is cancelled before it starts. */
export function blockNetwork(session: Session, policy: NetworkPolicy): void {
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequest(details.url, policy) });
  });
}

/**
 * Item 5, "Handle session permission requests": Electron grants every permission unless told otherwise.
 * Attest needs none (camera, notifications, geolocation, HID, serial, USB...), so requests and checks are denied.
 */
export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/** Where the spellchecker looks for Hunspell dictionaries: the app's own files, never Google's CDN. */
export const DICTIONARY_URL = `${APP_ORIGIN}/dictionaries/`;

/**
 * `spellcheck: true` makes Chromium download Hunspell dictionaries from a Google CDN on Windows and Linux (macOS
 * uses the OS spellchecker), outside the page's requests. Pointing the downloader at the app's own origin keeps
 * it offline: dictionaries shipped in out/renderer/dictionaries/ would be used, and otherwise nothing is fetched.
 */
export function keepSpellcheckOffline(session: Session): void {
  session.setSpellCheckerDictionaryDownloadURL(DICTIONARY_URL);
}

/** All of the session-wide measures, applied once before the first window loads. */
export function secureSession(session: Session, policy: NetworkPolicy): void {
  applyContentSecurityPolicy(session);
  blockNetwork(session, policy);
  denyPermissions(session);
  keepSpellcheckOffline(session);
}

const denyUnlessApp = (event: Event<{ url: string }>): void => {
  if (!isAppUrl(event.url)) event.preventDefault();
};

/**
 * Item 13, "Disable or limit navigation": the page may only move within the app. This also stops a file dropped
 * on the window from replacing the app with file://... (drop import reads the file's bytes in the renderer instead).
 * Item 12: <webview> is off by default; attaching one is refused outright in case it is ever turned on.
 */
export function lockNavigation(contents: WebContents): void {
  contents.on('will-navigate', denyUnlessApp);
  contents.on('will-frame-navigate', denyUnlessApp);
  contents.on('will-redirect', denyUnlessApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/**
 * Item 14, "Disable or limit creation of new windows": window.open and target=_blank open nothing. Links to the
 * web are not opened in a browser either (item 15): source URLs come from untrusted documents.
 */
export function denyWindowOpen(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** What an IPC event tells about its sender (a subset of IpcMainInvokeEvent, so tests can build one). */
export interface IpcSender {
  sender: WebContents;
  senderFrame: WebFrameMain | null;
}

/**
 * Item 17, "Validate the sender of all IPC messages": the frame must still exist, be the main frame (not an
 * iframe) of one of our own windows, and show a page of the app's own origin.
 */
export function isTrustedSender(event: IpcSender, ourContents: readonly WebContents[]): boolean {
  const frame = event.senderFrame;
  if (!frame) return false;
  const contents = ourContents.find((candidate) => candidate === event.sender);
  if (!contents || contents.isDestroyed()) return false;
  const main = contents.mainFrame;
  if (frame.parent !== null || frame.processId !== main.processId || frame.routingId !== main.routingId) {
    return false;
  }
  return isAppUrl(frame.url);
}
