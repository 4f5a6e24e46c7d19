// The `attest` command on claims: add by quote and by offsets, quote errors, edit/delete with undo/redo, links,
// reviews that go stale, and `claim show` with the claim's history.
import { describe, expect, it } from 'vitest';
import { attest, attestHere, attestJson, caseWithSamples, expectUsageError } from './run.ts';

interface Claim {
  id: string;
  sourceId: string;
  start: number;
  end: number;
  quote: string;
  prefix: string;
  suffix: string;
  statement: string;
  claimant: string | null;
  date: string | null;
  earliest: string | null;
  latest: string | null;
  place: string | null;
  actors: string[];
  credibility: number | null;
  tags: string[];
  status: string;
  createdBy: string;
}

describe('attest claim add', () => {
  it('anchors a claim by its quote or by offsets, and refuses quotes that are not exactly there', async () => {
    const { path, goma, herald } = caseWithSamples();
    const byQuote = attestJson<Claim>([
      'claim',
      'add',
      path,
      '--source',
      goma,
      '--quote',
      'At least 43 people were killed',
      '--statement',
      'At least 43 people were killed in the fighting in Goma',
      '--claimant',
      'health ministry',
      '--date',
      '2025-02-16/2025-02-21',
      '--actor',
      'Ruzizi Front',
      '--actor',
      'Velmoran army',
      '--credibility',
      '3',
      '--tag',
      'Figures/Deaths',
    ]);
    expect(byQuote).toMatchObject({
      sourceId: goma,
      quote: 'At least 43 people were killed',
      claimant: 'health ministry',
      earliest: '2025-02-16',
      latest: '2025-02-21',
      actors: ['Ruzizi Front', 'Velmoran army'],
      credibility: 3,
      tags: ['Figures/Deaths'],
      status: 'draft',
      createdBy: 'Test Analyst',
    });
    expect(byQuote.suffix).toMatch(/^ and 212 wounded/);

    // The quote appears twice: refused without --occurrence, anchored with it.
    expectUsageError(
      await attestHere([
        'claim',
        'add',
        path,
        '--source',
        goma,
        '--quote',
        'the health ministry said',
        '--statement',
        's',
      ]),
      /appears 2 times in the source; say which with an occurrence from 1 to 2/,
    );
    const second = attestJson<Claim>([
      'claim',
      'add',
      path,
      '--source',
      goma,
      '--quote',
      'the health ministry said',
      '--occurrence',
      '2',
      '--statement',
      'The ministry is the source of the toll',
    ]);
    expect(second.prefix).toMatch(/in the fighting, $/);
    expectUsageError(
      attest([
        'claim',
        'add',
        path,
        '--source',
        goma,
        '--quote',
        'the Health Ministry said',
        '--statement',
        's',
      ]),
      /is not in the source\. Words like it are there with different spacing or capitals/,
    );
    expectUsageError(
      attest([
        'claim',
        'add',
        path,
        '--source',
        goma,
        '--quote',
        '50 people were killed',
        '--statement',
        's',
      ]),
      /The quote "50 people were killed" is not in the source\.$/m,
    );

    // By offsets: the Red Cross figure in the other outlet's report.
    const heraldText = attestJson<{ text: string }>(['source', path, herald]).text;
    const start = heraldText.indexOf('27 people had been killed');
    const byOffsets = attestJson<Claim>([
      'claim',
      'add',
      path,
      '--source',
      herald.slice(0, 8),
      '--start',
      String(start),
      '--end',
      String(start + 25),
      '--statement',
      'The Red Cross counted 27 dead',
      '--claimant',
      'Velmoran Red Cross',
      '--date',
      '2025-02-23',
    ]);
    expect(byOffsets).toMatchObject({ quote: '27 people had been killed', start, end: start + 25 });

    // Bad numbers and contradictory anchors are usage errors, before anything is written.
    expectUsageError(
      attest(['claim', 'add', path, '--source', goma, '--start', 'abc', '--end', '5', '--statement', 's']),
      /'--start <n>' argument 'abc' is invalid\. The start must be a whole number/,
    );
    expectUsageError(
      await attestHere([
        'claim',
        'add',
        path,
        '--source',
        goma,
        '--start',
        '5',
        '--end',
        '99999',
        '--statement',
        's',
      ]),
      /offsets 5\.\.99999 are not a span of the source/,
    );
    expectUsageError(
      await attestHere([
        'claim',
        'add',
        path,
        '--source',
        goma,
        '--quote',
        'x',
        '--start',
        '1',
        '--end',
        '2',
        '--statement',
        's',
      ]),
      /either --quote or --start and --end, not both/,
    );
    expectUsageError(
      await attestHere(['claim', 'add', path, '--source', goma, '--statement', 's']),
      /Say which words/,
    );
    expectUsageError(
      await attestHere([
        'claim',
        'add',
        path,
        '--source',
        goma,
        '--quote',
        'Goma',
        '--occurrence',
        '0',
        '--statement',
        's',
      ]),
      /The occurrence must be a whole number 1 or more/,
    );
    expectUsageError(
      await attestHere(['claim', 'add', path, '--quote', 'Goma', '--statement', 's']),
      /required option '--source <id>' not specified/,
    );
    expectUsageError(
      await attestHere([
        'claim',
        'add',
        path,
        '--source',
        goma,
        '--quote',
        'Goma',
        '--occurrence',
        '1',
        '--statement',
        's',
        '--date',
        'last Sunday',
      ]),
      /"last Sunday" is not a valid EDTF date/,
    );

    const claims = attestJson<Claim[]>(['claims', path]);
    expect(claims).toHaveLength(3);
    expect(Object.keys(claims[0]!)).toEqual(
      expect.arrayContaining(['id', 'sourceId', 'start', 'end', 'quote', 'prefix', 'suffix', 'statement']),
    );
    expect(Object.keys(claims[0]!)).toEqual(
      expect.arrayContaining(['claimant', 'date', 'earliest', 'latest', 'place', 'tags', 'status']),
    );
    expect(attestJson<Claim[]>(['claims', path, '--source', herald]).map((c) => c.id)).toEqual([
      byOffsets.id,
    ]);
    expect(attestJson<Claim[]>(['claims', path, '--claimant', 'HEALTH MINISTRY']).map((c) => c.id)).toEqual([
      byQuote.id,
    ]);
    expect(attestJson<Claim[]>(['claims', path, '--from', '2025-02-22', '--to', '2025-02-28'])).toHaveLength(
      1,
    );

    const table = attest(['claims', path]);
    expect(table.stdout.split('\n')[0]).toMatch(/^ID\s+SOURCE\s+SPAN\s+DATE\s+STATUS\s+CLAIMANT/);
    expect(table.stdout).toContain(byQuote.id.slice(0, 8));
  });
});

describe('attest claim edit, delete, undo and redo', () => {
  it('edits and clears fields, deletes, and undoes and redoes each step', async () => {
    const { path, goma } = caseWithSamples();
    const claim = attestJson<Claim>([
      'claim',
      'add',
      path,
      '--source',
      goma,
      '--quote',
      'last Sunday',
      '--statement',
      'Ruzizi Front fighters entered northern Goma',
      '--place',
      'Goma',
      '--tag',
      'Places/Goma',
    ]);

    const edited = attestJson<Claim>([
      'claim',
      'edit',
      path,
      claim.id.slice(0, 8),
      '--date',
      '2025-02-16',
      '--status',
      'verified',
      '--claimant',
      'health ministry',
      '--credibility',
      '2',
      '--tag',
      'Actors/Ruzizi Front',
      '--untag',
      'Places/Goma',
    ]);
    expect(edited).toMatchObject({
      date: '2025-02-16',
      status: 'verified',
      claimant: 'health ministry',
      credibility: 2,
      tags: ['Actors/Ruzizi Front'],
    });

    // An empty string clears an optional field.
    const cleared = attestJson<Claim>([
      'claim',
      'edit',
      path,
      claim.id,
      '--place',
      '',
      '--credibility',
      '',
      '--date',
      '',
    ]);
    expect(cleared).toMatchObject({ place: null, credibility: null, date: null, earliest: null });
    expectUsageError(
      await attestHere(['claim', 'edit', path, claim.id, '--statement', '']),
      /needs a statement/,
    );
    expectUsageError(
      await attestHere(['claim', 'edit', path, claim.id, '--credibility', '7']),
      /from 1 to 6/,
    );
    expectUsageError(
      await attestHere(['claim', 'edit', path, claim.id, '--status', 'maybe']),
      /Allowed choices are draft, verified/,
    );
    expectUsageError(await attestHere(['claim', 'edit', path, claim.id]), /Nothing to change/);

    expect(attestJson(['undo', path])).toMatchObject({ undone: 'Edit claim' });
    expect(attestJson<{ claim: Claim }>(['claim', 'show', path, claim.id]).claim).toMatchObject({
      place: 'Goma',
      credibility: 2,
    });
    expect(attestJson(['redo', path])).toMatchObject({ redone: 'Edit claim' });
    expect(attestJson<{ claim: Claim }>(['claim', 'show', path, claim.id]).claim).toMatchObject({
      place: null,
    });

    expect(attestJson(['claim', 'delete', path, claim.id])).toEqual({ deleted: claim.id });
    expect(attestJson<Claim[]>(['claims', path])).toEqual([]);
    expectUsageError(await attestHere(['claim', 'show', path, claim.id]), /There is no claim with id/);

    const undone = attest(['undo', path]);
    expect(undone).toMatchObject({ code: 0, stdout: 'Undid "Delete claim".\n' });
    expect(attestJson<Claim[]>(['claims', path]).map((c) => c.id)).toEqual([claim.id]);
    expect(attest(['redo', path]).stdout).toBe('Redid "Delete claim".\n');
    expect(attestJson<Claim[]>(['claims', path])).toEqual([]);
    expect(attest(['redo', path]).stdout).toBe('Nothing to redo.\n');
  });

  it('says when there is nothing to undo', () => {
    const { path } = caseWithSamples();
    expect(attestJson(['undo', path])).toMatchObject({ undone: 'Import 2 sources' });
    expect(attest(['undo', path])).toMatchObject({ code: 0, stdout: 'Nothing to undo.\n' });
    expect(attestJson(['undo', path])).toEqual({ undone: null, undo: null, redo: 'Import 2 sources' });
  });
});

describe('attest link, review and claim show', () => {
  it('links claims across outlets, and a later edit makes a review stale', async () => {
    const { path, goma, herald } = caseWithSamples();
    const ministry = attestJson<Claim>([
      'claim',
      'add',
      path,
      '--source',
      goma,
      '--quote',
      'At least 43 people were killed',
      '--statement',
      'At least 43 killed',
      '--tag',
      'Figures/Deaths',
    ]);
    const redCross = attestJson<Claim>([
      'claim',
      'add',
      path,
      '--source',
      herald,
      '--quote',
      '27 people had been killed',
      '--statement',
      '27 killed',
    ]);

    const link = attestJson([
      'link',
      path,
      ministry.id,
      redCross.id.slice(0, 8),
      '--as',
      'contradicts',
      '--note',
      '43 or 27',
    ]);
    expect(link).toMatchObject({ relation: 'contradicts', note: '43 or 27', createdBy: 'Test Analyst' });
    // The same link again is the same link, and no empty "Edit link" step for undo.
    const again = await attestHere([
      'link',
      path,
      redCross.id,
      ministry.id,
      '--as',
      'contradicts',
      '--note',
      '43 or 27',
      '--json',
    ]);
    expect(JSON.parse(again.stdout)).toEqual(link);
    expect(JSON.parse((await attestHere(['info', path, '--json'])).stdout)).toMatchObject({
      undo: 'Link claims (contradicts)',
    });
    expectUsageError(
      await attestHere(['link', path, ministry.id, redCross.id, '--as', 'supports']),
      /Allowed choices are corroborates/,
    );
    expectUsageError(
      await attestHere(['link', path, ministry.id, ministry.id, '--as', 'repeats']),
      /cannot be linked to itself/,
    );
    expect(attestJson<unknown[]>(['links', path, '--claim', redCross.id])).toHaveLength(1);
    expect(attest(['links', path]).stdout).toMatch(
      // A symmetric link is stored in id order, so either claim may come first.
      /contradicts\s+[0-9a-f]{8}\s+(At least 43 killed\s+27 killed|27 killed\s+At least 43 killed)\s+43 or 27/,
    );

    const review = attestJson([
      'review',
      path,
      ministry.id,
      '--verdict',
      'citation-ok',
      '--comment',
      'words match',
    ]);
    expect(review).toMatchObject({ verdict: 'citation-ok', reviewer: 'Test Analyst', stale: false });
    expectUsageError(
      await attestHere(['review', path, ministry.id, '--verdict', 'fine']),
      /Allowed choices are citation-ok, quote-mismatch/,
    );
    expectUsageError(
      await attestHere(['review', path, ministry.id]),
      /required option '--verdict <verdict>'/,
    );

    interface Shown {
      claim: Claim;
      links: { relation: string }[];
      reviews: { verdict: string; stale: boolean }[];
      history: { entity: string; field: string; action: string; author: string }[];
    }
    const fresh = attestJson<Shown>(['claim', 'show', path, ministry.id]);
    expect(fresh.reviews).toEqual([expect.objectContaining({ verdict: 'citation-ok', stale: false })]);

    attestJson(['claim', 'edit', path, ministry.id, '--statement', 'At least 43 people killed in Goma']);
    const shown = attestJson<Shown>(['claim', 'show', path, ministry.id]);
    expect(shown.claim.statement).toBe('At least 43 people killed in Goma');
    expect(shown.links).toEqual([expect.objectContaining({ relation: 'contradicts' })]);
    expect(shown.reviews).toEqual([expect.objectContaining({ verdict: 'citation-ok', stale: true })]);
    // The history covers the claim and its tag membership (a record of its own).
    expect(shown.history.map((h) => [h.entity, h.field, h.action])).toEqual([
      ['claim', '*', 'Create claim'],
      ['claimTag', '*', 'Create claim'],
      ['claim', 'statement', 'Edit claim'],
    ]);
    expect(new Set(shown.history.map((h) => h.author))).toEqual(new Set(['Test Analyst']));

    const text = attest(['claim', 'show', path, ministry.id]).stdout;
    expect(text).toMatch(/^Quote\s+….*«At least 43 people were killed» and 212 wounded/m);
    expect(text).toMatch(/citation-ok\s+stale\s+words match/);
    expect(text).toMatch(/Create claim\s+tagged Figures\/Deaths/);
    expect(text).toMatch(/Edit claim\s+statement = At least 43 people killed in Goma/);
  });
});
