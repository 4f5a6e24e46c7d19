// Kinds of suggestions: allegations, figures, event reports, statements and context.
import { describe, expect, it } from 'vitest';
import { classifySentence } from '../../../db/suggest/kind.ts';

describe('classifySentence', () => {
  it.each([
    ['Kinshasa accused Rwanda of deploying troops across the border.', false, 'allegation'],
    ['The rebels allegedly executed prisoners in Kiwanja.', false, 'allegation'],
    ['Rwanda denied supporting the M23.', false, 'allegation'],
    ['About 4,000 Rwandan soldiers are in the province.', false, 'figure'],
    ['The United States pledged $2 million in aid.', false, 'figure'],
    ['At least 12 killed in the shelling of the market.', false, 'figure'],
    ['Prices rose by 40% in a week.', false, 'figure'],
    ['M23 fighters captured the town of Sake.', false, 'event'],
    ['The airport closed on Friday.', true, 'event'],
    ['The governor said the situation was under control.', false, 'statement'],
    ['Goma is the capital of North Kivu province.', false, 'context'],
  ] as const)('%s -> %s', (sentence, hasDate, kind) => {
    expect(classifySentence(sentence, hasDate)).toBe(kind);
  });
});
