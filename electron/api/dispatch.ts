// dispatch(handlers, method, input): the allowlist, input validation and the {ok, value} | {ok:false, error}
// envelope that every transport (IPC, loopback HTTP, the CLI) shares. No `electron` import here.
import { z } from 'zod';
import { AttestError } from '../../db/errors.ts';
import {
  contract,
  isMethodName,
  type ErrorCode,
  type MethodName,
  type MethodOutput,
  type Result,
} from '../contract/index.ts';

export type ParsedInput<M extends MethodName> = z.output<(typeof contract)[M]['input']>;

export type Handlers = {
  [M in MethodName]: (input: ParsedInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>>;
};

const fail = (code: ErrorCode, message: string): Result<never> => ({ ok: false, error: { code, message } });

/** A zod error as one sentence a person can act on: which field, what was expected. */
export function describeIssues(error: z.ZodError): string {
  const parts = error.issues.slice(0, 3).map((issue) => {
    const where = issue.path.length ? issue.path.join('.') : 'input';
    if (issue.code === 'unrecognized_keys')
      return `${where}: unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
    return `${where}: ${issue.message}`;
  });
  const more = error.issues.length > 3 ? ` (and ${error.issues.length - 3} more)` : '';
  return `Invalid input: ${parts.join('; ')}${more}.`;
}

export type InternalErrorLog = (method: string, error: unknown) => void;

const logToStderr: InternalErrorLog = (method, error) => {
  console.error(`attest: ${method} failed:`, error);
};

export async function dispatch(
  handlers: Handlers,
  method: unknown,
  input: unknown,
  logInternal: InternalErrorLog = logToStderr,
): Promise<Result<unknown>> {
  if (!isMethodName(method)) {
    const name = typeof method === 'string' ? method.slice(0, 60) : typeof method;
    return fail('unknown-method', `There is no method "${name}".`);
  }
  const parsed = contract[method].input.safeParse(input === undefined ? {} : input);
  if (!parsed.success) return fail('bad-input', describeIssues(parsed.error));
  try {
    const handler = handlers[method] as (input: unknown) => unknown;
    const value = await handler(parsed.data);
    return { ok: true, value: value === undefined ? null : value };
  } catch (error) {
    if (error instanceof AttestError) return fail(error.code, error.message);
    logInternal(method, error);
    return fail('internal', `Attest could not complete ${method}; the details were written to its log.`);
  }
}
