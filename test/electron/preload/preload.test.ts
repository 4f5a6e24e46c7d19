// The preload against the fake `electron`: it exposes exactly { call, on } as window.attest, sends only a string
// method with plain-JSON input over api:call, and hands listeners the payload of api:event, never Electron's event.
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../../fakes/electron.ts'));

interface Bridge {
  call(method: unknown, input?: unknown): Promise<unknown>;
  on(event: unknown, listener: unknown): () => void;
}

let bridge: Bridge;
let electron: typeof import('../../fakes/electron.ts');

// The preload runs once per page load; each test loads it afresh. The fake is taken from the mocked module itself,
// which is what the preload sees whatever vi.resetModules() did to the module registry.
beforeEach(async () => {
  vi.resetModules();
  electron = (await import('electron')) as unknown as typeof import('../../fakes/electron.ts');
  electron.resetFake();
  await import('../../../electron/preload/preload.ts');
  bridge = electron.contextBridge.exposed.attest as Bridge;
});

describe('the preload', () => {
  it('exposes exactly { call, on } under window.attest and nothing else', () => {
    expect(Object.keys(electron.contextBridge.exposed)).toEqual(['attest']);
    expect(Object.keys(bridge).sort()).toEqual(['call', 'on']);
    expect(typeof bridge.call).toBe('function');
    expect(typeof bridge.on).toBe('function');
  });

  it('invokes api:call with the method and input and returns the main process answer', async () => {
    electron.ipcRenderer.answer = (_channel, method) => ({ ok: true, value: { method } });
    const input = {
      sourceId: 'abc',
      tags: ['Actors/M23'],
      limit: 10,
      prefix: true,
      note: null,
      from: undefined,
    };
    expect(await bridge.call('claim.list', input)).toEqual({ ok: true, value: { method: 'claim.list' } });
    expect(electron.ipcRenderer.invocations).toEqual([['api:call', 'claim.list', input]]);
    await bridge.call('case.info');
    expect(electron.ipcRenderer.invocations[1]).toEqual(['api:call', 'case.info', undefined]);
  });

  it('refuses a non-string method or input that is not plain JSON without sending it', async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const refusals = [
      bridge.call(42, {}),
      bridge.call({ toString: () => 'case.info' }, {}),
      bridge.call('claim.get', { id: () => 'x' }),
      bridge.call('claim.get', { id: new Date() }),
      bridge.call('claim.get', { id: Number.NaN }),
      bridge.call('claim.get', { id: 1n }),
      bridge.call('claim.get', new Map()),
      bridge.call('claim.get', cyclic),
    ];
    for (const result of await Promise.all(refusals)) {
      expect(result).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    }
    expect(electron.ipcRenderer.invocations).toEqual([]);
  });

  it('delivers api:event payloads to the listeners of that event until they unsubscribe', () => {
    const changed = vi.fn();
    const command = vi.fn();
    const stop = bridge.on('case.changed', changed);
    bridge.on('menu.command', command);
    electron.ipcRenderer.receive('api:event', 'case.changed', { method: 'claim.create' });
    electron.ipcRenderer.receive('api:event', 'menu.command', { command: 'find' });
    electron.ipcRenderer.receive('other-channel', 'case.changed', { method: 'x' });
    expect(changed.mock.calls).toEqual([[{ method: 'claim.create' }]]);
    expect(command.mock.calls).toEqual([[{ command: 'find' }]]);
    stop();
    electron.ipcRenderer.receive('api:event', 'case.changed', { method: 'claim.update' });
    expect(changed).toHaveBeenCalledTimes(1);
    expect(() => bridge.on('case.changed', 'not a function')).toThrow(TypeError);
    expect(() => bridge.on(7, () => {})).toThrow(TypeError);
  });
});
