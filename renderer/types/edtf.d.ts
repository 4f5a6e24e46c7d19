// Types for the part of the `edtf` package the renderer uses: parse(), which returns the date's structure as
// plain data (the package ships no types; db/types/edtf.d.ts declares the default export the engine uses).
declare module 'edtf' {
  /** A qualifier: true for the whole date, or (EDTF level 2) a bitmask of the qualified digits. */
  type EdtfQualifier = boolean | number;

  interface EdtfDateNode {
    type: 'Date' | 'Year';
    level: number;
    /** [year, month 0-11, day, hours, minutes, seconds]: as many as the date gives. */
    values: number[];
    approximate?: EdtfQualifier;
    uncertain?: EdtfQualifier;
    /** A bitmask of the X digits: bits 0-3 the year's, 4-5 the month's, 6-7 the day's. */
    unspecified?: number;
  }

  interface EdtfSeasonNode {
    type: 'Season';
    level: number;
    /** [year, season code 21-41]. */
    values: [number, number];
    approximate?: EdtfQualifier;
    uncertain?: EdtfQualifier;
  }

  interface EdtfIntervalNode {
    type: 'Interval';
    level: number;
    /** -Infinity or Infinity: an open end (".."); null: an unknown one (""). */
    values: [EdtfDateNode | EdtfSeasonNode | number | null, EdtfDateNode | EdtfSeasonNode | number | null];
  }

  interface EdtfSetNode {
    type: 'Set' | 'List';
    level: number;
    /** A pair is a consecutive range ("2025-01..2025-03"). */
    values: (EdtfDateNode | [EdtfDateNode, EdtfDateNode])[];
  }

  type EdtfNode = EdtfDateNode | EdtfSeasonNode | EdtfIntervalNode | EdtfSetNode;

  /** Throws when the text is not EDTF. */
  export function parse(text: string): EdtfNode;
}
