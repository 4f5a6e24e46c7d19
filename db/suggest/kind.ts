// What sort of claim a sentence would make: an allegation, a figure, an event report, a statement, or context.

export type SuggestionKind = 'event' | 'statement' | 'allegation' | 'figure' | 'context';

const ALLEGATION =
  /\b(?:accus\w*|alleg\w*|claim(?:s|ed|ing)?|den(?:y|ies|ied)|blam\w*|charge that|a charge)\b/i;
const NUMBER = String.raw`(?:\$|US\$|€|£)?\d[\d,.]*(?:\s*(?:million|billion|thousand|hundred|m|bn|k))?`;
const UNITS =
  'soldiers|troops|fighters|people|civilians|children|women|men|refugees|residents|rebels|militants|' +
  'killed|dead|deaths|died|wounded|injured|displaced|missing|casualties|bodies|tonnes|tons|km|kilometres|' +
  'kilometers|miles|homes|houses|villages|families|households|hectares|percent|per cent|dollars|francs|euros|%';
const FIGURE = new RegExp(
  String.raw`(?:(?:\$|US\$|€|£)\s?\d[\d,.]*(?:\s*(?:million|billion|m|bn))?|\b${NUMBER}\s*(?:[\p{L}-]+\s+){0,2}(?:${UNITS})\b|\b\d[\d,.]*\s*%)`,
  'iu',
);
const EVENT = new RegExp(
  String.raw`\b(?:` +
    [
      String.raw`attack\w*|kill\w*|captur\w*|seiz\w*|shell\w*|bomb\w*|fought|fight\w*|clash\w*|fled|flee\w*`,
      String.raw`push\w* into|took control|taken|retak\w*|withdr\w*|advanc\w*|struck|strike\w*|shot|fired`,
      String.raw`launched|ambush\w*|occup\w*|entered|stormed|burn\w*|destroy\w*|displac\w*|arrest\w*|abduct\w*`,
      'agreed|signed|met|held|took effect|began|resumed|erupted',
    ].join('|') +
    String.raw`)\b`,
  'i',
);
const REPORTING = /\b(?:said|says|say|told|stated|announced|added|warned|according to|statement)\b|["“”]/i;

/** The kind of a sentence, by the first rule it meets: allegation, figure, event, statement, context. */
export function classifySentence(sentence: string, hasDate: boolean): SuggestionKind {
  if (ALLEGATION.test(sentence)) return 'allegation';
  if (FIGURE.test(sentence)) return 'figure';
  if (EVENT.test(sentence) || (hasDate && !REPORTING.test(sentence))) return 'event';
  if (REPORTING.test(sentence)) return 'statement';
  return 'context';
}
