// Commands on a case as a whole: new, info, verify, export, undo, redo.
import { realpathSync, writeFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { Command } from 'commander';
// `new` creates a file, which no contract method does (opening and creating files is the shell's job): it alone
// uses the engine directly.
import { CASE_EXTENSION, caseInfo, closeCase, createCase } from '../../../db/caseFile.ts';
import { block, plural, shortId, table, truncate } from '../format.ts';
import {
  authorName,
  ContractError,
  emit,
  EXIT_PROBLEMS,
  resolvePath,
  usageError,
  withCase,
  type Call,
  type Session,
} from '../session.ts';
import { choiceOption, leaf, needs, type JsonOption } from './common.ts';

export function registerCaseCommands(program: Command, session: Session): void {
  leaf(program, 'new <case>', 'create an empty case file')
    .option('--title <title>', 'the case title (default: the file name)')
    .action((path: string, options: JsonOption & { title?: string }) => {
      if (extname(path).toLowerCase() !== CASE_EXTENSION) {
        // The desktop app's file association and open dialog look for .attest files only.
        throw usageError(
          `A case file name ends in ${CASE_EXTENSION}, like ${basename(path, extname(path))}${CASE_EXTENSION}.`,
        );
      }
      if (options.title !== undefined && options.title.trim() === '')
        throw usageError('The case title cannot be empty.');
      const full = resolvePath(session, path);
      session.caseName = basename(full);
      const c = createCase(full, { author: authorName(session), title: options.title });
      try {
        const info = caseInfo(c);
        emit(session, options.json, info, () => `Created case "${info.title}" in ${path}.`);
      } finally {
        closeCase(c);
      }
    });

  leaf(program, 'info <case>', 'show the case title, id and counts, and what undo would undo').action(
    (path: string, options: JsonOption) =>
      withCase(session, path, async (call) => {
        const summary = await call('case.info', {});
        const counts = {
          sources: summary.counts.sources,
          claims: summary.counts.claims,
          undatedClaims: (await call('timeline.undated', {})).count,
          tags: summary.counts.tags,
          links: (await call('link.list', {})).length,
        };
        const state = await call('history.state', {});
        emit(session, options.json, { ...summary, counts, undo: state.undo, redo: state.redo }, () =>
          block([
            ['Title', summary.title],
            ['Case id', summary.caseId],
            ['Created', summary.createdAt],
            ['Schema', summary.schemaVersion],
            ['Sources', counts.sources],
            ['Claims', `${counts.claims} (${counts.undatedClaims} undated)`],
            ['Tags', counts.tags],
            ['Links', counts.links],
            ['Undo', state.undo],
            ['Redo', state.redo],
          ]),
        );
      }),
  );

  leaf(program, 'verify <case>', 'check that every claim still quotes its source exactly (exit 1 if not)')
    .addHelpText(
      'after',
      "\nEach claim's quote must be its source's words at its offsets, with the same context, and each\n" +
        "source's text must still match the SHA-256 taken at import.",
    )
    .action((path: string, options: JsonOption) =>
      withCase(session, path, async (call) => {
        const report = await call('verify.run', {});
        if (!report.ok) session.exitCode = EXIT_PROBLEMS;
        emit(session, options.json, report, () => {
          const checked = `${plural(report.claims, 'claim')} in ${plural(report.sources, 'source')}`;
          if (report.ok) return `OK: checked ${checked}; every citation holds.`;
          const rows = report.broken.map((b) => [
            shortId(b.claimId),
            shortId(b.sourceId),
            b.problem,
            b.message,
            b.expected === undefined
              ? undefined
              : `expected "${truncate(b.expected, 60)}", found "${truncate(b.found ?? '', 60)}"`,
          ]);
          return `Checked ${checked}: ${plural(report.broken.length, 'broken citation')}.\n${table(
            ['CLAIM', 'SOURCE', 'PROBLEM', 'MESSAGE', 'DETAIL'],
            rows,
            '',
          )}`;
        });
      }),
    );

  leaf(
    program,
    'export <case>',
    'export the case as JSON, claims as CSV or Web Annotations, or a citation report',
  )
    .addOption(
      choiceOption(
        '--format <format>',
        '(required) json: every record and its history; csv: one row per claim; annotations: W3C Web ' +
          'Annotations (JSON-LD); markdown, html: the citation report',
        EXPORT_FORMATS,
      ),
    )
    .addOption(
      choiceOption('--group <by>', 'how the report groups claims: by top-level tag (default) or month', [
        'tag',
        'date',
      ]),
    )
    .option('--out <file>', 'write to this file instead of standard output')
    .hook('preAction', needs('--format'))
    .action(
      (path: string, options: JsonOption & { format: ExportFormat; group?: 'tag' | 'date'; out?: string }) =>
        withCase(session, path, async (call) => {
          if (options.group !== undefined && options.format !== 'markdown' && options.format !== 'html') {
            throw usageError(
              '--group applies to the citation report: use it with --format markdown or html.',
            );
          }
          const text = await exportText(call, options.format, options.group);
          if (options.out === undefined) {
            // The export is the output: it is machine-readable already, so --json changes nothing here.
            session.io.stdout(text);
            return;
          }
          writeExport(session, resolvePath(session, path), options.out, text);
          const claims = (await call('case.info', {})).counts.claims;
          const bytes = Buffer.byteLength(text);
          emit(session, options.json, { format: options.format, out: options.out, claims, bytes }, () => {
            return `Wrote ${plural(claims, 'claim')} as ${FORMAT_NAMES[options.format]} to ${options.out} (${plural(bytes, 'byte')}).`;
          });
        }),
    );

  leaf(program, 'undo <case>', 'undo your last change to the case').action(
    (path: string, options: JsonOption) =>
      withCase(session, path, async (call) => {
        const result = await call('history.undo', {});
        emit(session, options.json, result, () =>
          result.undone === null ? 'Nothing to undo.' : `Undid "${result.undone}".`,
        );
      }),
  );

  leaf(program, 'redo <case>', 'redo the change you last undid').action((path: string, options: JsonOption) =>
    withCase(session, path, async (call) => {
      const result = await call('history.redo', {});
      emit(session, options.json, result, () =>
        result.redone === null ? 'Nothing to redo.' : `Redid "${result.redone}".`,
      );
    }),
  );
}

const EXPORT_FORMATS = ['json', 'csv', 'annotations', 'markdown', 'html'] as const;
type ExportFormat = (typeof EXPORT_FORMATS)[number];

const FORMAT_NAMES: Record<ExportFormat, string> = {
  json: 'JSON',
  csv: 'CSV',
  annotations: 'Web Annotations',
  markdown: 'a Markdown report',
  html: 'an HTML report',
};

/** The text of an export, from the contract method that makes it. */
async function exportText(
  call: Call,
  format: ExportFormat,
  group: 'tag' | 'date' | undefined,
): Promise<string> {
  switch (format) {
    case 'json':
      return `${JSON.stringify(await call('export.json', {}), null, 2)}\n`;
    case 'csv':
      return (await call('export.csv', {})).csv;
    case 'annotations':
      return `${JSON.stringify(await call('export.annotations', {}), null, 2)}\n`;
    case 'markdown':
    case 'html':
      return (await call('export.report', { format, groupBy: group ?? 'tag' })).text;
  }
}

/** Writes an export; refuses to overwrite the case itself, and reports a failure by file name only. */
function writeExport(session: Session, casePath: string, out: string, text: string): void {
  const target = resolvePath(session, out);
  let sameFile = false;
  try {
    sameFile = realpathSync(target) === realpathSync(casePath);
  } catch {
    // The target does not exist yet, so it cannot be the case file.
  }
  if (sameFile) throw usageError(`${basename(out)} is the case file itself; export to another file.`);
  try {
    writeFileSync(target, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'write failed';
    throw new ContractError('io', `Could not write ${basename(out)} (${code}).`);
  }
}
