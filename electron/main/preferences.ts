// The analyst's preferences (their name, written on every change) as preferences.json in the user's profile folder.
import { userInfo } from 'node:os';
import { toAuthor } from '../../db/caseFile.ts';
import { AttestError } from '../../db/errors.ts';
import { contract, type Preferences } from '../contract/index.ts';
import { readJsonFile, writeJsonFile } from './jsonFile.ts';

export const PREFERENCES_FILE = 'preferences.json';

/** The OS account name: the analyst's name until they set one. */
export function osUserName(): string {
  try {
    return userInfo().username;
  } catch {
    // A container without a passwd entry for the uid: userInfo() throws, so fall back to the environment.
    return process.env.USER ?? process.env.USERNAME ?? '';
  }
}

/** The name as the engine records it (trimmed, NFC), so what is saved is what `preferences.get` returns. */
export const normalizePreferences = (preferences: Preferences): Preferences => ({
  analystName: toAuthor(preferences.analystName).name,
});

/**
 * The saved preferences, checked with the same schema as `preferences.set`: a file edited by hand into something
 * invalid falls back to the default rather than writing a bad name into every change.
 */
export function loadPreferences(file: string, defaultName: string): Preferences {
  const parsed = contract['preferences.set'].input.safeParse(readJsonFile(file));
  if (parsed.success) return normalizePreferences(parsed.data);
  return { analystName: defaultName.trim() || 'Analyst' };
}

export function savePreferences(file: string, preferences: Preferences): void {
  try {
    writeJsonFile(file, normalizePreferences(preferences));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'write failed';
    throw new AttestError('io', `Your preferences could not be saved (${code}).`);
  }
}
