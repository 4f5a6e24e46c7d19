// Who asserts a sentence, read from reporting cues ("X said", "according to X", "X told Reuters"), as distinct
// from the outlet that printed it.

const VERBS =
  'said|says|say|told|tells|claimed|claims|claim|alleged|alleges|allege|denied|denies|deny|announced|announces|' +
  'reported|reports|stated|states|added|adds|warned|warns|accused|accuses|accuse|confirmed|confirms|insisted|' +
  'insists|argued|argues|declared|declares|asserted|asserts|maintained|maintains|acknowledged|admitted|' +
  'estimated|estimates|blamed|blames|wrote|posted|tweeted';

// "X said", "X has said", "X told Reuters": the subject is the words before the verb in its clause.
const SUBJECT_VERB = new RegExp(`\\b(?:has |have |had |also |later |previously )?(?:${VERBS})\\b`, 'g');
const INVERTED =
  /(?:["”’,]\s*)(?:said|says|added|told\s+\w+)\s+((?:the\s+|a\s+|an\s+)?[\p{Lu}][^,.;:"“”]*?)\s*(?=[,.;:]|$)/u;
const ACCORDING =
  /\baccording to\s+((?:the\s+|a\s+|an\s+)?[^,.;:"“”]+?)(?=\s*(?:[,.;:"“”]|$|\s(?:on|in|at|who|which|that|since|after|before)\s))/i;
const PRONOUN = /^(he|she|they|it|we|i)$/i;
const WEEKDAYS_MONTHS =
  /^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Today|Yesterday|Last|This|On|In)\b/;
// Words that open a subordinate clause: the subject starts after the last of them.
const CLAUSE_OPENERS =
  /^(.*\s)?(?:that|which|who|whom|and|but|as|while|when|where|because|although|after|before|so)\s/i;
const ROLE =
  /^(?:a|an|the)\s+(?:(?:senior|top|local|military|government|regional|provincial|foreign|deputy|chief)\s+)*(spokesperson|spokesman|spokeswoman|official|source|representative|commander|envoy|minister|diplomat|adviser|advisor)\s+(?:for|of|at|from|with|in)\s+(?:the\s+)?(.+)$/i;

export interface ClaimantReading {
  claimant: string | null;
  /** A pronoun subject ("she said"): the claimant is whoever the text named just before. */
  pronoun: boolean;
  /** The sentence holds quotation marks. */
  quoted: boolean;
}

/** Tidies a subject into a claimant: no leading article, roles turned around, no trailing time words. */
export function normalizeClaimant(raw: string): string | null {
  let text = raw
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[\s"“”'‘’(—–-]+|[\s"“”'‘’),—–-]+$/g, '');
  // "A spokesperson for the State Department" -> "State Department spokesperson".
  const role = ROLE.exec(text);
  if (role) text = `${role[2]!.replace(/,.*$/, '').trim()} ${role[1]!.toLowerCase()}`;
  // "A spokesman for the front, Ezra Malinde" -> "Ezra Malinde".
  const apposition = /,\s*((?:\p{Lu}[\p{L}.'’-]*\s+)+\p{Lu}[\p{L}.'’-]*)$/u.exec(text);
  if (apposition) text = apposition[1]!;
  text = text
    .replace(/^(?:in a statement|in an interview|on \w+|meanwhile|however|separately)\s*,?\s*/i, '')
    .replace(/^(?:the|a|an)\s+/i, '')
    .replace(/\s+(?:on|late on|early on|in a statement|in an interview)(?:\s+\w+)?$/i, '')
    .trim();
  if (text.length < 2 || text.split(' ').length > 10) return null;
  if (WEEKDAYS_MONTHS.test(text) && text.split(' ').length === 1) return null;
  if (!/\p{L}/u.test(text)) return null;
  return text;
}

/** The subject of a reporting verb at `at`: the words before it in the same clause. */
function subjectBefore(sentence: string, at: number): string | null {
  let clause = sentence.slice(0, at);
  // The clause starts after the last comma, semicolon, dash or closing quote.
  const cut = Math.max(
    ...[',', ';', '—', '–', ' - ', '"', '”', ':'].map((mark) => {
      const i = clause.lastIndexOf(mark);
      return i < 0 ? -1 : i + mark.length;
    }),
  );
  let subject = clause.slice(cut + 1 > 0 ? cut : 0).trim();
  // "A spokesman for the Ruzizi Front, Ezra Malinde, said": a name set off by commas is the subject.
  if (subject === '') {
    const apposition = /([^,;"“”]+),\s*((?:\p{Lu}[\p{L}.'’-]*\s+)+\p{Lu}[\p{L}.'’-]*),\s*$/u.exec(clause);
    if (apposition) return apposition[2]!;
    return null;
  }
  const opener = CLAUSE_OPENERS.exec(subject);
  if (opener) subject = subject.slice(opener[0].length);
  const words = subject.split(/\s+/);
  if (words.length > 9) return null;
  // A subject is a noun phrase: it does not end in a function word.
  if (/\b(?:the|a|an|of|to|and|or|has|have|had|it|is|was|were|be|been|not)$/i.test(subject)) return null;
  clause = subject;
  return clause;
}

/** The claimant a sentence names itself, before any reference to its neighbours is resolved. */
export function readClaimant(sentence: string): ClaimantReading {
  const quoted = /["“”]/.test(sentence);
  const according = ACCORDING.exec(sentence);
  if (according) {
    const claimant = normalizeClaimant(according[1]!);
    if (claimant) return { claimant, pronoun: false, quoted };
  }
  for (const match of sentence.matchAll(SUBJECT_VERB)) {
    // A verb inside a quotation is the speaker's words, not the attribution.
    const before = sentence.slice(0, match.index);
    if ((before.match(/["“”]/g)?.length ?? 0) % 2 === 1) continue;
    const subject = subjectBefore(sentence, match.index);
    if (subject === null) continue;
    if (PRONOUN.test(subject)) return { claimant: null, pronoun: true, quoted };
    const claimant = normalizeClaimant(subject);
    if (claimant) return { claimant, pronoun: false, quoted };
  }
  const inverted = INVERTED.exec(sentence);
  if (inverted && !WEEKDAYS_MONTHS.test(inverted[1]!)) {
    const claimant = normalizeClaimant(inverted[1]!);
    if (claimant) return { claimant, pronoun: false, quoted };
  }
  return { claimant: null, pronoun: false, quoted };
}

/**
 * The claimants of consecutive sentences: a pronoun ("she said") takes the claimant named just before; a
 * quotation without attribution takes the attribution of the next sentence, or else the previous one.
 */
export function readClaimants(sentences: readonly string[]): (string | null)[] {
  const readings = sentences.map(readClaimant);
  const claimants = readings.map((r) => r.claimant);
  for (let i = 0; i < readings.length; i += 1) {
    const reading = readings[i]!;
    if (reading.claimant !== null) continue;
    if (reading.pronoun) claimants[i] = i > 0 ? claimants[i - 1]! : null;
  }
  for (let i = 0; i < readings.length; i += 1) {
    if (claimants[i] !== null || !readings[i]!.quoted) continue;
    claimants[i] = claimants[i + 1] ?? claimants[i - 1] ?? null;
  }
  return claimants;
}
