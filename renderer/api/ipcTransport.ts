// The desktop transport: the preload's `window.attest` bridge (one IPC channel pair, see electron/preload).
import type {
  EventName,
  Events,
  MethodInput,
  MethodName,
  MethodOutput,
  Result,
  Transport,
} from '../../electron/contract/index.ts';

/** What the preload exposes through contextBridge: exactly `{ call, on }`, untyped on the wire. */
export interface AttestBridge {
  call(method: string, input: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

export function isAttestBridge(value: unknown): value is AttestBridge {
  if (typeof value !== 'object' || value === null) return false;
  const bridge = value as Partial<Record<keyof AttestBridge, unknown>>;
  return typeof bridge.call === 'function' && typeof bridge.on === 'function';
}

/** A reply that is not an envelope (a broken bridge) becomes an error, so no caller reads garbage as data. */
function asResult<V>(reply: unknown): Result<V> {
  if (typeof reply === 'object' && reply !== null && 'ok' in reply) return reply as Result<V>;
  return { ok: false, error: { code: 'internal', message: 'The desktop shell sent an unreadable reply.' } };
}

export function createIpcTransport(bridge: AttestBridge): Transport {
  return {
    async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>> {
      try {
        return asResult<MethodOutput<M>>(await bridge.call(method, input));
      } catch {
        return {
          ok: false,
          error: {
            code: 'io',
            message: 'The desktop shell did not answer; restart Attest if this persists.',
          },
        };
      }
    },
    on<E extends EventName>(event: E, listener: (payload: Events[E]) => void) {
      return bridge.on(event, (payload) => listener(payload as Events[E]));
    },
  };
}
