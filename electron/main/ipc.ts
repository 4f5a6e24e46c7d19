// The only ipcMain user: one channel pair, `api:call` (sender checked, then dispatch) and `api:event` (pushes to windows).
import { ipcMain, type WebContents } from 'electron';
import { dispatch, type Handlers } from '../api/dispatch.ts';
import type { Result } from '../contract/index.ts';
import { isTrustedSender } from './security.ts';

export const API_CALL_CHANNEL = 'api:call';
export const API_EVENT_CHANNEL = 'api:event';

export const FORBIDDEN: Result<never> = {
  ok: false,
  error: { code: 'forbidden', message: 'This call did not come from an Attest window and was refused.' },
};

export interface ApiChannelOptions {
  /** The handlers of the moment (they change when a case is opened). */
  handlers(): Handlers;
  /** The web contents of our own windows: the only senders whose calls are served. */
  ourContents(): readonly WebContents[];
}

/**
 * One generic channel with the method name as data (STYLE.md, after Signal-Desktop): the allowlist and input
 * validation are dispatch()'s, the sender check is done first, so a call from a foreign frame or origin never
 * reaches a handler (security checklist item 17: https://www.electronjs.org/docs/latest/tutorial/security#17-validate-the-sender-of-all-ipc-messages).
 */
export function registerApiChannel(options: ApiChannelOptions): void {
  ipcMain.removeHandler(API_CALL_CHANNEL);
  ipcMain.handle(
    API_CALL_CHANNEL,
    async (event, method: unknown, input: unknown): Promise<Result<unknown>> => {
      if (!isTrustedSender(event, options.ourContents())) return FORBIDDEN;
      return dispatch(options.handlers(), method, input);
    },
  );
}

/** Sends one event to one window; a window closing meanwhile is skipped rather than an error. */
export function sendApiEvent(contents: WebContents, name: string, payload: unknown): void {
  if (contents.isDestroyed()) return;
  contents.send(API_EVENT_CHANNEL, name, payload);
}
