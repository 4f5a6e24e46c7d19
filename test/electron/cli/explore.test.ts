// The `attest` commands that read a whole case: search, timeline windows and buckets, verify (and a tampered file),
// and export as JSON and CSV.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { attest, attestHere, attestJson, caseWithSamples, expectUsageError, tempDir } from './run.ts';

interface Scene {
  path: string;
  /** Claims by what they say. */
  entered: string;
  toll: string;
  redCross: string;
  undated: string;
}

/** Four claims from the two reports: three dated (one of them a range), one not. */
function scene(): Scene {
  const { path, goma, herald } = caseWithSamples();
  const add = (args: string[]) => attestJson<{ id: string }>(['claim', 'add', path, ...args]).id;
  return {
    path,
    entered: add([
      '--source',
      goma,
      '--quote',
      'pushed into the northern districts of Goma last Sunday',
      '--statement',
      'Ruzizi Front fighters entered northern Goma',
      '--date',
      '2025-02-16',
      '--tag',
      'Events/Advance',
    ]),
    toll: add([
      '--source',
      goma,
      '--quote',
      'At least 43 people were killed and 212 wounded',
      '--statement',
      'At least 43 killed and 212 wounded in the fighting',
      '--claimant',
      'health ministry',
      '--date',
      '2025-02-16/2025-02-21',
      '--status',
      'disputed',
    ]),
    redCross: add([
      '--source',
      herald,
      '--quote',
      '27 people had been killed',
      '--statement',
      'The Red Cross counted 27 dead',
      '--claimant',
      'Velmoran Red Cross',
      '--date',
      '2025-02-23',
    ]),
    undated: add([
      '--source',
      goma,
      '--quote',
      'According to UN experts',
      '--statement',
      'UN experts say the Ruzizi Front is supplied from across the border',
    ]),
  };
}

describe('attest search and timeline', () => {
  let s: Scene;
  beforeEach(() => {
    s = scene();
  });

  it('searches sources and claims, marks the matches, and applies claim filters', async () => {
    const hits = attestJson<{ kind: string; id: string; snippet: string; marks: [number, number][] }[]>([
      'search',
      s.path,
      'killed',
    ]);
    expect(hits.map((h) => h.kind).sort()).toEqual(['claim', 'claim', 'source', 'source']);
    const claimHits = hits.filter((h) => h.kind === 'claim').map((h) => h.id);
    expect(claimHits.sort()).toEqual([s.toll, s.redCross].sort());
    for (const hit of hits) {
      expect(hit.marks.map(([a, b]) => hit.snippet.slice(a, b).toLowerCase())).toContain('killed');
    }

    const text = attest(['search', s.path, 'health ministry']);
    expect(text.stdout.split('\n')[0]).toMatch(/^KIND\s+ID\s+TITLE\s+SNIPPET$/);
    expect(text.stdout).toMatch(/«health» «ministry»/);

    // A claim filter narrows the results to claims.
    expect(
      attestJson<{ id: string }[]>(['search', s.path, 'killed', '--status', 'disputed']).map((h) => h.id),
    ).toEqual([s.toll]);
    expect(
      attestJson<unknown[]>(['search', s.path, 'killed', '--from', '2025-02-22', '--to', '2025-02-28']),
    ).toHaveLength(1);
    expect(attestJson<unknown[]>(['search', s.path, 'Goma', '--limit', '1'])).toHaveLength(1);
    expect(attest(['search', s.path, 'ceasefire']).stdout).toBe('Nothing matches "ceasefire".\n');
    expectUsageError(
      await attestHere(['search', s.path, 'killed', '--limit', '0']),
      /The limit must be a whole number from 1 to 500/,
    );
  });

  it('lists the claims that meet a window, counts them per bucket, and reports the undated ones', async () => {
    interface Window {
      items: { id: string; earliest: string; latest: string; exact: boolean }[];
      truncated: boolean;
      undated: { count: number; ids: string[] };
    }
    const february = attestJson<Window>(['timeline', s.path, '--from', '2025-02-01', '--to', '2025-02-28']);
    // Earliest first (claims that begin the same day come in no particular order).
    expect(february.items.map((i) => i.earliest)).toEqual(['2025-02-16', '2025-02-16', '2025-02-23']);
    expect(february.items.map((i) => i.id).sort()).toEqual([s.entered, s.toll, s.redCross].sort());
    // A single certain day is exact; the toll's range is not.
    expect(Object.fromEntries(february.items.map((i) => [i.id, i.exact]))).toEqual({
      [s.entered]: true,
      [s.toll]: false,
      [s.redCross]: true,
    });
    expect(february.undated).toEqual({ count: 1, ids: [s.undated] });
    expect(february.truncated).toBe(false);

    // A range meets every window it overlaps: the toll (16–21 Feb) is in a window of 20–22 Feb.
    const late = attestJson<Window>(['timeline', s.path, '--from', '2025-02-20', '--to', '2025-02-22']);
    expect(late.items.map((i) => i.id)).toEqual([s.toll]);
    const tagged = attestJson<Window>([
      'timeline',
      s.path,
      '--from',
      '2025-02-01',
      '--to',
      '2025-02-28',
      '--tag',
      'Events',
    ]);
    expect(tagged.items.map((i) => i.id)).toEqual([s.entered]);
    expect(tagged.undated.count).toBe(0);

    const weeks = attestJson<{ buckets: { start: string; count: number }[]; undated: { count: number } }>([
      'timeline',
      s.path,
      '--from',
      '2025-02-01',
      '--to',
      '2025-02-28',
      '--bucket',
      'week',
    ]);
    // Weeks start on Monday: 16 Feb is a Sunday (week of the 10th), 23 Feb too (week of the 17th).
    expect(weeks.buckets).toEqual([
      { start: '2025-02-10', count: 2 },
      { start: '2025-02-17', count: 1 },
    ]);
    expect(weeks.undated.count).toBe(1);

    const months = attest([
      'timeline',
      s.path,
      '--from',
      '2025-01-01',
      '--to',
      '2025-12-31',
      '--bucket',
      'month',
    ]);
    expect(months.stdout).toBe(
      'MONTH       CLAIMS\n2025-02-01  3\n1 undated claim (no event date) not shown.\n',
    );

    const text = attest(['timeline', s.path, '--from', '2025-02-01', '--to', '2025-02-28']).stdout;
    expect(text).toMatch(
      /^2025-02-16\/2025-02-21\s+2025-02-16\s+2025-02-21\s+[0-9a-f]{8}\s+disputed\s+health ministry/m,
    );
    expect(attest(['timeline', s.path, '--from', '2024-01-01', '--to', '2024-12-31']).stdout).toMatch(
      /^No claims between 2024-01-01 and 2024-12-31\.\n1 undated claim/,
    );

    expectUsageError(
      await attestHere(['timeline', s.path, '--from', '2025-02-01']),
      /required option '--to <day>' not specified/,
    );
    expectUsageError(
      await attestHere(['timeline', s.path, '--from', '2025-02-28', '--to', '2025-02-01']),
      /starts \(2025-02-28\) after it ends/,
    );
    expectUsageError(
      await attestHere(['timeline', s.path, '--from', 'Feb 1', '--to', '2025-02-28']),
      /YYYY-MM-DD/,
    );
    expectUsageError(
      await attestHere([
        'timeline',
        s.path,
        '--from',
        '2025-02-01',
        '--to',
        '2025-02-28',
        '--bucket',
        'hour',
      ]),
      /Allowed choices are day, week, month, year/,
    );
  });
});

describe('attest verify and export', () => {
  it('verifies a sound case, finds a tampered quote (exit 1), and exports JSON and CSV', async () => {
    const s = scene();
    const ok = attestJson<{ ok: boolean; claims: number; sources: number; broken: unknown[] }>([
      'verify',
      s.path,
    ]);
    expect(ok).toEqual({ ok: true, claims: 4, sources: 2, broken: [] });
    expect(attest(['verify', s.path])).toMatchObject({
      code: 0,
      stdout: 'OK: checked 4 claims in 2 sources; every citation holds.\n',
    });

    // JSON export to stdout and to a file; CSV with a header row and one row per claim.
    const json = attest(['export', s.path, '--format', 'json']);
    expect(json.code).toBe(0);
    const exported = JSON.parse(json.stdout) as {
      format: string;
      claims: { id: string }[];
      sources: { text: string }[];
    };
    expect(exported.format).toBe('attest-case');
    expect(exported.claims).toHaveLength(4);
    expect(exported.sources[0]!.text).toBeTruthy();

    const out = join(tempDir(), 'claims.csv');
    const written = attestJson(['export', s.path, '--format', 'csv', '--out', out]);
    expect(written).toMatchObject({ format: 'csv', out, claims: 4 });
    const csv = readFileSync(out, 'utf8');
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toMatch(/^id,sourceId,sourceTitle,outlet,publishedAt,quote,statement,claimant/);
    expect(lines).toHaveLength(5);
    expect(csv).toContain('27 people had been killed');
    expect(attest(['export', s.path, '--format', 'csv']).stdout).toBe(csv);
    expectUsageError(
      await attestHere(['export', s.path, '--format', 'json', '--out', s.path]),
      /is the case file itself/,
    );
    expectUsageError(
      await attestHere([
        'export',
        s.path,
        '--format',
        'json',
        '--out',
        join(tempDir(), 'no', 'such', 'folder.json'),
      ]),
      /^attest: Could not write folder\.json \(ENOENT\)\.\n$/,
    );

    // Someone edits the file behind Attest's back: the quote no longer is the source's words.
    const db = new Database(s.path);
    db.prepare('UPDATE claims SET quote = :quote WHERE id = :id').run({
      quote: 'At least 34 people were killed',
      id: s.toll,
    });
    db.close();

    const broken = attest(['verify', s.path, '--json']);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toBe('');
    const report = JSON.parse(broken.stdout) as {
      ok: boolean;
      broken: { claimId: string; problem: string }[];
    };
    expect(report.ok).toBe(false);
    expect(report.broken).toEqual([expect.objectContaining({ claimId: s.toll, problem: 'quote-mismatch' })]);

    const text = attest(['verify', s.path]);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/^Checked 4 claims in 2 sources: 1 broken citation\./);
    expect(text.stdout).toMatch(
      new RegExp(`^${s.toll.slice(0, 8)}\\s+[0-9a-f]{8}\\s+quote-mismatch\\s+`, 'm'),
    );
    expect(text.stdout).toContain(
      'expected "At least 34 people were killed", found "At least 43 people were killed and 212 wounded"',
    );
  });
});
