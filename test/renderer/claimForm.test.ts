// The claim form's edit diff: what claim.update receives for what the analyst changed, and nothing more.
import { describe, expect, it } from 'vitest';
import type { Claim } from '../../electron/contract/index.ts';
import {
  claimInput,
  claimUpdate,
  draftFromClaim,
  emptyDraft,
  parseActors,
} from '../../renderer/lib/claimForm.ts';

const CLAIM: Claim = {
  id: 'c1',
  sourceId: 's1',
  start: 10,
  end: 40,
  quote: 'At least 43 people were killed',
  prefix: '',
  suffix: '',
  sourceSha256: 'ab',
  statement: 'At least 43 people died',
  claimant: 'the health ministry',
  date: '2025-02~',
  earliest: '2025-02-01',
  latest: '2025-02-28',
  place: 'Goma',
  actors: ['Ruzizi Front', 'the army'],
  eventType: 'Shelling',
  credibility: 2,
  status: 'draft',
  note: 'Ministry figures only',
  tags: ['Places/Goma', 'Topics/Casualties'],
  createdAt: '2025-02-23T10:00:00Z',
  createdBy: 'Analyst',
  updatedAt: '2025-02-23T10:00:00Z',
  updatedBy: 'Analyst',
};

describe('claimUpdate', () => {
  it('is null when the prefilled form is saved unchanged, even with stray spaces', () => {
    const draft = draftFromClaim(CLAIM);
    expect(claimUpdate(CLAIM, draft)).toBeNull();
    expect(
      claimUpdate(CLAIM, { ...draft, statement: ` ${draft.statement} `, actors: 'Ruzizi Front ,the army' }),
    ).toBeNull();
  });

  it('sends only the changed fields', () => {
    const draft = { ...draftFromClaim(CLAIM), statement: 'At least 45 people died', credibility: '3' };
    expect(claimUpdate(CLAIM, draft)).toEqual({
      id: 'c1',
      statement: 'At least 45 people died',
      credibility: 3,
    });
  });

  it('sends an emptied optional field as null', () => {
    const draft = {
      ...draftFromClaim(CLAIM),
      claimant: '  ',
      note: '',
      eventType: '',
      credibility: '',
      actors: '',
    };
    expect(claimUpdate(CLAIM, draft)).toEqual({
      id: 'c1',
      claimant: null,
      note: null,
      eventType: null,
      credibility: null,
      actors: [],
    });
  });

  it('sends added tags as tags and removed ones as untag', () => {
    const draft = { ...draftFromClaim(CLAIM), tags: ['Topics/Casualties', 'Actors/Ruzizi Front'] };
    expect(claimUpdate(CLAIM, draft)).toEqual({
      id: 'c1',
      tags: ['Actors/Ruzizi Front'],
      untag: ['Places/Goma'],
    });
  });

  it('sends a new actor list, status and place when they change', () => {
    const draft = {
      ...draftFromClaim(CLAIM),
      actors: 'the army, Ruzizi Front',
      status: 'verified' as const,
      place: 'Sake',
    };
    expect(claimUpdate(CLAIM, draft)).toEqual({
      id: 'c1',
      actors: ['the army', 'Ruzizi Front'],
      status: 'verified',
      place: 'Sake',
    });
  });

  it('fills a field that was empty', () => {
    const bare: Claim = { ...CLAIM, claimant: null, credibility: null, actors: [], tags: [] };
    const draft = {
      ...draftFromClaim(bare),
      claimant: 'UN experts',
      credibility: '6',
      tags: ['Places/Goma'],
    };
    expect(claimUpdate(bare, draft)).toEqual({
      id: 'c1',
      claimant: 'UN experts',
      credibility: 6,
      tags: ['Places/Goma'],
    });
  });
});

describe('claimInput with the new fields', () => {
  it('sends actors, event type, credibility, note and tags when given', () => {
    const input = claimInput(
      's1',
      { start: 1, end: 5 },
      {
        ...emptyDraft(),
        statement: 'Shelling hit the market',
        actors: 'Ruzizi Front, , Ruzizi Front',
        eventType: ' Shelling ',
        credibility: '1',
        note: 'Seen on video',
        tags: ['Places/Goma', 'Places/ Goma'],
      },
    );
    expect(input).toMatchObject({
      actors: ['Ruzizi Front'],
      eventType: 'Shelling',
      credibility: 1,
      note: 'Seen on video',
      tags: ['Places/Goma'],
    });
  });

  it('leaves out credibility and actors when not given', () => {
    const input = claimInput('s1', { start: 1, end: 5 }, { ...emptyDraft(), statement: 'x' });
    expect('credibility' in input).toBe(false);
    expect('actors' in input).toBe(false);
  });
});

describe('parseActors', () => {
  it('splits on commas, trims and drops empty names and repeats', () => {
    expect(parseActors(' the army,, Ruzizi Front , the army ')).toEqual(['the army', 'Ruzizi Front']);
  });
});
