// A suggestion turned into the claim form's fields, for the analyst to edit before saving.
import type { Suggestion } from '../../electron/contract/index.ts';
import { emptyDraft, type ClaimDraft } from './claimForm.ts';

const EVENT_TYPE: Record<Suggestion['kind'], string> = {
  event: '',
  statement: 'Statement',
  allegation: 'Allegation',
  figure: 'Figure',
  context: '',
};

/**
 * The statement starts as the sentence itself; claimant and date as read; the first place named is the place;
 * people, groups and organizations are the actors; entities found through the codebook bring their tags.
 */
export function suggestionDraft(suggestion: Suggestion): ClaimDraft {
  const place = suggestion.entities.find((e) => e.kind === 'place');
  const actors = suggestion.entities.filter((e) => e.kind !== 'place').map((e) => e.name);
  const tags = suggestion.entities.flatMap((e) => (e.tagPath ? [e.tagPath] : []));
  return {
    ...emptyDraft(),
    statement: suggestion.quote.replace(/\s+/g, ' ').trim(),
    claimant: suggestion.claimant ?? '',
    date: suggestion.date ?? '',
    place: place?.name ?? '',
    actors: [...new Set(actors)].join(', '),
    eventType: EVENT_TYPE[suggestion.kind],
    tags: [...new Set(tags)],
  };
}

/** "figure" -> "Figure": kinds as the panel shows them. */
export const KIND_LABEL: Record<Suggestion['kind'], string> = {
  event: 'Event',
  statement: 'Statement',
  allegation: 'Allegation',
  figure: 'Figure',
  context: 'Context',
};
