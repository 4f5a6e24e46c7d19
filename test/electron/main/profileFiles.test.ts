// Files and arguments the shell reads: the recent-cases list, preferences, a case named on the command line,
// and how chosen import files are grouped into calls and reported.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { casePathFromArgv } from '../../../electron/main/commandLine.ts';
import {
  importReport,
  planImport,
  readImportBatch,
  sourceFileExtensions,
} from '../../../electron/main/importFiles.ts';
import { loadPreferences, savePreferences } from '../../../electron/main/preferences.ts';
import {
  forgetCase,
  liveRecentCases,
  loadRecentCases,
  MAX_RECENT_CASES,
  recentCaseLabels,
  rememberCase,
  saveRecentCases,
} from '../../../electron/main/recentCases.ts';
import { tempDir } from '../../helpers.ts';

describe('recent cases', () => {
  it('puts the latest first, without duplicates, at most ten', () => {
    let list: string[] = [];
    for (let i = 1; i <= 12; i += 1) list = rememberCase(list, `/cases/${i}.attest`);
    expect(list).toHaveLength(MAX_RECENT_CASES);
    expect(list[0]).toBe(resolve('/cases/12.attest'));
    expect(list.at(-1)).toBe(resolve('/cases/3.attest'));
    list = rememberCase(list, '/cases/7.attest');
    expect(list[0]).toBe(resolve('/cases/7.attest'));
    expect(list.filter((path) => path === resolve('/cases/7.attest'))).toHaveLength(1);
    expect(list).toHaveLength(MAX_RECENT_CASES);
    expect(forgetCase(list, '/cases/7.attest')).not.toContain(resolve('/cases/7.attest'));
  });

  it('drops entries whose file vanished, and junk in the file', () => {
    const dir = tempDir();
    const here = join(dir, 'here.attest');
    const gone = join(dir, 'gone.attest');
    writeFileSync(here, '');
    const file = join(dir, 'profile', 'recent-cases.json');
    saveRecentCases(file, [gone, here, here]);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual([gone, here, here]);
    expect(loadRecentCases(file)).toEqual([here]);
    expect(liveRecentCases({ paths: [here] })).toEqual([]);
    expect(liveRecentCases([42, '', null, here], () => true)).toEqual([here]);
    writeFileSync(file, '{ not json');
    expect(loadRecentCases(file)).toEqual([]);
    expect(loadRecentCases(join(dir, 'missing.json'))).toEqual([]);
  });

  it('labels entries by file name, by full path where names collide', () => {
    expect(recentCaseLabels(['/a/goma.attest', '/b/goma.attest', '/b/kivu.attest'])).toEqual([
      '/a/goma.attest',
      '/b/goma.attest',
      'kivu.attest',
    ]);
  });
});

describe('preferences', () => {
  it('default to the OS user name and are saved as JSON in the profile folder', () => {
    const file = join(tempDir(), 'profile', 'preferences.json');
    expect(loadPreferences(file, 'ana')).toEqual({ analystName: 'ana' });
    savePreferences(file, { analystName: '  Ana Analyst ' });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ analystName: 'Ana Analyst' });
    expect(loadPreferences(file, 'ana')).toEqual({ analystName: 'Ana Analyst' });
  });

  it('fall back to the default when the file is damaged or invalid', () => {
    const file = join(tempDir(), 'preferences.json');
    for (const content of ['{', '{"analystName": ""}', '{"analystName": 7}', '[]']) {
      writeFileSync(file, content);
      expect(loadPreferences(file, 'ana'), content).toEqual({ analystName: 'ana' });
    }
    expect(loadPreferences(file, '   ')).toEqual({ analystName: 'Analyst' });
  });

  it('report a failed save as an io error', () => {
    const dir = tempDir();
    const blocker = join(dir, 'file');
    writeFileSync(blocker, '');
    expect(() => savePreferences(join(blocker, 'preferences.json'), { analystName: 'Ana' })).toThrow(
      expect.objectContaining({ code: 'io' }),
    );
  });
});

describe('casePathFromArgv', () => {
  it('finds the .attest argument of a packaged or development launch, resolved against its folder', () => {
    expect(casePathFromArgv(['/opt/Attest/attest', 'goma.attest'], '/home/ana')).toBe(
      resolve('/home/ana/goma.attest'),
    );
    expect(casePathFromArgv(['electron', '.', '/cases/Goma.ATTEST'], '/x')).toBe('/cases/Goma.ATTEST');
    expect(
      casePathFromArgv(
        ['attest', '--allow-file-access-from-files', 'a.attest', '--original-process-start-time=1'],
        '/c',
      ),
    ).toBe(resolve('/c/a.attest'));
    expect(casePathFromArgv(['attest', '--flag=x.attest'], '/c')).toBeNull();
    expect(casePathFromArgv(['attest.attest'], '/c')).toBeNull();
    expect(casePathFromArgv(['attest', 'notes.txt'], '/c')).toBeNull();
  });
});

describe('import from the File menu', () => {
  it('groups files into calls within the limits and refuses what cannot be sent', async () => {
    const dir = tempDir();
    const small = [1, 2, 3].map((n) => join(dir, `s${n}.txt`));
    for (const path of small) writeFileSync(path, 'x'.repeat(10));
    const big = join(dir, 'big.txt');
    writeFileSync(big, 'x'.repeat(100));
    mkdirSync(join(dir, 'folder'));
    const plan = await planImport([...small, big, join(dir, 'missing.txt'), join(dir, 'folder')], {
      fileBytes: 50,
      callBytes: 25,
      callFiles: 1000,
    });
    expect(plan.batches).toEqual([[small[0], small[1]], [small[2]]]);
    expect(plan.refused.map((r) => r.fileName)).toEqual(['big.txt', 'missing.txt', 'folder']);
    expect(plan.refused[0]!.error).toMatch(/over the 1 MiB limit/);

    const byCount = await planImport(small, { fileBytes: 50, callBytes: 1000, callFiles: 2 });
    expect(byCount.batches.map((batch) => batch.length)).toEqual([2, 1]);

    const read = await readImportBatch([small[0]!, join(dir, 'vanished.txt')]);
    expect(read.files).toEqual([
      { fileName: 's1.txt', dataBase64: Buffer.from('x'.repeat(10)).toString('base64') },
    ]);
    expect(read.refused).toEqual([{ fileName: 'vanished.txt', error: '"vanished.txt" could not be read.' }]);
    expect(existsSync(small[0]!)).toBe(true);
  });

  it('reports only when something was refused', () => {
    const ok = { ok: true as const, id: '1', title: 't', publishedAt: null, sha256: 'h', repeats: [] };
    expect(importReport([{ ...ok, fileName: 'a.txt', duplicate: false }], [])).toBeNull();
    expect(
      importReport(
        [
          { ...ok, fileName: 'a.txt', duplicate: false },
          { ...ok, fileName: 'b.txt', duplicate: true },
          { fileName: 'c.bin', ok: false, error: '"c.bin" is not text.' },
        ],
        [{ fileName: 'd.txt', error: '"d.txt" is over the 50 MiB limit for a source.' }],
      ),
    ).toEqual({
      message: 'Some files were not imported (1 imported, 1 already in the case, 2 refused).',
      detail: '"d.txt" is over the 50 MiB limit for a source.\n"c.bin" is not text.',
    });
  });

  it('names the near-copies among the files that went in', () => {
    const ok = { ok: true as const, id: '1', title: 't', publishedAt: null, sha256: 'h', repeats: [] };
    const copy = { sourceId: 'w', title: 'Rebels enter Goma', outlet: 'Meridian Wire', similarity: 0.834 };
    expect(
      importReport(
        [
          { ...ok, fileName: 'reprint.txt', duplicate: false, repeats: [copy] },
          { ...ok, fileName: 'other.txt', duplicate: false },
        ],
        [],
      ),
    ).toEqual({
      message: 'Imported, with near-copies of sources already in the case (2 imported).',
      detail:
        '"reprint.txt" is a near-copy of “Rebels enter Goma” (83%).\nMark a near-copy as a repeat in the Library.',
    });
  });

  it('offers the extensions of the importers the engine has', () => {
    expect(sourceFileExtensions()).toEqual(
      expect.arrayContaining(['txt', 'md', 'html', 'htm', 'pdf', 'docx', 'eml']),
    );
  });
});
