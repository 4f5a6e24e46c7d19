// Claimants of conflict-news sentences from reporting cues, never the outlet that printed them.
import { describe, expect, it } from 'vitest';
import { readClaimant, readClaimants, normalizeClaimant } from '../../../db/suggest/claimant.ts';

const claimantOf = (sentence: string) => readClaimant(sentence).claimant;

describe('readClaimant', () => {
  it.each([
    ['Fighters entered Goma last Sunday, the health ministry said on Saturday.', 'health ministry'],
    ['According to UN experts, about 4,000 Rwandan soldiers support the rebels.', 'UN experts'],
    ['President Felix Tshisekedi told Reuters that the army would fight on.', 'President Felix Tshisekedi'],
    ['A spokesperson for the State Department said the talks would resume.', 'State Department spokesperson'],
    ['"We will not withdraw," said Corneille Nangaa, the leader of the AFC.', 'Corneille Nangaa'],
    ['In a statement, the army accused M23 of shelling the camps near Sake.', 'army'],
    ['Rwanda denied the accusation on Monday.', 'Rwanda'],
    ['M23 claimed control of the town of Minova.', 'M23'],
    ['The U.S. Treasury announced sanctions on Dec. 3 against two officials.', 'U.S. Treasury'],
    ['A spokesman for the Ruzizi Front, Ezra Malinde, said the group held the road.', 'Ezra Malinde'],
    ['The Kovari Guard, which UN experts say has armed the rebels, is not a party to it.', 'UN experts'],
    ['The UN refugee agency reported that 120,000 people had fled.', 'UN refugee agency'],
    ['Fighting closed the airport road on Friday.', null],
  ])('%s -> %s', (sentence, claimant) => {
    expect(claimantOf(sentence)).toBe(claimant);
  });

  it('names the speaker, not the outlet the speaker told', () => {
    expect(claimantOf('A local aid worker told Meridian Wire by telephone that the city was cut off.')).toBe(
      'local aid worker',
    );
    expect(claimantOf('Residents told Reuters the shelling had stopped.')).toBe('Residents');
  });

  it('does not take a verb inside a quotation as the attribution', () => {
    expect(claimantOf('"They said the road was open," the governor told reporters.')).toBe('governor');
  });
});

describe('readClaimants', () => {
  it('gives "she said" the claimant named just before, and a bare quotation its neighbour\'s attribution', () => {
    const claimants = readClaimants([
      'A local aid worker told Meridian Wire that the city was cut off.',
      'Water and power have been out since Monday, she said.',
      '"We have no fuel left."',
      'The provincial governor said the airport would reopen.',
    ]);
    expect(claimants).toEqual([
      'local aid worker',
      'local aid worker',
      'provincial governor',
      'provincial governor',
    ]);
  });

  it('leaves a pronoun without a claimant before it unresolved', () => {
    expect(readClaimants(['They said the town had fallen.'])).toEqual([null]);
  });
});

describe('normalizeClaimant', () => {
  it('drops articles and turns roles around', () => {
    expect(normalizeClaimant('the health ministry')).toBe('health ministry');
    expect(normalizeClaimant('a senior official at the United Nations')).toBe('United Nations official');
    expect(normalizeClaimant('Friday')).toBeNull();
  });
});
