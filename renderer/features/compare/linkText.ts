// Pure helpers of the Compare view: the link relations as buttons and as words in the list of links.
import type { Claim, Link, LinkRelation } from '../../../electron/contract/index.ts';

export const RELATIONS: readonly { relation: LinkRelation; label: string; verb: string }[] = [
  { relation: 'corroborates', label: 'Corroborates', verb: 'corroborates' },
  { relation: 'contradicts', label: 'Contradicts', verb: 'contradicts' },
  { relation: 'same-event', label: 'Same event', verb: 'is the same event as' },
  { relation: 'repeats', label: 'Repeats', verb: 'repeats' },
];

const verbOf = (relation: LinkRelation) =>
  RELATIONS.find((each) => each.relation === relation)?.verb ?? relation;

const shorten = (text: string, max = 80) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * A link in words: "43 killed contradicts 90 killed". Symmetric relations read from the left claim to the right
 * one, whichever end the engine stored first; "repeats" keeps its direction (the copy repeats the original).
 */
export function describeLink(
  link: Link,
  claimsById: ReadonlyMap<string, Claim>,
  leftIds: ReadonlySet<string>,
): string {
  const swap = link.relation !== 'repeats' && !leftIds.has(link.fromClaimId) && leftIds.has(link.toClaimId);
  const [fromId, toId] = swap ? [link.toClaimId, link.fromClaimId] : [link.fromClaimId, link.toClaimId];
  const from = claimsById.get(fromId)?.statement ?? 'a claim';
  const to = claimsById.get(toId)?.statement ?? 'a claim';
  return `${shorten(from)} ${verbOf(link.relation)} ${shorten(to)}`;
}
