// Event dates of sentences as EDTF, resolved with chrono-node against the source's publication date and the
// date the text last mentioned, at the precision the words give (a weekday is a day, "this month" a month).
import * as chrono from 'chrono-node';
import { parseEventDate } from '../dates.ts';

export type DatePrecision = 'day' | 'week' | 'month' | 'year' | 'range';

export interface SuggestedDate {
  /** EDTF, valid for parseEventDate. */
  date: string;
  precision: DatePrecision;
  /** The words the date was read from, and where they are in the text given. */
  text: string;
  start: number;
  end: number;
}

const DAY_MS = 86_400_000;

/** A calendar day as UTC midnight in ms. */
type Day = number;

const dayOf = (year: number, month: number, day: number): Day => Date.UTC(year, month - 1, day);
const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (d: Day) => new Date(d).toISOString().slice(0, 10);
const ym = (d: Day) => new Date(d).toISOString().slice(0, 7);
const yearOf = (d: Day) => new Date(d).getUTCFullYear();
const monthOf = (d: Day) => new Date(d).getUTCMonth() + 1;
const weekdayOf = (d: Day) => new Date(d).getUTCDay();

/** 'YYYY-MM-DD' or an ISO date-time -> its day; null when absent or not a date. */
export function publicationDay(publishedAt: string | null | undefined): Day | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(publishedAt?.trim() ?? '');
  if (!match) return null;
  const day = dayOf(Number(match[1]), Number(match[2]), Number(match[3]));
  return ymd(day) === match[0] ? day : null;
}

/** Monday to Sunday around a day, as an EDTF interval. */
const weekAround = (d: Day): string => {
  const monday = d - ((weekdayOf(d) + 6) % 7) * DAY_MS;
  return `${ymd(monday)}/${ymd(monday + 6 * DAY_MS)}`;
};

/** A resolved date at a precision: the EDTF text for it. */
function format(d: Day, precision: 'day' | 'month' | 'year'): string {
  if (precision === 'day') return ymd(d);
  if (precision === 'month') return ym(d);
  return String(yearOf(d));
}

/** Where the running reference stands: a day with the precision the text gave it. */
export interface Reference {
  day: Day;
  precision: 'day' | 'month' | 'year';
}

interface Found {
  start: number;
  end: number;
  text: string;
  date: string;
  precision: DatePrecision;
  /** The day it points at, to become the next reference (null for weeks and ranges). */
  reference: Reference | null;
}

const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
};

// Expressions that count from the date the text last mentioned, not from publication ("a day earlier").
const ANAPHORIC = new RegExp(
  String.raw`\b(?:` +
    [
      // "a day earlier", "two weeks later", "three days before"
      String.raw`(a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(day|week|month|year)s?\s+` +
        '(earlier|later|before|afterwards|previously)',
      // "the next morning", "the previous day"
      String.raw`the\s+(next|following|previous|preceding)\s+(day|morning|afternoon|evening|night)`,
      String.raw`the\s+(day|night|evening)\s+before`,
      String.raw`the\s+same\s+day`,
    ].join('|') +
    String.raw`)\b`,
  'gi',
);

// Deictic expressions chrono reads at the wrong precision ("last week" as a day) or not at all ("in 2024").
const DEICTIC = new RegExp(
  String.raw`\b(?:` +
    [
      String.raw`(earlier|later)\s+this\s+(week|month|year)`,
      String.raw`(last|this|past)\s+(week|month|year)`,
      String.raw`(?:in|since|during|by|of|until|early|late|mid-?)\s+((?:19|20)\d{2})(?![\d-])`,
    ].join('|') +
    String.raw`)\b`,
  'gi',
);

function anaphoric(match: RegExpExecArray, reference: Reference | null): Found | null {
  if (!reference) return null;
  const [, count, unit, direction, nextPrev, , beforeUnit] = match;
  let days = 0;
  if (count !== undefined) {
    const n = NUMBER_WORDS[count.toLowerCase()] ?? Number(count);
    const sign = /earlier|before|previously/i.test(direction!) ? -1 : 1;
    const u = unit!.toLowerCase();
    if (u === 'day') days = sign * n;
    else if (u === 'week') days = sign * 7 * n;
    else if (u === 'month') {
      const d = new Date(reference.day);
      const shifted = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + sign * n, 1);
      return finish(match, shifted, reference.precision === 'year' ? 'year' : 'month');
    } else {
      const shifted = Date.UTC(yearOf(reference.day) + sign * n, 0, 1);
      return finish(match, shifted, 'year');
    }
  } else if (nextPrev !== undefined) {
    days = /next|following/i.test(nextPrev) ? 1 : -1;
  } else if (beforeUnit !== undefined) {
    days = -1;
  }
  // A count of days from a month is still that month (about): never a made-up day.
  return finish(match, reference.day + days * DAY_MS, reference.precision);
}

function finish(match: RegExpExecArray, day: Day, precision: 'day' | 'month' | 'year'): Found {
  return {
    start: match.index,
    end: match.index + match[0].length,
    text: match[0],
    date: format(day, precision),
    precision,
    reference: { day, precision },
  };
}

function deictic(match: RegExpExecArray, published: Day | null): Found | null {
  const [, earlierLater, earlierUnit, lastThis, unit, year] = match;
  const base = { start: match.index, end: match.index + match[0].length, text: match[0] };
  if (year !== undefined) {
    const d = dayOf(Number(year), 1, 1);
    return { ...base, date: year, precision: 'year', reference: { day: d, precision: 'year' } };
  }
  if (published === null) return null;
  if (earlierLater !== undefined) {
    const u = earlierUnit!.toLowerCase();
    if (u === 'week') {
      // Earlier this week: from its Monday to the day of publication.
      const monday = published - ((weekdayOf(published) + 6) % 7) * DAY_MS;
      if (monday === published) return { ...base, date: ymd(published), precision: 'day', reference: null };
      return { ...base, date: `${ymd(monday)}/${ymd(published)}`, precision: 'week', reference: null };
    }
    if (u === 'month') {
      return {
        ...base,
        date: ym(published),
        precision: 'month',
        reference: { day: published, precision: 'month' },
      };
    }
    // "Earlier this year": from January to about the month of publication.
    const y = yearOf(published);
    const m = monthOf(published);
    const date = m === 1 ? `${y}-01` : `${y}-01/${y}-${pad(m)}~`;
    return { ...base, date, precision: m === 1 ? 'month' : 'range', reference: null };
  }
  const last = /last|past/i.test(lastThis!);
  const u = unit!.toLowerCase();
  if (u === 'week') {
    const date = weekAround(last ? published - 7 * DAY_MS : published);
    return { ...base, date, precision: 'week', reference: null };
  }
  if (u === 'month') {
    const d = new Date(published);
    const day = last ? Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1) : published;
    return { ...base, date: ym(day), precision: 'month', reference: { day, precision: 'month' } };
  }
  const day = Date.UTC(yearOf(published) - (last ? 1 : 0), 0, 1);
  return { ...base, date: String(yearOf(day)), precision: 'year', reference: { day, precision: 'year' } };
}

const WEEKDAY_OR_MONTH =
  /^(?:on\s+)?(mon|tue|tues|wed|thu|thurs|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?$/i;

function fromChrono(result: chrono.ParsedResult, published: Day | null, sentence: string): Found | null {
  const text = result.text.replace(/[,\s]+$/, '');
  // "a protest march", "the sun rose": a lone lower-case month or weekday is an ordinary word.
  if (WEEKDAY_OR_MONTH.test(text) && !/\p{Lu}/u.test(text.replace(/^on\s+/i, '')[0] ?? '')) return null;
  const s = result.start;
  const base = { start: result.index, end: result.index + text.length, text };
  const certain = (k: 'year' | 'month' | 'day' | 'weekday') => s.isCertain(k);
  const casualDay = /\b(today|yesterday|tonight|last night|this (morning|afternoon|evening)|ago)\b/i.test(
    text,
  );
  if (certain('month') && certain('day')) {
    let d = dayOf(s.get('year')!, s.get('month')!, s.get('day')!);
    if (!certain('year') && !casualDay) {
      if (published === null) return null;
      // News reports the past: "2 February" in a January report is last year's.
      d = dayOf(yearOf(published), s.get('month')!, s.get('day')!);
      if (d > published) d = dayOf(yearOf(published) - 1, s.get('month')!, s.get('day')!);
    }
    return { ...base, date: ymd(d), precision: 'day', reference: { day: d, precision: 'day' } };
  }
  if (certain('weekday')) {
    if (published === null) return null;
    const wanted = s.get('weekday')!;
    const before = sentence.slice(Math.max(0, result.index - 6), result.index + text.length);
    const strictlyBefore = /\blast\s+\w+$/i.test(before) || /^last\b/i.test(text);
    const next = /^next\b/i.test(text);
    let back = (weekdayOf(published) - wanted + 7) % 7;
    if (strictlyBefore && back === 0) back = 7;
    const d = next
      ? published + (((wanted - weekdayOf(published) + 6) % 7) + 1) * DAY_MS
      : published - back * DAY_MS;
    return { ...base, date: ymd(d), precision: 'day', reference: { day: d, precision: 'day' } };
  }
  if (certain('month')) {
    let year = s.get('year')!;
    if (!certain('year')) {
      if (published === null) return null;
      year = yearOf(published) - (s.get('month')! > monthOf(published) ? 1 : 0);
    }
    const d = dayOf(year, s.get('month')!, 1);
    return { ...base, date: ym(d), precision: 'month', reference: { day: d, precision: 'month' } };
  }
  if (certain('year')) {
    const d = dayOf(s.get('year')!, 1, 1);
    return {
      ...base,
      date: String(s.get('year')),
      precision: 'year',
      reference: { day: d, precision: 'year' },
    };
  }
  return null;
}

const REPORTING_BEFORE =
  /\b(said|says|told\s+[\w.]+(?:\s+[\w.]+)?|announced|reported|stated|added|confirmed)\s*$/i;

/** Every date expression of a piece of text, in order, resolved against publication and a running reference. */
export function findDates(text: string, published: Day | null, reference: Reference | null): Found[] {
  const found: Found[] = [];
  const taken = (start: number, end: number) => found.some((f) => start < f.end && f.start < end);
  // The running reference moves as the text goes, so anaphoric expressions see the last date before them.
  for (const match of text.matchAll(DEICTIC)) {
    const f = deictic(match, published);
    if (f) found.push(f);
  }
  // Read first, so chrono does not count "two days later" from the publication date.
  const anaphors = [...text.matchAll(ANAPHORIC)].filter((m) => !taken(m.index, m.index + m[0].length));
  const reserved = (start: number, end: number) =>
    taken(start, end) || anaphors.some((m) => start < m.index + m[0].length && m.index < end);
  if (published !== null || /\b\d{4}\b/.test(text)) {
    const instant = new Date((published ?? Date.UTC(2000, 0, 1)) + DAY_MS / 2);
    for (const result of chrono.casual.parse(text, { instant, timezone: 0 }, { forwardDate: false })) {
      if (reserved(result.index, result.index + result.text.length)) continue;
      const f = fromChrono(result, published, text);
      if (f) found.push(f);
    }
  }
  found.sort((a, b) => a.start - b.start);
  // Anaphoric expressions resolve in text order against the last date before them.
  for (const match of anaphors) {
    const previous = found.filter((f) => f.end <= match.index && f.reference).at(-1)?.reference ?? reference;
    const f = anaphoric(match, previous);
    if (f) found.push(f);
  }
  found.sort((a, b) => a.start - b.start);
  return found.filter((f) => {
    try {
      parseEventDate(f.date);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * Reads the event dates of consecutive sentences of one text. A sentence's event date is its first date that
 * is not the date of the reporting ("..., the ministry said on Saturday"); the reference moves to the last date
 * each sentence mentions.
 */
export function createDateReader(publishedAt: string | null | undefined) {
  const published = publicationDay(publishedAt);
  let reference: Reference | null = published === null ? null : { day: published, precision: 'day' };
  return (sentence: string): SuggestedDate | null => {
    const found = findDates(sentence, published, reference);
    if (found.length === 0) return null;
    const last = found.filter((f) => f.reference).at(-1);
    if (last?.reference) reference = last.reference;
    const event = found.find(
      (f) => !REPORTING_BEFORE.test(sentence.slice(0, f.start).replace(/\bon\s*$/i, '')),
    );
    const chosen = event ?? found[0]!;
    return {
      date: chosen.date,
      precision: chosen.precision,
      text: chosen.text,
      start: chosen.start,
      end: chosen.end,
    };
  };
}

/** The first date of one expression, for the table-driven tests and the CLI. */
export function resolveDate(
  expression: string,
  publishedAt: string | null,
  referenceDay?: string,
): SuggestedDate | null {
  const published = publicationDay(publishedAt);
  const ref = publicationDay(referenceDay ?? publishedAt);
  const found = findDates(expression, published, ref === null ? null : { day: ref, precision: 'day' });
  const first = found[0];
  return first
    ? { date: first.date, precision: first.precision, text: first.text, start: first.start, end: first.end }
    : null;
}
