// The renderer's typed API client: call(method, input) resolves with the method's result or throws an ApiError.
import type {
  ErrorCode,
  EventName,
  Events,
  MethodInput,
  MethodName,
  MethodOutput,
  Transport,
} from '../../electron/contract/index.ts';

/** A refused or failed call, with the engine's code and its message written for a person. */
export class ApiError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
  }
}

export interface ApiClient {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}

export function createClient(transport: Transport): ApiClient {
  return {
    async call(method, input) {
      const result = await transport.call(method, input);
      if (!result.ok) throw new ApiError(result.error.code, result.error.message);
      return result.value;
    },
    on: (event, listener) => transport.on(event, listener),
  };
}

/** A message for any error a store or component catches: ours as written, anything else without internals. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Something went wrong in the user interface. Try again; if it keeps happening, reload the window.';
}
