// Publication dates as sources write them, read into the two forms SourceMetadata.publishedAt allows.
//
// A fixed list of explicit formats, not a natural-language parser: a publication date in a header must be
// unambiguous, and "Friday" or "last week" are the suggest/ module's business (resolved against this date).

export interface DateMatch {
  /** 'YYYY-MM-DD', or 'YYYY-MM-DDTHH:MM:SSZ' when a time with a zone was given. */
  value: string;
  /** How many characters of the input the date took. */
  length: number;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};

const MONTH =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';

// ISO 8601 date with an optional time and zone; a space instead of 'T' is how YAML and many CMSs write it.
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:\s?(Z|UTC|GMT|[+-]\d{2}:?\d{2}))?)?/i;
const SLASHED = /^(\d{4})\/(\d{1,2})\/(\d{1,2})/;
const DAY_MONTH_YEAR = new RegExp(`^(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH}\\.?,?\\s+(\\d{4})`, 'i');
const MONTH_DAY_YEAR = new RegExp(`^${MONTH}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})`, 'i');

/** What may follow a date: the end, white space, or punctuation that separates it from what comes next. */
const BOUNDARY = /^(?:$|[\s,;|.)])/;

/** Reads a date at the very start of `text`; undefined unless it is a real calendar date followed by a boundary. */
export function matchDateAt(text: string): DateMatch | undefined {
  const match = matchFormats(text);
  if (match === undefined || !BOUNDARY.test(text.slice(match.length))) return undefined;
  return match;
}

/** Reads a whole string as a date (a front-matter value, say); undefined when any of it is not the date. */
export function parseDate(text: string): string | undefined {
  const trimmed = text.trim();
  const match = matchFormats(trimmed);
  return match !== undefined && match.length === trimmed.length ? match.value : undefined;
}

function matchFormats(text: string): DateMatch | undefined {
  const iso = ISO.exec(text);
  if (iso) {
    const [whole, year, month, day, hour, minute, second, zone] = iso;
    const date = calendarDate(Number(year), Number(month), Number(day));
    if (date === undefined) return undefined;
    // Without a zone the instant is unknown, but the day as printed is still the publication date.
    if (hour === undefined || minute === undefined || zone === undefined)
      return { value: date, length: whole.length };
    const instant = utcInstant(date, Number(hour), Number(minute), Number(second ?? '0'), zone);
    return instant === undefined ? undefined : { value: instant, length: whole.length };
  }
  const slashed = SLASHED.exec(text);
  if (slashed) return dated(slashed[0], slashed[1], slashed[2], slashed[3]);
  const dayFirst = DAY_MONTH_YEAR.exec(text);
  if (dayFirst) return dated(dayFirst[0], dayFirst[3], monthNumber(dayFirst[2]), dayFirst[1]);
  const monthFirst = MONTH_DAY_YEAR.exec(text);
  if (monthFirst) return dated(monthFirst[0], monthFirst[3], monthNumber(monthFirst[1]), monthFirst[2]);
  return undefined;
}

function dated(
  whole: string,
  year: string | undefined,
  month: string | number | undefined,
  day: string | undefined,
): DateMatch | undefined {
  const date = calendarDate(Number(year), Number(month), Number(day));
  return date === undefined ? undefined : { value: date, length: whole.length };
}

function monthNumber(name: string | undefined): number | undefined {
  return name === undefined ? undefined : MONTHS[name.toLowerCase()];
}

/** 'YYYY-MM-DD' for a day that exists (no 2025-02-30), else undefined. */
function calendarDate(year: number, month: number, day: number): string | undefined {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return undefined;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    return undefined;
  }
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function utcInstant(
  date: string,
  hour: number,
  minute: number,
  second: number,
  zone: string,
): string | undefined {
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetMinutes = 0;
  const offset = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (offset) {
    const [, sign, hours, minutes] = offset;
    if (Number(hours) > 23 || Number(minutes) > 59) return undefined;
    offsetMinutes = (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes));
  }
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const epoch = Date.UTC(year, month - 1, day, hour, minute, second) - offsetMinutes * 60_000;
  return new Date(epoch).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
