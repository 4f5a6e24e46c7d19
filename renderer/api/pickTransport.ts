// Chooses the transport: the desktop bridge when the preload put `window.attest` there, loopback HTTP otherwise.
import type { Transport } from '../../electron/contract/index.ts';
import { createHttpTransport, type HttpTransportOptions } from './httpTransport.ts';
import { createIpcTransport, isAttestBridge } from './ipcTransport.ts';

/** The parts of `window` the choice reads. */
export interface TransportHost {
  attest?: unknown;
  location: HttpTransportOptions['location'];
  sessionStorage: HttpTransportOptions['sessionStorage'];
  history?: HttpTransportOptions['history'];
  fetch(url: string, init: RequestInit): Promise<Response>;
  EventSource?: new (url: string) => {
    addEventListener(type: string, listener: (event: { data: unknown }) => void): void;
    close(): void;
  };
}

export function pickTransport(host: TransportHost): Transport {
  if (isAttestBridge(host.attest)) return createIpcTransport(host.attest);
  const EventSourceClass = host.EventSource;
  return createHttpTransport({
    location: host.location,
    sessionStorage: host.sessionStorage,
    history: host.history,
    // Called through the host: window.fetch throws "Illegal invocation" when detached from window.
    fetch: (url, init) => host.fetch(url, init),
    openEvents: (url) => {
      // Without EventSource the views still work; they just do not refresh on changes made elsewhere.
      if (!EventSourceClass) return { addEventListener: () => {}, close: () => {} };
      const source = new EventSourceClass(url);
      return {
        addEventListener: (type, listener) =>
          source.addEventListener(type, (event) => listener({ data: String(event.data) })),
        close: () => source.close(),
      };
    },
  });
}
