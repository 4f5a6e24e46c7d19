// `attest export --format annotations|markdown|html [--group]` and `attest import-annotations`: the claims of
// one case carried to another as Web Annotations, the citation report, and the refusals with their exit codes.
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
  tempDir,
} from './run.ts';

/** Runs a command in this process with --json (the setup steps: each real process costs a Node start). */
async function hereJson<T = Record<string, unknown>>(args: string[]): Promise<T> {
  const run = await attestHere([...args, '--json']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as T;
}

/** The CLI suites spawn Node once per command: on a loaded machine that takes longer than the default 30 s. */
const SLOW = 120_000;

describe('attest export to other formats, and import-annotations', () => {
  it(
    'carries claims to another case as Web Annotations, and writes the citation report',
    async () => {
      const a = caseWithSamples();
      await hereJson([
        'claim',
        'add',
        a.path,
        '--source',
        a.goma,
        '--quote',
        'At least 43 people were killed',
        '--statement',
        'At least 43 people were killed in Goma.',
        '--claimant',
        'health ministry',
        '--date',
        '2025-02-21',
        '--tag',
        'Casualties/Deaths',
      ]);
      const dir = tempDir();
      const annotations = join(dir, 'goma.jsonld');
      expect(attestJson(['export', a.path, '--format', 'annotations', '--out', annotations])).toMatchObject({
        format: 'annotations',
        claims: 1,
      });
      const collection = JSON.parse(readFileSync(annotations, 'utf8')) as { type: string; total: number };
      expect(collection).toMatchObject({ type: 'AnnotationCollection', total: 1 });

      const b = join(dir, 'other.attest');
      await hereJson(['new', b]);
      await hereJson(['import', b, GOMA_REPORT]);
      const imported = attestJson<{ created: { matchedBy: string }[]; refused: unknown[] }>([
        'import-annotations',
        b,
        annotations,
      ]);
      expect(imported.created).toEqual([expect.objectContaining({ matchedBy: 'sha256' })]);
      expect(imported.refused).toEqual([]);
      const claims = await hereJson<{ quote: string; claimant: string; tags: string[] }[]>(['claims', b]);
      expect(claims).toEqual([
        expect.objectContaining({
          quote: 'At least 43 people were killed',
          claimant: 'health ministry',
          tags: ['Casualties/Deaths'],
        }),
      ]);

      // Again: the claim is there already; reported, and not a failure.
      const again = attest(['import-annotations', b, annotations]);
      expect(again.code).toBe(0);
      expect(again.stdout).toMatch(/Imported 0 claims from 1 annotation; 1 duplicate already in the case\./);
      expect(again.stderr).toMatch(/^attest: urn:uuid:[0-9a-f-]+: The case has this claim already/);

      const markdown = attest(['export', a.path, '--format', 'markdown', '--group', 'date']);
      expect(markdown.code).toBe(0);
      expect(markdown.stdout).toMatch(/^# Citation report: Goma, February 2025\n/);
      expect(markdown.stdout).toContain('## February 2025');
      expect(markdown.stdout).toContain('> “At least 43 people were killed”[^1]');
      const html = join(dir, 'report.html');
      const written = await hereJson(['export', a.path, '--format', 'html', '--out', html]);
      expect(written).toMatchObject({ format: 'html', claims: 1 });
      expect(readFileSync(html, 'utf8')).toMatch(
        /^<!doctype html>\n[\s\S]*<h2 id="group-1">Casualties<\/h2>/,
      );
      expect(attest(['export', a.path, '--format', 'html', '--out', html]).stdout).toMatch(
        /^Wrote 1 claim as an HTML report to .*report\.html \(\d+ bytes\)\.\n$/,
      );
    },
    SLOW,
  );

  it(
    'refuses what cannot be imported or exported, with one line and exit code 2',
    async () => {
      const { path } = caseWithSamples();
      const dir = tempDir();
      const notJson = join(dir, 'notes.json');
      writeFileSync(notJson, 'not json at all');
      expectUsageError(
        await attestHere(['import-annotations', path, notJson]),
        /^attest: notes\.json is not JSON, so it cannot hold Web Annotations\.\n$/,
      );
      expectUsageError(
        await attestHere(['import-annotations', path, join(dir, 'missing.json')]),
        /There is no file named "missing\.json" there\./,
      );
      expectUsageError(
        await attestHere(['export', path, '--format', 'csv', '--group', 'date']),
        /--group applies to the citation report/,
      );
      expectUsageError(
        await attestHere(['export', path, '--format', 'pdf']),
        /Allowed choices are json, csv/,
      );

      // An annotation on words no source holds: reported on stderr, exit 2, and the case is unchanged.
      const stray = join(dir, 'stray.json');
      writeFileSync(
        stray,
        JSON.stringify({
          '@context': 'http://www.w3.org/ns/anno.jsonld',
          id: 'https://example.org/anno/1',
          type: 'Annotation',
          body: { type: 'TextualBody', purpose: 'describing', value: 'Somewhere else.' },
          target: {
            source: 'https://example.org/x',
            selector: { type: 'TextQuoteSelector', exact: 'Kinshasa' },
          },
        }),
      );
      const run = await attestHere(['import-annotations', path, stray]);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(
        'attest: https://example.org/anno/1: No source in the case is the target, and none holds its quote.\n',
      );
      expect(run.stdout).toBe('Imported 0 claims from 1 annotation; 1 refused.\n');
      expect(await hereJson<unknown[]>(['claims', path])).toEqual([]);
    },
    SLOW,
  );
});
