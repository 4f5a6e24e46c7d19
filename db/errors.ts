// The engine's one error type: a closed code plus a message a person can act on (never a stack or a path).

export type ErrorCode =
  | 'bad-input' // arguments or file contents that cannot be used
  | 'not-found' // an id that names nothing in this case
  | 'conflict' // the request contradicts the case's current state
  | 'not-a-case' // a file that is not an Attest case file
  | 'corrupt' // a case file that fails SQLite's integrity check
  | 'newer-version' // a case file written by a newer Attest
  | 'untrusted-schema' // a case file whose schema differs from what Attest creates
  | 'io' // the file system refused
  | 'internal'; // a bug: the message says what was being done

export class AttestError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'AttestError';
    this.code = code;
  }
}

export const badInput = (message: string): AttestError => new AttestError('bad-input', message);
export const notFound = (message: string): AttestError => new AttestError('not-found', message);
