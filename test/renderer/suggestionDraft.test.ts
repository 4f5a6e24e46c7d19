// An accepted suggestion as the claim form's fields: statement, claimant, date, place, actors, event type, tags.
import { describe, expect, it } from 'vitest';
import type { Suggestion } from '../../electron/contract/index.ts';
import { suggestionDraft } from '../../renderer/lib/suggestionDraft.ts';

const suggestion = (fields: Partial<Suggestion>): Suggestion => ({
  id: 'id',
  start: 0,
  end: 10,
  quote: 'M23 fighters\nentered Goma last Sunday, the governor said.',
  kind: 'event',
  date: '2025-02-16',
  datePrecision: 'day',
  dateText: 'last Sunday',
  claimant: 'governor',
  entities: [],
  claimed: false,
  ...fields,
});

describe('suggestionDraft', () => {
  it('fills the statement with the sentence on one line, and the claimant and date as read', () => {
    expect(suggestionDraft(suggestion({}))).toMatchObject({
      statement: 'M23 fighters entered Goma last Sunday, the governor said.',
      claimant: 'governor',
      date: '2025-02-16',
      eventType: '',
      status: 'draft',
    });
  });

  it('takes the first place as the place, the others as actors, and codebook entities as tags', () => {
    const draft = suggestionDraft(
      suggestion({
        kind: 'allegation',
        claimant: null,
        date: null,
        entities: [
          { name: 'M23', kind: 'actor', aliases: [], tagId: 't1', tagPath: 'Actors/M23' },
          { name: 'Goma', kind: 'place', aliases: [], tagId: 't2', tagPath: 'Places/Goma' },
          { name: 'Sake', kind: 'place', aliases: [], tagId: null, tagPath: null },
          { name: 'Corneille Nangaa', kind: 'person', aliases: [], tagId: null, tagPath: null },
        ],
      }),
    );
    expect(draft).toMatchObject({
      claimant: '',
      date: '',
      place: 'Goma',
      actors: 'M23, Corneille Nangaa',
      eventType: 'Allegation',
      tags: ['Actors/M23', 'Places/Goma'],
    });
  });
});
