// Test helpers for the importer suites: fixture bytes and the error an importer throws.
import { readFileSync } from 'node:fs';
import { AttestError } from '../../../db/errors.ts';

/** The bytes of test/fixtures/ingest/<name>, exactly as stored. */
export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../../fixtures/ingest/${name}`, import.meta.url)));
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** The AttestError `run` throws; fails the test when it throws something else or nothing. */
export function thrown(run: () => unknown): AttestError {
  try {
    run();
  } catch (error) {
    if (error instanceof AttestError) return error;
    throw error;
  }
  throw new Error('expected an AttestError, but nothing was thrown');
}

/** The AttestError a promise rejects with; fails the test when it rejects with something else or resolves. */
export async function rejection(promise: Promise<unknown>): Promise<AttestError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AttestError) return error;
    throw error;
  }
  throw new Error('expected an AttestError, but the promise resolved');
}
