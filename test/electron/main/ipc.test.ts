// The api:call channel: a call from our window's app frame reaches dispatch and a real case file; any other
// sender gets `forbidden` without reaching dispatch. Events go out on api:event. Before a case: a clear refusal.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as electron from '../../fakes/electron.ts';
import { dispatch } from '../../../electron/api/dispatch.ts';
import {
  API_CALL_CHANNEL,
  API_EVENT_CHANNEL,
  registerApiChannel,
  sendApiEvent,
} from '../../../electron/main/ipc.ts';
import { createWorkspace, NO_CASE_MESSAGE, type Workspace } from '../../../electron/main/workspace.ts';
import { tempDir } from '../../helpers.ts';

vi.mock('electron', () => import('../../fakes/electron.ts'));
vi.mock('../../../electron/api/dispatch.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../electron/api/dispatch.ts')>();
  return { ...original, dispatch: vi.fn(original.dispatch) };
});

let workspace: Workspace;
let ourWindow: electron.FakeWebContents;
const emitted: [string, unknown][] = [];

beforeEach(() => {
  electron.resetFake();
  vi.mocked(dispatch).mockClear();
  emitted.length = 0;
  ourWindow = new electron.FakeWebContents();
  ourWindow.mainFrame.url = 'app://attest/index.html';
  workspace = createWorkspace({
    preferences: { analystName: 'Ana Analyst' },
    savePreferences: () => {},
    emit: (event, payload) => emitted.push([event, payload]),
  });
  registerApiChannel({ handlers: () => workspace.handlers(), ourContents: () => [ourWindow as never] });
});

afterEach(() => workspace.close());

const fromApp = () => ({ sender: ourWindow, senderFrame: ourWindow.mainFrame });
const call = (event: object, method: unknown, input?: unknown) =>
  electron.ipcMain.invoke(API_CALL_CHANNEL, event, method, input);

describe('api:call', () => {
  it('serves our app frame from a real case file', async () => {
    const path = join(tempDir(), 'goma.attest');
    workspace.create(path);
    const info = await call(fromApp(), 'case.info', {});
    expect(info).toMatchObject({
      ok: true,
      value: {
        title: 'goma',
        fileName: 'goma.attest',
        analyst: 'Ana Analyst',
        counts: { sources: 0, claims: 0, tags: 0 },
      },
    });
    expect(dispatch).toHaveBeenCalledTimes(1);

    const text = 'GOMA — Rebels entered the city last Sunday, the governor said.';
    const imported = await call(fromApp(), 'source.import', {
      files: [{ fileName: 'goma.txt', dataBase64: Buffer.from(text).toString('base64') }],
    });
    expect(imported).toMatchObject({
      ok: true,
      value: [{ fileName: 'goma.txt', ok: true, duplicate: false }],
    });
    expect(emitted).toContainEqual(['import.progressed', { done: 1, total: 1 }]);
    expect(emitted).toContainEqual(['case.changed', { method: 'source.import' }]);
    expect(await call(fromApp(), 'case.info', {})).toMatchObject({ value: { counts: { sources: 1 } } });
  });

  it('refuses every other sender with forbidden, before dispatch', async () => {
    workspace.create(join(tempDir(), 'case.attest'));
    const stranger = new electron.FakeWebContents();
    stranger.mainFrame.url = 'app://attest/index.html';
    const iframe = new electron.FakeFrame('app://attest/index.html', ourWindow.mainFrame);
    const foreignPage = new electron.FakeWebContents();
    const senders = [
      { sender: ourWindow, senderFrame: null },
      { sender: ourWindow, senderFrame: iframe },
      { sender: stranger, senderFrame: stranger.mainFrame },
      { sender: foreignPage, senderFrame: foreignPage.mainFrame },
    ];
    for (const event of senders) {
      expect(await call(event, 'case.info', {})).toEqual({
        ok: false,
        error: { code: 'forbidden', message: expect.stringMatching(/refused/) },
      });
    }
    ourWindow.mainFrame.url = 'https://evil.example/';
    expect(await call(fromApp(), 'source.delete', { id: 'x' })).toMatchObject({
      error: { code: 'forbidden' },
    });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('validates the method and its input like every transport', async () => {
    workspace.create(join(tempDir(), 'case.attest'));
    expect(await call(fromApp(), 'fs.readFile', { path: '/etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'unknown-method' },
    });
    expect(await call(fromApp(), 'claim.get', { id: 42 })).toMatchObject({
      ok: false,
      error: { code: 'bad-input' },
    });
  });

  it('before a case is open, answers preferences and refuses the rest with a clear message', async () => {
    expect(await call(fromApp(), 'case.info', {})).toEqual({
      ok: false,
      error: { code: 'conflict', message: NO_CASE_MESSAGE },
    });
    expect(await call(fromApp(), 'preferences.get', {})).toEqual({
      ok: true,
      value: { analystName: 'Ana Analyst' },
    });
    expect(await call(fromApp(), 'preferences.set', { analystName: '  Ben Reviewer ' })).toEqual({
      ok: true,
      value: { analystName: 'Ben Reviewer' },
    });
    // Input is still validated before the refusal.
    expect(await call(fromApp(), 'claim.get', {})).toMatchObject({ error: { code: 'bad-input' } });

    // The name set before opening is the author of the case's changes.
    workspace.create(join(tempDir(), 'case.attest'));
    expect(await call(fromApp(), 'case.info', {})).toMatchObject({ value: { analyst: 'Ben Reviewer' } });
  });
});

describe('api:event', () => {
  it('sends (name, payload) to a live window and skips a closed one', () => {
    sendApiEvent(ourWindow as never, 'case.changed', { method: 'claim.create' });
    expect(ourWindow.sent).toEqual([[API_EVENT_CHANNEL, 'case.changed', { method: 'claim.create' }]]);
    ourWindow.destroyed = true;
    sendApiEvent(ourWindow as never, 'case.changed', { method: 'claim.create' });
    expect(ourWindow.sent).toHaveLength(1);
  });
});
