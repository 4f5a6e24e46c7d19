// Entities of a text: the codebook's names first (every whole-word mention), acronyms joined, compromise second.
import { describe, expect, it } from 'vitest';
import { findEntities, type CodebookEntry } from '../../../db/suggest/entities.ts';

const GOMA: CodebookEntry = { tagId: 'tag-goma', path: 'Places/Goma', name: 'Goma', kind: 'place' };
const M23: CodebookEntry = { tagId: 'tag-m23', path: 'Actors/M23', name: 'M23', kind: 'actor' };

describe('findEntities', () => {
  it('finds every whole-word mention of a codebook name, as written, with its tag', () => {
    const text = 'Goma fell. Residents of Goma-Nord and GOMA fled; the Gomaland bank closed; goma is quiet.';
    const [goma] = findEntities(text, [GOMA]).filter((e) => e.name === 'Goma');
    expect(goma).toMatchObject({ kind: 'place', tagId: 'tag-goma', tagPath: 'Places/Goma' });
    // "Goma-Nord" holds Goma as a whole word; "GOMA", "Gomaland" and "goma" are not the proper name.
    expect(goma!.mentions.map((m) => text.slice(m.start, m.end))).toEqual(['Goma', 'Goma']);
    expect(goma!.mentions[1]!.start).toBe(text.indexOf('Goma-Nord'));
  });

  it('joins an acronym to its expansion, and maps later mentions of the acronym to it', () => {
    const text =
      'The army of the Democratic Republic of Congo (DRC) retreated. DRC officials said talks would resume.';
    const drc = findEntities(text).find((e) => e.name === 'Democratic Republic of Congo');
    expect(drc).toMatchObject({ kind: 'place', aliases: ['DRC'] });
    expect(drc!.mentions.map((m) => text.slice(m.start, m.end))).toEqual([
      'Democratic Republic of Congo',
      'DRC',
      'DRC',
    ]);
    expect(findEntities(text).some((e) => e.name === 'DRC')).toBe(false);
  });

  it('keeps the codebook entity when its acronym is expanded in the text', () => {
    const text = 'The March 23 Movement (M23) took Sake. M23 fighters then moved on.';
    const entities = findEntities(text, [M23]);
    const m23 = entities.find((e) => e.tagId === 'tag-m23')!;
    expect(m23.kind).toBe('actor');
    expect(m23.aliases).toEqual([]);
    expect(m23.mentions).toHaveLength(2);
  });

  it('names armed groups by their last word and people and places with compromise', () => {
    const text =
      'Fighters of the Ruzizi Front shelled the airport. President Felix Tshisekedi flew to Kinshasa.';
    const entities = findEntities(text);
    expect(entities.find((e) => e.name === 'Ruzizi Front')?.kind).toBe('armed-group');
    expect(
      entities.find((e) => e.name === 'Felix Tshisekedi' || e.name === 'President Felix Tshisekedi')?.kind,
    ).toBe('person');
    expect(entities.find((e) => e.name === 'Kinshasa')?.kind).toBe('place');
    for (const entity of entities) {
      for (const m of entity.mentions) expect(text.slice(m.start, m.end)).not.toMatch(/^\s|[\s.,]$/);
    }
  });
});
