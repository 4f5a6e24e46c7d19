// `attest import` with files of every format and folders: one bad file is reported and the others go in.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeDocx, makeImageOnlyPdf, makePdf } from '../../db/ingest/builders.ts';
import { attest, attestHere, repoRoot, tempDir } from './run.ts';

const fixture = (name: string) => join(repoRoot, 'test/fixtures/ingest', name);

describe('attest import', () => {
  it('imports a folder recursively, skipping hidden files, and reports each refused file', async () => {
    const dir = tempDir();
    const folder = join(dir, 'reports');
    mkdirSync(join(folder, 'pdf'), { recursive: true });
    mkdirSync(join(folder, '.git'));
    writeFileSync(
      join(folder, 'pdf', 'sitrep.pdf'),
      await makePdf([['Rebels entered Port Calder.'], ['Page two.']]),
    );
    writeFileSync(join(folder, 'pdf', 'scan.pdf'), await makeImageOnlyPdf());
    writeFileSync(join(folder, 'notes.docx'), makeDocx(['Notes from the harbour.']));
    copyFileSync(fixture('article.html'), join(folder, 'article.html'));
    copyFileSync(fixture('curfew.eml'), join(folder, 'curfew.eml'));
    copyFileSync(fixture('garbage.txt'), join(folder, 'garbage.txt'));
    writeFileSync(join(folder, '.DS_Store'), 'hidden');
    writeFileSync(join(folder, '.git', 'HEAD'), 'ref: refs/heads/main');
    mkdirSync(join(dir, 'empty'));
    const path = join(dir, 'case.attest');
    expect(attest(['new', path]).code).toBe(0);

    const result = await attestHere(['import', path, folder, join(dir, 'empty'), '--json']);
    expect(result.code).toBe(2);
    const results = JSON.parse(result.stdout) as { fileName: string; ok: boolean; error?: string }[];
    expect(results.map((r) => [r.fileName, r.ok])).toEqual([
      ['article.html', true],
      ['curfew.eml', true],
      ['garbage.txt', false],
      ['notes.docx', true],
      ['scan.pdf', false],
      ['sitrep.pdf', true],
      ['empty', false],
    ]);
    expect(results.find((r) => r.fileName === 'scan.pdf')?.error).toContain('has no text layer');
    expect(results.at(-1)?.error).toBe('The folder "empty" has no files to import.');

    const sources = JSON.parse((await attestHere(['sources', path, '--json'])).stdout) as {
      format: string;
    }[];
    expect(sources.map((s) => s.format).sort()).toEqual(['docx', 'eml', 'html', 'pdf']);
    const pdf = JSON.parse((await attestHere(['sources', path, '--json'])).stdout).find(
      (s: { format: string }) => s.format === 'pdf',
    ) as { id: string };
    const shown = JSON.parse((await attestHere(['source', 'show', path, pdf.id, '--json'])).stdout) as {
      pages: number[];
    };
    expect(shown.pages).toEqual([0, 'Rebels entered Port Calder.'.length + 2]);
    const block = (await attestHere(['source', 'show', path, pdf.id])).stdout;
    expect(block).toMatch(/^Pages +2$/m);
    expect(block).toContain('Rebels entered Port Calder.\n\nPage two.');
  });

  it('prints refusals on stderr and a summary as text', async () => {
    const dir = tempDir();
    const path = join(dir, 'case.attest');
    expect(attest(['new', path]).code).toBe(0);
    const pdf = join(dir, 'report.txt');
    writeFileSync(pdf, await makePdf([['A PDF saved with the wrong name.']]));
    const result = await attestHere(['import', path, pdf, fixture('empty.txt')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('attest: "empty.txt" is empty (0 bytes), so there is nothing to import.\n');
    expect(result.stdout).toMatch(/report\.txt .* new .*A PDF saved with the wrong name/);
    expect(result.stdout).toMatch(/Imported 1 new source; 1 file refused\.\n$/);
  });
});
