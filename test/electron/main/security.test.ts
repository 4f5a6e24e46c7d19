// The window's security measures (Electron security checklist) asserted against the fake `electron` module:
// webPreferences, CSP, navigation and window.open, permissions, the network block and the IPC sender check.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as electron from '../../fakes/electron.ts';
import {
  APP_ENTRY_URL,
  CONTENT_SECURITY_POLICY,
  isAllowedRequest,
  isAppUrl,
  isTrustedSender,
  secureSession,
  withContentSecurityPolicy,
  type IpcSender,
} from '../../../electron/main/security.ts';
import { createMainWindow, mainWindowOptions } from '../../../electron/main/window.ts';

vi.mock('electron', () => import('../../fakes/electron.ts'));

beforeEach(() => electron.resetFake());

const PRELOAD = '/app/out/preload/preload.cjs';

describe('the main window', () => {
  it('is created with the secure webPreferences and loads the app page', () => {
    createMainWindow(PRELOAD, 'Attest');
    const [window] = electron.BrowserWindow.instances;
    expect(window!.options.webPreferences).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      spellcheck: true,
      preload: PRELOAD,
    });
    expect(window!.options.show).toBe(false);
    expect(window!.loadedUrl).toBe('app://attest/index.html');
    expect(mainWindowOptions(PRELOAD, 'Attest').webPreferences).toEqual(window!.options.webPreferences);
  });

  it('denies navigation away from the app, including a file dropped on the window', () => {
    createMainWindow(PRELOAD, 'Attest');
    const contents = electron.BrowserWindow.instances[0]!.webContents;
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      expect(contents.emitPreventable(name, { url: 'https://example.com/' })).toBe(true);
      expect(contents.emitPreventable(name, { url: 'file:///home/ana/report.txt' })).toBe(true);
      expect(contents.emitPreventable(name, { url: 'app://attest.evil/index.html' })).toBe(true);
      expect(contents.emitPreventable(name, { url: 'app://attest/index.html#/claims' })).toBe(false);
    }
    expect(contents.emitPreventable('will-attach-webview', {})).toBe(true);
  });

  it('opens no new windows, not even for web links', () => {
    createMainWindow(PRELOAD, 'Attest');
    const contents = electron.BrowserWindow.instances[0]!.webContents;
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: APP_ENTRY_URL })).toEqual({ action: 'deny' });
    expect(electron.shell.opened).toEqual([]);
  });

  it('keeps its own title: the page title does not replace the case name', () => {
    createMainWindow(PRELOAD, 'Attest');
    const window = electron.BrowserWindow.instances[0]!;
    const event = electron.fakeEvent();
    window.emit('page-title-updated', event, 'Something else');
    expect(event.defaultPrevented).toBe(true);
  });
});

describe('the session', () => {
  it('sends the strict CSP on every response, replacing any other', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
    );
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|\*/);

    const ses = electron.session.defaultSession;
    secureSession(ses as never, { allowDevTools: false });
    const headers = ses.headersAfter('app://attest/index.html', {
      'content-type': ['text/html'],
      'content-security-policy': ["default-src *; script-src 'unsafe-eval'"],
    });
    expect(headers).toEqual({
      'content-type': ['text/html'],
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    });
    expect(withContentSecurityPolicy(undefined)).toEqual({
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    });
  });

  it('cancels every request that is not for the app itself', () => {
    const ses = electron.session.defaultSession;
    secureSession(ses as never, { allowDevTools: false });
    for (const url of [
      'https://example.com/',
      'http://127.0.0.1:8080/api',
      'wss://example.com/socket',
      'file:///etc/passwd',
      'app://other/index.html',
      'devtools://devtools/bundled/inspector.html',
    ]) {
      expect(ses.requestDecision(url), url).toEqual({ cancel: true });
    }
    for (const url of [
      'app://attest/index.html',
      'app://attest/assets/main.js',
      'data:image/png;base64,AA==',
    ]) {
      expect(ses.requestDecision(url), url).toEqual({ cancel: false });
    }
    expect(isAllowedRequest('devtools://devtools/bundled/inspector.html', { allowDevTools: true })).toBe(
      true,
    );
  });

  it('keeps the spellchecker from downloading dictionaries off the machine', () => {
    const ses = electron.session.defaultSession;
    secureSession(ses as never, { allowDevTools: false });
    expect(ses.spellCheckerDictionaryDownloadURL).toBe('app://attest/dictionaries/');
  });

  it('denies every permission request and check', () => {
    const ses = electron.session.defaultSession;
    secureSession(ses as never, { allowDevTools: false });
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      (ses.permissionRequestHandler as (...args: unknown[]) => void)({}, permission, callback, {});
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
      expect((ses.permissionCheckHandler as (...args: unknown[]) => boolean)(null, permission, '', {})).toBe(
        false,
      );
    }
    expect((ses.devicePermissionHandler as (...args: unknown[]) => boolean)({ deviceType: 'usb' })).toBe(
      false,
    );
  });
});

describe('isAppUrl', () => {
  it('accepts only app://attest', () => {
    expect(isAppUrl('app://attest/index.html')).toBe(true);
    expect(isAppUrl('APP://ATTEST/index.html')).toBe(true);
    expect(isAppUrl('app://attest.example.com/')).toBe(false);
    expect(isAppUrl('app://user:pass@attest/')).toBe(false);
    expect(isAppUrl('https://attest/')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});

describe('the IPC sender check', () => {
  const ours = () => {
    const contents = new electron.FakeWebContents();
    contents.mainFrame.url = 'app://attest/index.html';
    return contents;
  };
  const check = (event: object, contents: electron.FakeWebContents[]) =>
    isTrustedSender(event as IpcSender, contents as never);

  it('trusts the main frame of our window showing the app', () => {
    const contents = ours();
    expect(check({ sender: contents, senderFrame: contents.mainFrame }, [contents])).toBe(true);
  });

  it('refuses a destroyed frame, an iframe, a foreign origin and a window that is not ours', () => {
    const contents = ours();
    expect(check({ sender: contents, senderFrame: null }, [contents])).toBe(false);
    const iframe = new electron.FakeFrame('app://attest/embedded.html', contents.mainFrame);
    expect(check({ sender: contents, senderFrame: iframe }, [contents])).toBe(false);
    const lookalike = new electron.FakeFrame('app://attest/index.html');
    expect(check({ sender: contents, senderFrame: lookalike }, [contents])).toBe(false);
    contents.mainFrame.url = 'https://evil.example/';
    expect(check({ sender: contents, senderFrame: contents.mainFrame }, [contents])).toBe(false);
    const stranger = ours();
    expect(check({ sender: stranger, senderFrame: stranger.mainFrame }, [contents])).toBe(false);
    contents.mainFrame.url = 'app://attest/index.html';
    contents.destroyed = true;
    expect(check({ sender: contents, senderFrame: contents.mainFrame }, [contents])).toBe(false);
  });
});
