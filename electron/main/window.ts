// The main window: its options (secure webPreferences), its navigation and window.open locks, and what it loads.
import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';
import { APP_ENTRY_URL, denyWindowOpen, lockNavigation, secureWebPreferences } from './security.ts';

export function mainWindowOptions(preloadPath: string, title: string): BrowserWindowConstructorOptions {
  return {
    title,
    width: 1280,
    height: 820,
    minWidth: 800,
    minHeight: 560,
    // Shown on ready-to-show, so the analyst never sees an empty white frame.
    show: false,
    webPreferences: secureWebPreferences(preloadPath),
  };
}

/** A window with every lock in place before its first page loads. */
export function createMainWindow(preloadPath: string, title: string): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(preloadPath, title));
  lockNavigation(window.webContents);
  denyWindowOpen(window.webContents);
  // The window title names the open case; the page's <title> must not replace it.
  window.on('page-title-updated', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());
  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => {
    console.error('attest: the window could not load its page:', error);
  });
  return window;
}
