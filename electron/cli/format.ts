// Plain-text rendering for people: aligned tables and label/value blocks, one record per line, no colors.

/** Shown where a field has no value, so columns stay aligned and "empty" is visible. */
export const NONE = '—';

/** Ids in tables: the first 8 characters, which `attest` accepts back as long as they are unique (like git). */
export const shortId = (id: string): string => id.slice(0, 8);

/** Source text and notes can hold line breaks; a table cell or a block line must not. */
export const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** At most `max` characters (code points, so no surrogate pair is cut), with an ellipsis when shortened. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

export const show = (value: unknown): string => {
  if (value === null || value === undefined || value === '') return NONE;
  if (Array.isArray(value)) return value.length ? value.join(', ') : NONE;
  return oneLine(String(value));
};

const width = (text: string): number => Array.from(text).length;

/**
 * Rows under upper-case headers, columns padded to their widest cell. The last column is not padded, so
 * lines carry no trailing spaces; an empty list prints `empty` instead of a header with nothing under it.
 */
export function table(headers: string[], rows: unknown[][], empty: string): string {
  if (rows.length === 0) return empty;
  const cells = [headers, ...rows.map((row) => row.map(show))];
  const widths = headers.map((_, column) => Math.max(...cells.map((row) => width(row[column] ?? ''))));
  return cells
    .map((row) =>
      row
        .map((cell, column) =>
          column === row.length - 1 ? cell : cell + ' '.repeat(widths[column]! - width(cell)),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** "Label   value" lines with the values aligned; rows whose value is undefined are left out. */
export function block(rows: [string, unknown][]): string {
  const shown = rows.filter(([, value]) => value !== undefined);
  const labelWidth = Math.max(...shown.map(([label]) => width(label)));
  return shown.map(([label, value]) => `${label.padEnd(labelWidth)}  ${show(value)}`).join('\n');
}

/** Matched words between « and », as search results show them. */
export function markMatches(snippet: string, marks: readonly [number, number][]): string {
  let marked = snippet;
  for (const [start, end] of [...marks].sort((a, b) => b[0] - a[0])) {
    marked = `${marked.slice(0, start)}«${marked.slice(start, end)}»${marked.slice(end)}`;
  }
  return oneLine(marked);
}

/** A quote in its context: "…words before «the quote» words after…". */
export const quoteInContext = (prefix: string, quote: string, suffix: string): string =>
  oneLine(`${prefix ? '…' : ''}${prefix}«${quote}»${suffix}${suffix ? '…' : ''}`);

export const plural = (count: number, one: string, many = `${one}s`): string =>
  `${count} ${count === 1 ? one : many}`;
