// Parsers for option values (numbers, repeated options, letters), so bad values fail while parsing with one clear line.
import { InvalidArgumentError } from 'commander';

/** A whole number from `min` to `max`; "abc", "1.5", "" and "1e3" are refused rather than coerced. */
export function wholeNumber(
  what: string,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): (value: string) => number {
  return (value) => {
    const text = value.trim();
    const number = /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isSafeInteger(number) || number < min || number > max) {
      const range = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `from ${min} to ${max}`;
      throw new InvalidArgumentError(`${what} must be a whole number ${range}.`);
    }
    return number;
  };
}

/**
 * An empty option value: "clear the field", as for every optional field of an edit. Parsers return it rather
 * than null because commander stores a parser's null as '' anyway; `cleared` turns it into the engine's null.
 */
export const CLEAR = '';

export const cleared = <T>(value: T | typeof CLEAR | undefined): T | null | undefined =>
  value === CLEAR ? null : value;

/** Like wholeNumber, but an empty value clears the field. */
export function clearableNumber(
  what: string,
  min: number,
  max: number,
): (value: string) => number | typeof CLEAR {
  const parse = wholeNumber(what, min, max);
  return (value) => (value.trim() === '' ? CLEAR : parse(value));
}

/** For options given again and again (--tag A --tag B): each value is added to the list. */
export const collect = (value: string, previous: string[] | undefined): string[] => [
  ...(previous ?? []),
  value,
];

/** Source reliability, a letter A–F in either case; empty clears it. */
export function reliability(value: string): string {
  const letter = value.trim().toUpperCase();
  if (letter === '') return CLEAR;
  if (!/^[A-F]$/.test(letter)) {
    throw new InvalidArgumentError('Reliability is a letter from A (reliable) to F (cannot be judged).');
  }
  return letter;
}

/**
 * A day for a date filter, written YYYY-MM-DD, as the contract requires. Checked while parsing so the message
 * names the option; whether the day exists (no 2025-02-30) is the engine's to say.
 */
export function day(value: string): string {
  const text = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    throw new InvalidArgumentError('A day is written YYYY-MM-DD, like 2025-01-27.');
  }
  return text;
}

/** A color written #rrggbb, as the contract requires; the message is the engine's own. */
export function color(value: string): string {
  const text = value.trim();
  if (!/^#[0-9a-fA-F]{6}$/.test(text)) {
    throw new InvalidArgumentError(`"${value}" is not a color; use #rrggbb, like #d04040.`);
  }
  return text;
}
