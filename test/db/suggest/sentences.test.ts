// Sentence splitting of news text: abbreviations, decimals, quotations, paragraphs, and exact offsets.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../../db/suggest/sentences.ts';

const quotes = (text: string) => splitSentences(text).map((s) => s.quote);

describe('splitSentences', () => {
  it('does not end a sentence at "U.S.", "Gen.", "Dec." or a decimal', () => {
    const text =
      'U.S. officials met Gen. Sultani Makenga on Dec. 3 in Kampala. Prices rose 3.5 percent. The talks failed.';
    expect(quotes(text)).toEqual([
      'U.S. officials met Gen. Sultani Makenga on Dec. 3 in Kampala.',
      'Prices rose 3.5 percent.',
      'The talks failed.',
    ]);
  });

  it('ends a sentence after a closing quotation mark, and not at a comma inside one', () => {
    const text = '"The city is cut off," a worker said. He added: "We will stay." Rebels denied it.';
    expect(quotes(text)).toEqual([
      '"The city is cut off," a worker said.',
      'He added: "We will stay."',
      'Rebels denied it.',
    ]);
    expect(quotes('“We will not withdraw.” The army said otherwise.')).toEqual([
      '“We will not withdraw.”',
      'The army said otherwise.',
    ]);
  });

  it('ends at paragraph breaks and headings, but joins hard-wrapped lines', () => {
    const text =
      'Rebels advance on Goma\n\nFighters entered the city\nlast Sunday, officials said.\nShops closed.';
    expect(quotes(text)).toEqual([
      'Rebels advance on Goma',
      'Fighters entered the city\nlast Sunday, officials said.',
      'Shops closed.',
    ]);
  });

  it('handles ! and ? and a lower-case word after a period (no split)', () => {
    expect(quotes('Is the airport open? No! It closed at 5 p.m. on Friday.')).toEqual([
      'Is the airport open?',
      'No!',
      'It closed at 5 p.m. on Friday.',
    ]);
  });

  it('gives offsets whose slice is the quote, with no white space at either end', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom('Goma', 'U.S.', 'said', '3.5', '"Yes."', 'Dec.', '.', '\n', '\n\n', ' ', 'A', '?'),
          {
            maxLength: 40,
          },
        ),
        (parts) => {
          const text = parts.join(' ');
          let previousEnd = 0;
          for (const s of splitSentences(text)) {
            expect(text.slice(s.start, s.end)).toBe(s.quote);
            expect(s.quote).toBe(s.quote.trim());
            expect(s.quote.length).toBeGreaterThan(0);
            expect(s.start).toBeGreaterThanOrEqual(previousEnd);
            previousEnd = s.end;
          }
        },
      ),
    );
  });
});
