// Offsets in two units: the engine's UTF-16 code units (JavaScript strings) and Unicode code points, which W3C
// Web Annotation TextPositionSelector uses (https://www.w3.org/TR/annotation-model/#text-position-selector).

/**
 * Converts offsets of one text between the two units. Only characters outside the Basic Multilingual Plane
 * (emoji, many CJK extensions) take two code units, so the map keeps just their positions: a text without any
 * converts at no cost, and each conversion is a binary search.
 */
export interface OffsetMap {
  /** The code point offset of a UTF-16 offset at a character boundary (claims never split a pair). */
  toCodePoint(utf16: number): number;
  /** The UTF-16 offset of a code point offset, or null when it lies beyond the text. */
  toUtf16(codePoint: number): number | null;
  /** The text's length in code points. */
  readonly codePoints: number;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** How many of the sorted numbers are below `limit`. */
function countBelow(sorted: readonly number[], limit: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < limit) low = middle + 1;
    else high = middle;
  }
  return low;
}

export function offsetMap(text: string): OffsetMap {
  // UTF-16 offsets of the second unit of each surrogate pair, and the code point offsets of those characters.
  const lowUnits: number[] = [];
  const pairCodePoints: number[] = [];
  for (let i = 0; i < text.length - 1; i += 1) {
    if (isHighSurrogate(text.charCodeAt(i)) && isLowSurrogate(text.charCodeAt(i + 1))) {
      pairCodePoints.push(i - lowUnits.length);
      lowUnits.push(i + 1);
      i += 1;
    }
  }
  const codePoints = text.length - lowUnits.length;
  return {
    codePoints,
    toCodePoint: (utf16) => utf16 - countBelow(lowUnits, utf16),
    toUtf16: (codePoint) =>
      codePoint < 0 || codePoint > codePoints ? null : codePoint + countBelow(pairCodePoints, codePoint),
  };
}
