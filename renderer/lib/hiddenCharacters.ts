// Finds the invisible characters that can make a source read differently from what it says, so the reader can warn.

// Bidirectional embeddings, overrides and isolates (Unicode UAX #9) reorder what follows them on screen, the
// trick behind "Trojan Source" (CVE-2021-42574); the marks LRM and RLM are left alone, as ordinary Arabic and
// Hebrew text uses them. Zero-width characters hide inside words and break matches.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
// Joiners (U+200C, U+200D) are left alone too: emoji sequences and Persian script need them.
const ZERO_WIDTH = /[\u200B\u2060\uFEFF]/g;

export interface HiddenCharacters {
  bidiControls: number;
  zeroWidth: number;
}

export function countHiddenCharacters(text: string): HiddenCharacters {
  return {
    bidiControls: text.match(BIDI_CONTROLS)?.length ?? 0,
    zeroWidth: text.match(ZERO_WIDTH)?.length ?? 0,
  };
}
