// The API client and its transports: typed calls that throw ApiError on refusal; HTTP with the page's token
// (kept for reloads, out of the address bar) and events over one EventSource; the desktop bridge when present.
import { describe, expect, it, vi } from 'vitest';
import type { Result } from '../../electron/contract/index.ts';
import { ApiError, createClient, errorMessage } from '../../renderer/api/client.ts';
import { createHttpTransport, takeToken, type EventStream } from '../../renderer/api/httpTransport.ts';
import { createIpcTransport } from '../../renderer/api/ipcTransport.ts';
import { pickTransport } from '../../renderer/api/pickTransport.ts';

function memoryStorage(initial: Record<string, string> = {}) {
  const values = new Map(Object.entries(initial));
  return {
    values,
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
  };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

class FakeStream implements EventStream {
  listeners = new Map<string, (event: { data: string }) => void>();
  closed = false;
  readonly url: string;
  constructor(url: string) {
    this.url = url;
  }
  addEventListener(type: string, listener: (event: { data: string }) => void) {
    this.listeners.set(type, listener);
  }
  close() {
    this.closed = true;
  }
  emit(type: string, data: string) {
    this.listeners.get(type)?.({ data });
  }
}

function httpSetup(search = '?token=secret-1', stored: Record<string, string> = {}) {
  const storage = memoryStorage(stored);
  const replaceState = vi.fn();
  const fetch = vi.fn(async (_url: string, _init: RequestInit) =>
    json({ ok: true, value: { analystName: 'Ana' } }),
  );
  const streams: FakeStream[] = [];
  const transport = createHttpTransport({
    location: { search, pathname: '/', hash: '' },
    sessionStorage: storage,
    history: { replaceState },
    fetch,
    openEvents: (url) => {
      const stream = new FakeStream(url);
      streams.push(stream);
      return stream;
    },
  });
  return { transport, storage, replaceState, fetch, streams };
}

describe('takeToken', () => {
  it('takes the token from the URL, keeps it for the tab and removes it from the address bar', () => {
    const storage = memoryStorage();
    const replaceState = vi.fn();
    const token = takeToken({
      location: { search: '?case=x&token=abc', pathname: '/', hash: '#top' },
      sessionStorage: storage,
      history: { replaceState },
    });
    expect(token).toBe('abc');
    expect(storage.values.get('attest.token')).toBe('abc');
    expect(replaceState).toHaveBeenCalledWith(null, '', '/?case=x#top');
  });

  it('uses the kept token after a reload without one in the URL', () => {
    const storage = memoryStorage({ 'attest.token': 'kept' });
    expect(takeToken({ location: { search: '', pathname: '/', hash: '' }, sessionStorage: storage })).toBe(
      'kept',
    );
  });

  it('gives null when there is none', () => {
    expect(
      takeToken({ location: { search: '', pathname: '/', hash: '' }, sessionStorage: memoryStorage() }),
    ).toBeNull();
  });
});

describe('HTTP transport', () => {
  it('posts the input as JSON to /api/call/<method> with the bearer token', async () => {
    const { transport, fetch } = httpSetup();
    const result = await transport.call('preferences.set', { analystName: 'Ana' });
    expect(result).toEqual({ ok: true, value: { analystName: 'Ana' } });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('/api/call/preferences.set');
    expect(init.method).toBe('POST');
    expect(init.headers).toMatchObject({
      'Content-Type': 'application/json',
      Authorization: 'Bearer secret-1',
    });
    expect(JSON.parse(String(init.body))).toEqual({ analystName: 'Ana' });
  });

  it('reads refusals sent with an HTTP error status', async () => {
    const { transport, fetch } = httpSetup();
    const refusal: Result<never> = {
      ok: false,
      error: { code: 'unauthorized', message: 'The access token is missing or wrong.' },
    };
    fetch.mockResolvedValueOnce(json(refusal, 401));
    expect(await transport.call('case.info', {})).toEqual(refusal);
  });

  it('turns a network failure or a non-JSON reply into an error result', async () => {
    const { transport, fetch } = httpSetup();
    fetch.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    expect(await transport.call('case.info', {})).toMatchObject({ ok: false, error: { code: 'io' } });
    fetch.mockResolvedValueOnce(new Response('<html>', { status: 502 }));
    expect(await transport.call('case.info', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('opens one event stream for all listeners, with the token in the query, and closes it after the last', () => {
    const { transport, streams } = httpSetup('?token=a b');
    const changed = vi.fn();
    const progressed = vi.fn();
    const stopChanged = transport.on('case.changed', changed);
    const stopProgressed = transport.on('import.progressed', progressed);
    expect(streams).toHaveLength(1);
    expect(streams[0]!.url).toBe('/api/events?token=a%20b');
    streams[0]!.emit('case.changed', '{"method":"claim.create"}');
    streams[0]!.emit('import.progressed', '{"done":1,"total":2}');
    streams[0]!.emit('case.changed', 'not json');
    expect(changed).toHaveBeenCalledExactlyOnceWith({ method: 'claim.create' });
    expect(progressed).toHaveBeenCalledExactlyOnceWith({ done: 1, total: 2 });
    stopChanged();
    expect(streams[0]!.closed).toBe(false);
    stopProgressed();
    expect(streams[0]!.closed).toBe(true);
  });
});

describe('IPC transport and pickTransport', () => {
  it('uses window.attest when the preload provides it', async () => {
    const call = vi.fn(async () => ({ ok: true, value: { undo: null, redo: null } }));
    const on = vi.fn(() => () => {});
    const fetch = vi.fn();
    const transport = pickTransport({
      attest: { call, on },
      location: { search: '', pathname: '/', hash: '' },
      sessionStorage: memoryStorage(),
      fetch,
    });
    expect(await transport.call('history.state', {})).toEqual({
      ok: true,
      value: { undo: null, redo: null },
    });
    expect(call).toHaveBeenCalledWith('history.state', {});
    expect(fetch).not.toHaveBeenCalled();
  });

  it('falls back to HTTP without the bridge', async () => {
    const fetch = vi.fn(async () => json({ ok: true, value: [] }));
    const transport = pickTransport({
      location: { search: '?token=t', pathname: '/', hash: '' },
      sessionStorage: memoryStorage(),
      fetch,
    });
    await transport.call('tag.list', {});
    expect(fetch).toHaveBeenCalledOnce();
  });

  it('turns a failing or broken bridge into error results', async () => {
    const failing = createIpcTransport({
      call: async () => Promise.reject(new Error('gone')),
      on: () => () => {},
    });
    expect(await failing.call('case.info', {})).toMatchObject({ ok: false, error: { code: 'io' } });
    const broken = createIpcTransport({ call: async () => 'garbage', on: () => () => {} });
    expect(await broken.call('case.info', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});

describe('createClient', () => {
  it('resolves with the value and throws ApiError with the code and message on refusal', async () => {
    const { transport, fetch } = httpSetup();
    const client = createClient(transport);
    expect(await client.call('preferences.get', {})).toEqual({ analystName: 'Ana' });
    fetch.mockResolvedValueOnce(
      json({ ok: false, error: { code: 'not-found', message: 'There is no source.' } }),
    );
    const error = await client.call('source.get', { id: 'x' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'not-found', message: 'There is no source.' });
    expect(errorMessage(error)).toBe('There is no source.');
    expect(errorMessage(new Error('at /home/x/secret.ts:12'))).not.toContain('secret');
  });
});
