// Source commands: import files, list sources, show one with its text, edit its metadata and tags.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import {
  getSource,
  importSources,
  listSources,
  updateSource,
  type ImportFile,
  type ImportResult,
  type Reliability,
  type SourceMetadataPatch,
  type SourceSummary,
} from '../../../db/sources.ts';
import { block, plural, shortId, table, truncate } from '../format.ts';
import { CLEAR, cleared, collect, reliability } from '../options.ts';
import {
  editUnlessUnchanged,
  emit,
  EXIT_USAGE,
  resolvePath,
  resolveSourceId,
  usageError,
  withCase,
  type Session,
} from '../session.ts';
import { leaf } from './common.ts';

interface JsonOption {
  json?: boolean;
}

interface SourceFilterOptions extends JsonOption {
  tag?: string;
  outlet?: string;
  from?: string;
  to?: string;
}

interface SourceEditOptions extends JsonOption {
  title?: string;
  outlet?: string;
  author?: string;
  url?: string;
  published?: string;
  language?: string;
  reliability?: Reliability | typeof CLEAR;
  note?: string;
  tag?: string[];
  untag?: string[];
}

/** Why a file could not even be read, in words, by its name only. */
function readFailure(fileName: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return `There is no file named "${fileName}" there.`;
  if (code === 'EISDIR') return `"${fileName}" is a folder; give the files in it.`;
  if (code === 'EACCES' || code === 'EPERM') return `"${fileName}" cannot be read: permission denied.`;
  return `"${fileName}" cannot be read (${code ?? 'read failed'}).`;
}

export function sourceBlock(source: SourceSummary): string {
  return block([
    ['Source', source.id],
    ['Title', source.title],
    ['Outlet', source.outlet],
    ['Author', source.author],
    ['Published', source.publishedAt],
    ['URL', source.url],
    ['Language', source.language],
    ['Reliability', source.reliability],
    ['Tags', source.tags],
    ['Note', source.note],
    ['File', `${source.fileName} (${source.format}, ${plural(source.length, 'character')})`],
    ['SHA-256', source.sha256],
    ['Claims', source.claimCount],
    ['Imported', `${source.createdAt} by ${source.createdBy}`],
  ]);
}

export function registerSourceCommands(program: Command, session: Session): void {
  leaf(program, 'import <case> <files...>', 'import .txt and .md files as sources')
    .addHelpText(
      'after',
      '\nThe text is normalized once and never changes; the same text imported again is the same source\n' +
        '(reported as a duplicate). A file that cannot be imported is reported and the others are still imported;\n' +
        'the exit code is then 2.',
    )
    .action((path: string, files: string[], options: JsonOption) =>
      withCase(session, path, (c) => {
        // Files that cannot be read are reported in their place among the results, in the order given.
        const slots: (ImportResult | ImportFile)[] = files.map((file) => {
          const fileName = basename(file);
          try {
            return { fileName, bytes: readFileSync(resolvePath(session, file)) };
          } catch (error) {
            return { fileName, ok: false, error: readFailure(fileName, error) };
          }
        });
        const readable = slots.filter((slot): slot is ImportFile => 'bytes' in slot);
        const imported = importSources(c, readable);
        let next = 0;
        const results = slots.map((slot) => ('bytes' in slot ? imported[next++]! : slot));
        const refused = results.filter((r) => !r.ok);
        if (refused.length > 0) session.exitCode = EXIT_USAGE;
        if (!options.json) for (const r of refused) session.io.stderr(`attest: ${r.ok ? '' : r.error}\n`);
        emit(session, options.json, results, () => {
          const ok = results.filter((r) => r.ok);
          const rows = ok.map((r) => [
            r.fileName,
            shortId(r.id),
            r.publishedAt,
            r.sha256.slice(0, 12),
            r.duplicate ? 'duplicate' : 'new',
            truncate(r.title, 60),
          ]);
          const duplicates = ok.filter((r) => r.duplicate).length;
          const summary = `Imported ${plural(ok.length - duplicates, 'new source')}${
            duplicates ? `, ${plural(duplicates, 'duplicate')} already in the case` : ''
          }${refused.length ? `; ${plural(refused.length, 'file')} refused` : ''}.`;
          return `${table(['FILE', 'ID', 'PUBLISHED', 'SHA-256', 'STATUS', 'TITLE'], rows, '')}\n${summary}`.trim();
        });
      }),
    );

  leaf(program, 'sources <case>', 'list the sources, newest first')
    .option('--tag <path>', 'only sources with this tag (or a tag below it)')
    .option('--outlet <outlet>', 'only sources from this outlet')
    .option('--from <day>', 'only sources published on or after this day (YYYY-MM-DD)')
    .option('--to <day>', 'only sources published on or before this day (YYYY-MM-DD)')
    .action((path: string, options: SourceFilterOptions) =>
      withCase(session, path, (c) => {
        const sources = listSources(c, {
          tag: options.tag,
          outlet: options.outlet,
          from: options.from,
          to: options.to,
        });
        emit(session, options.json, sources, () =>
          table(
            ['ID', 'PUBLISHED', 'OUTLET', 'CLAIMS', 'TITLE', 'TAGS'],
            sources.map((s) => [
              shortId(s.id),
              s.publishedAt,
              s.outlet,
              s.claimCount,
              truncate(s.title, 60),
              s.tags,
            ]),
            'No sources.',
          ),
        );
      }),
    );

  const source = program
    .command('source')
    .description('show a source (attest source CASE ID) or edit its metadata (attest source edit ...)');

  leaf(source, 'show <case> <id>', "show a source's metadata and its full text (the default)", true).action(
    (path: string, id: string, options: JsonOption) =>
      withCase(session, path, (c) => {
        const found = getSource(c, resolveSourceId(c, id));
        emit(session, options.json, found, () => `${sourceBlock(found)}\n\n${found.text}`);
      }),
  );

  leaf(source, 'edit <case> <id>', "change a source's metadata and tags (an empty value clears a field)")
    .option('--title <title>', 'the title')
    .option('--outlet <outlet>', 'the outlet that published it')
    .option('--author <author>', "the source's author (byline); the analyst's name is `attest --author NAME`")
    .option('--url <url>', 'where it was published (http:// or https://)')
    .option('--published <day>', 'the publication date, YYYY-MM-DD')
    .option('--language <tag>', 'its language, like en or fr')
    .option('--reliability <A-F>', 'source reliability, A (reliable) to F (cannot be judged)', reliability)
    .option('--note <note>', 'a note')
    .option('--tag <path>', 'add a tag (repeatable; created if new)', collect)
    .option('--untag <path>', 'remove a tag (repeatable)', collect)
    .action((path: string, id: string, options: SourceEditOptions) =>
      withCase(session, path, (c) => {
        const patch: SourceMetadataPatch & { tags?: string[]; untag?: string[] } = {
          title: options.title,
          outlet: options.outlet,
          author: options.author,
          url: options.url,
          publishedAt: options.published,
          language: options.language,
          reliability: cleared(options.reliability),
          note: options.note,
          tags: options.tag,
          untag: options.untag,
        };
        if (Object.values(patch).every((value) => value === undefined)) {
          throw usageError('Nothing to change: give at least one option (see attest source edit --help).');
        }
        // The text never changes: the edit reports the metadata only.
        const sourceId = resolveSourceId(c, id);
        const { value, changed } = editUnlessUnchanged(
          c,
          () => getSource(c, sourceId),
          () => updateSource(c, sourceId, patch),
        );
        const updated: SourceSummary & { text?: string } = value;
        delete updated.text;
        emit(session, options.json, updated, () =>
          changed
            ? `Updated source ${updated.id}.\n${sourceBlock(updated)}`
            : `Nothing changed: source ${updated.id} already reads so.`,
        );
      }),
    );
}
