// The browser-mode transport: the contract over loopback HTTP (electron/serve/server.ts), events over EventSource.
import type {
  EventName,
  Events,
  MethodInput,
  MethodName,
  MethodOutput,
  Result,
  Transport,
} from '../../electron/contract/index.ts';

/** The EventSource members used; structural so tests can pass a fake. */
export interface EventStream {
  addEventListener(type: string, listener: (event: { data: string }) => void): void;
  close(): void;
}

export interface HttpTransportOptions {
  /** The page's address: the token comes from its `?token=`. */
  location: { search: string; pathname: string; hash: string };
  /** Keeps the token for this tab once it is taken out of the address bar. */
  sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
  /** Takes the token out of the address bar; absent in tests. */
  history?: { replaceState(data: unknown, unused: string, url: string): void };
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  openEvents: (url: string) => EventStream;
}

const TOKEN_KEY = 'attest.token';

/**
 * The access token: from the URL when the page was opened with one, else the one this tab kept. It is then
 * removed from the address bar, so it does not linger on screen, in screenshots or in history; sessionStorage
 * keeps it for this tab only, so a reload keeps working and the token is gone when the tab closes.
 */
export function takeToken(
  options: Pick<HttpTransportOptions, 'location' | 'sessionStorage' | 'history'>,
): string | null {
  const params = new URLSearchParams(options.location.search);
  const fromUrl = params.get('token');
  if (fromUrl) {
    options.sessionStorage.setItem(TOKEN_KEY, fromUrl);
    params.delete('token');
    const search = params.toString();
    options.history?.replaceState(
      null,
      '',
      `${options.location.pathname}${search ? `?${search}` : ''}${options.location.hash}`,
    );
    return fromUrl;
  }
  return options.sessionStorage.getItem(TOKEN_KEY);
}

const failure = (code: 'io' | 'internal', message: string) => ({
  ok: false as const,
  error: { code, message },
});

export function createHttpTransport(options: HttpTransportOptions): Transport {
  const token = takeToken(options) ?? '';
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  let stream: EventStream | null = null;

  // One EventSource for all listeners, opened on the first subscription and closed after the last. EventSource
  // cannot send headers, so the token goes in the query (the server accepts it there for this route only).
  function connect(): void {
    if (stream) return;
    stream = options.openEvents(`/api/events?token=${encodeURIComponent(token)}`);
    for (const event of ['import.progressed', 'case.changed', 'case.checked'] satisfies EventName[]) {
      stream.addEventListener(event, (message) => {
        let payload: unknown;
        try {
          payload = JSON.parse(message.data);
        } catch {
          return; // A malformed frame carries nothing a listener could use.
        }
        for (const listener of listeners.get(event) ?? []) (listener as (payload: unknown) => void)(payload);
      });
    }
  }

  return {
    async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>> {
      let response: Response;
      try {
        response = await options.fetch(`/api/call/${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify(input ?? {}),
          cache: 'no-store',
        });
      } catch {
        return failure('io', 'Attest’s local server did not answer. Is `attest serve` still running?');
      }
      // Refusals come with an HTTP error status but still as a JSON envelope: read the body either way.
      try {
        const body: unknown = await response.json();
        if (typeof body === 'object' && body !== null && 'ok' in body) return body as Result<MethodOutput<M>>;
      } catch {
        // Not JSON: fall through to the generic message below.
      }
      return failure('internal', `Attest’s local server sent an unreadable reply (HTTP ${response.status}).`);
    },
    on<E extends EventName>(event: E, listener: (payload: Events[E]) => void) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      connect();
      return () => {
        set.delete(listener);
        if ([...listeners.values()].every((each) => each.size === 0)) {
          stream?.close();
          stream = null;
        }
      };
    },
  };
}
