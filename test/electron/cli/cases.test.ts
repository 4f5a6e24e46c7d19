// The `attest` command on cases and sources: new, import (duplicates, refusals), sources, source show/edit, info,
// and the exit codes and one-line messages for bad usage and for files that are not cases.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  attest,
  attestHere,
  attestJson,
  caseWithSamples,
  expectUsageError,
  GOMA_REPORT,
  HERALD_REPORT,
  samplesDir,
  tempDir,
} from './run.ts';

describe('attest new and import', () => {
  it('creates a case, imports both reports, and treats the same text again as a duplicate', async () => {
    const dir = tempDir();
    const path = join(dir, 'goma.attest');
    const created = attestJson(['new', path, '--title', 'Goma, February 2025']);
    expect(created).toMatchObject({ title: 'Goma, February 2025', schemaVersion: expect.any(Number) });
    expect(created.caseId).toMatch(/^[0-9a-f-]{36}$/);

    // A second `new` on the same file must not overwrite an analyst's case.
    expectUsageError(await attestHere(['new', path]), /goma\.attest already exists/);

    const imported = attestJson<Record<string, unknown>[]>(['import', path, GOMA_REPORT, HERALD_REPORT]);
    expect(imported).toHaveLength(2);
    expect(imported[0]).toMatchObject({
      fileName: 'goma-report.txt',
      ok: true,
      publishedAt: '2025-02-22',
      duplicate: false,
    });
    expect(imported[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(imported[1]).toMatchObject({ fileName: 'lakeside-herald-goma.txt', publishedAt: '2025-02-23' });
    expect(Object.keys(imported[0]!)).toEqual(
      expect.arrayContaining(['id', 'title', 'publishedAt', 'sha256', 'duplicate']),
    );

    // The same text under another name (with a byte order mark, which import removes) is the same source.
    const copy = join(dir, 'copy-of-report.txt');
    writeFileSync(copy, `\uFEFF${readFileSync(GOMA_REPORT, 'utf8')}`);
    const again = attestJson<Record<string, unknown>[]>(['import', path, copy]);
    expect(again[0]).toMatchObject({ ok: true, id: imported[0]!.id, duplicate: true });

    const text = attest(['import', path, GOMA_REPORT]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/goma-report\.txt\s+[0-9a-f]{8}\s+2025-02-22\s+[0-9a-f]{12}\s+duplicate/);

    const info = attestJson<{ counts: Record<string, number>; undo: string }>(['info', path]);
    expect(info.counts).toMatchObject({ sources: 2, claims: 0, tags: 0, links: 0 });
    expect(info.undo).toMatch(/Import/);
  });

  it('imports the readable files and reports each refused one, exiting 2', () => {
    const dir = tempDir();
    const path = join(dir, 'case.attest');
    attestJson(['new', path]);
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '');
    const missing = join(dir, 'missing.txt');

    const json = attest(['import', path, empty, GOMA_REPORT, missing, '--json']);
    expect(json.code).toBe(2);
    expect(json.stderr).toBe('');
    const results = JSON.parse(json.stdout) as Record<string, unknown>[];
    expect(results.map((r) => [r.fileName, r.ok])).toEqual([
      ['empty.txt', false],
      ['goma-report.txt', true],
      ['missing.txt', false],
    ]);
    expect(results[0]!.error).toMatch(/empty/);
    expect(results[2]!.error).toMatch(/no file named "missing\.txt"/);

    const text = attest(['import', path, HERALD_REPORT, missing]);
    expect(text.code).toBe(2);
    expect(text.stderr).toBe('attest: There is no file named "missing.txt" there.\n');
    expect(text.stdout).toMatch(/lakeside-herald-goma\.txt .* new /);
    expect(attestJson<unknown[]>(['sources', path])).toHaveLength(2);
  });

  it('refuses a case name without the .attest extension', async () => {
    expectUsageError(await attestHere(['new', join(tempDir(), 'notes.txt')]), /ends in \.attest/);
  });
});

describe('attest sources and source', () => {
  it('lists, filters, shows with the full text, and edits metadata and tags', async () => {
    const { path, goma, herald } = caseWithSamples();

    const all = attestJson<{ id: string; outlet: string }[]>(['sources', path]);
    expect(all.map((s) => s.id)).toEqual([herald, goma]); // newest first
    expect(attestJson<unknown[]>(['sources', path, '--outlet', 'meridian wire'])).toHaveLength(1);
    expect(attestJson<unknown[]>(['sources', path, '--from', '2025-02-23'])).toHaveLength(1);

    // `attest source CASE ID` is `source show`; a unique id prefix is enough.
    const shown = attestJson<{ text: string; outlet: string }>(['source', path, goma.slice(0, 8)]);
    expect(shown.outlet).toBe('Meridian Wire');
    expect(shown.text).toMatch(/^GOMA, Velmora \(Meridian Wire\) — Fighters/);
    const text = attest(['source', 'show', path, goma]);
    expect(text.stdout).toMatch(/^Source\s+[0-9a-f-]{36}\nTitle\s+Fighters/);
    expect(text.stdout).toContain('the health ministry said, adding that');

    const edited = attestJson([
      'source',
      'edit',
      path,
      herald,
      '--reliability',
      'b',
      '--author',
      'N. Orlo',
      '--url',
      'https://herald.example/goma',
      '--tag',
      'Outlets/Local',
      '--note',
      'counts bodies itself',
    ]);
    expect(edited).toMatchObject({ reliability: 'B', author: 'N. Orlo', tags: ['Outlets/Local'] });
    expect(edited).not.toHaveProperty('text');
    expect(attestJson<unknown[]>(['sources', path, '--tag', 'Outlets'])).toHaveLength(1);

    // An empty value clears the field; the same values again change nothing and leave nothing to undo.
    expect(attestJson(['source', 'edit', path, herald, '--note', '', '--reliability', ''])).toMatchObject({
      note: null,
      reliability: null,
    });
    const same = attest(['source', 'edit', path, herald, '--outlet', 'Lakeside Herald']);
    expect(same.stdout).toMatch(/^Nothing changed/);
    expect(attestJson(['undo', path])).toMatchObject({ undone: 'Edit source' });
    expect(attestJson(['source', path, herald])).toMatchObject({
      note: 'counts bodies itself',
      reliability: 'B',
    });

    expectUsageError(
      await attestHere(['source', 'edit', path, herald, '--reliability', 'Z']),
      /letter from A/,
    );
    expectUsageError(
      await attestHere(['source', 'edit', path, herald, '--published', '22/02/2025']),
      /YYYY-MM-DD/,
    );
    expectUsageError(await attestHere(['source', 'edit', path, herald]), /Nothing to change/);
    expectUsageError(
      await attestHere(['source', path, 'ffffffff']),
      /no source with an id starting ffffffff/,
    );
  });
});

describe('attest usage errors', () => {
  it('answers bad usage and bad files with exit 2 and one line', async () => {
    const dir = tempDir();
    const notes = join(dir, 'notes.attest');
    writeFileSync(notes, 'Notes from the field, not a case.\n');

    expectUsageError(attest(['info', notes]), /^attest: notes\.attest is not an Attest case file/);
    expectUsageError(attest(['info', join(dir, 'nowhere.attest')]), /no case file named nowhere\.attest/);
    expectUsageError(
      await attestHere(['sources', join(samplesDir, 'goma-report.txt')]),
      /not an Attest case file/,
    );
    expectUsageError(attest(['info', notes, '--verbose']), /unknown option '--verbose'/);
    expectUsageError(attest(['claims']), /missing required argument 'case'/);
    expectUsageError(await attestHere(['claim', 'delete', notes]), /missing required argument 'id'/);
    expectUsageError(attest(['tally', notes]), /unknown command 'tally'/);
    expectUsageError(await attestHere(['export', notes, '--format', 'xml']), /Allowed choices are json, csv/);
    expectUsageError(
      await attestHere(['export', notes]),
      /required option '--format <format>' not specified/,
    );
    expectUsageError(
      attest(['claims', notes, '--limit', 'ten']),
      /--limit .*'ten' is invalid\. The limit must be a whole number/,
    );
    // --author names the analyst before the command; after it, the mistake is explained.
    expectUsageError(
      await attestHere(['claims', notes, '--author', 'Bob']),
      /--author NAME .* goes before the command/,
    );
  });

  it('prints useful help and the version, exiting 0', () => {
    const help = attest(['--help']);
    expect(help.code).toBe(0);
    for (const command of [
      'new',
      'import',
      'claim',
      'claims',
      'tag',
      'link',
      'review',
      'search',
      'timeline',
      'verify',
      'export',
      'undo',
    ]) {
      expect(help.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    }
    expect(help.stdout).toMatch(/Exit codes: 0 success, 1 verify/);

    const claimAdd = attest(['claim', 'add', '--help']);
    expect(claimAdd.code).toBe(0);
    expect(claimAdd.stdout).toMatch(/--quote <text>/);
    expect(claimAdd.stdout).toMatch(/--occurrence <n>/);
    expect(claimAdd.stdout).toMatch(/--author <name>/); // the global option is shown too

    expect(attest(['--version'])).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/),
    });
  });
});
