// The import-annotations command: W3C Web Annotations from a JSON file become claims on the case's sources.
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { MAX_IMPORT_BYTES } from '../../contract/index.ts';
import { plural, shortId, table, truncate } from '../format.ts';
import { ContractError, emit, EXIT_USAGE, resolvePath, withCase, type Session } from '../session.ts';
import { leaf, type JsonOption } from './common.ts';

/** The file's bytes as base64, as `annotation.import` takes them; unreadable files are named, never pathed. */
function readAnnotationFile(session: Session, file: string): { fileName: string; dataBase64: string } {
  const fileName = basename(file);
  try {
    const full = resolvePath(session, file);
    if (statSync(full).size > MAX_IMPORT_BYTES) {
      throw new ContractError('too-large', `${fileName} is over the 50 MiB limit for an annotation file.`);
    }
    return { fileName, dataBase64: readFileSync(full).toString('base64') };
  } catch (error) {
    if (error instanceof ContractError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? `There is no file named "${fileName}" there.`
        : code === 'EISDIR'
          ? `"${fileName}" is a folder, not an annotation file.`
          : `"${fileName}" cannot be read (${code ?? 'read failed'}).`;
    throw new ContractError('io', reason);
  }
}

export function registerAnnotationCommands(program: Command, session: Session): void {
  leaf(
    program,
    'import-annotations <case> <file>',
    'import W3C Web Annotations as claims on sources in the case',
  )
    .addHelpText(
      'after',
      '\nEach annotation is placed by its quote (TextQuoteSelector) on a source found by its SHA-256, its URL\n' +
        'or its words, and becomes a claim with the statement and tags of its bodies. An annotation that cannot\n' +
        'be placed for certain is reported with the reason and the others are still imported; the exit code is\n' +
        'then 2. Annotations already in the case are reported as duplicates and do not change the exit code.',
    )
    .action((path: string, file: string, options: JsonOption) =>
      withCase(session, path, async (call) => {
        const result = await call('annotation.import', readAnnotationFile(session, file));
        const failed = result.refused.filter((r) => r.problem !== 'duplicate');
        if (failed.length > 0) session.exitCode = EXIT_USAGE;
        if (!options.json) {
          for (const r of result.refused)
            session.io.stderr(`attest: ${truncate(r.annotation, 60)}: ${r.message}\n`);
        }
        emit(session, options.json, result, () => {
          const rows = result.created.map((r) => [
            truncate(r.annotation, 48),
            shortId(r.claimId),
            shortId(r.sourceId),
            r.matchedBy,
          ]);
          const duplicates = result.refused.length - failed.length;
          const summary = `Imported ${plural(result.created.length, 'claim')} from ${plural(
            result.annotations,
            'annotation',
          )}${duplicates ? `; ${plural(duplicates, 'duplicate')} already in the case` : ''}${
            failed.length ? `; ${failed.length} refused` : ''
          }.`;
          return `${table(['ANNOTATION', 'CLAIM', 'SOURCE', 'FOUND BY'], rows, '')}\n${summary}`.trim();
        });
      }),
    );
}
