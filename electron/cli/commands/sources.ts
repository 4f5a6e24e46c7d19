// Source commands: import files, list sources, show one with its text, edit its metadata and tags.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Command } from 'commander';
import {
  MAX_IMPORT_BYTES,
  type ImportResult,
  type MethodInput,
  type Reliability,
  type SourceSummary,
} from '../../contract/index.ts';
import { block, plural, shortId, table, truncate } from '../format.ts';
import { CLEAR, cleared, collect, day, reliability } from '../options.ts';
import {
  changed,
  emit,
  EXIT_USAGE,
  resolvePath,
  resolveSourceId,
  usageError,
  withCase,
  type Call,
  type Session,
} from '../session.ts';
import { leaf, type JsonOption } from './common.ts';
import { nearCopyLines, registerRepeatCommands } from './repeats.ts';

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

type ImportFile = MethodInput<'source.import'>['files'][number];

/** The most files `source.import` takes in one call; more are imported in several calls (several undo steps). */
const FILES_PER_CALL = 1000;

/** Why a file could not even be read, in words, by its name only. */
function readFailure(fileName: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return `There is no file named "${fileName}" there.`;
  if (code === 'EISDIR') return `"${fileName}" is a folder; give the files in it.`;
  if (code === 'EACCES' || code === 'EPERM') return `"${fileName}" cannot be read: permission denied.`;
  return `"${fileName}" cannot be read (${code ?? 'read failed'}).`;
}

/** Sizes rounded up, as the engine writes them, so a file just over the limit never reads as equal to it. */
function formatSize(bytes: number): string {
  const inUnit = (unit: number): string => String(Math.ceil((bytes / unit) * 10) / 10);
  if (bytes >= 1024 * 1024) return `${inUnit(1024 * 1024)} MiB`;
  if (bytes >= 1024) return `${inUnit(1024)} KiB`;
  return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
}

/**
 * A file as `source.import` takes it (base64; the handler decodes and the engine reads it), or the reason it
 * cannot be sent. A file over the contract's size limit is refused here, by itself, rather than making the
 * contract refuse the whole call.
 */
function readForImport(session: Session, file: string): ImportFile | ImportResult {
  const fileName = basename(file);
  const tooLarge = (size: number): ImportResult => ({
    fileName,
    ok: false,
    error: `"${fileName}" is ${formatSize(size)}, over the ${formatSize(MAX_IMPORT_BYTES)} limit for a source.`,
  });
  try {
    const full = resolvePath(session, file);
    const { size } = statSync(full);
    if (size > MAX_IMPORT_BYTES) return tooLarge(size);
    const bytes = readFileSync(full);
    if (bytes.length > MAX_IMPORT_BYTES) return tooLarge(bytes.length);
    return { fileName, dataBase64: bytes.toString('base64') };
  } catch (error) {
    return { fileName, ok: false, error: readFailure(fileName, error) };
  }
}

/**
 * The files to import for the paths given: a file as it is, a folder as every file in it and below it, sorted,
 * without hidden files and folders (".git", ".DS_Store"). An empty folder is refused with a reason.
 */
function expandFolders(session: Session, paths: readonly string[]): (string | ImportResult)[] {
  const expanded: (string | ImportResult)[] = [];
  const walk = (folder: string): string[] =>
    readdirSync(folder, { withFileTypes: true })
      .filter((entry) => !entry.name.startsWith('.'))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .flatMap((entry) => {
        const path = join(folder, entry.name);
        if (entry.isDirectory()) return walk(path);
        return entry.isFile() || entry.isSymbolicLink() ? [path] : [];
      });
  for (const path of paths) {
    let isFolder = false;
    try {
      isFolder = statSync(resolvePath(session, path)).isDirectory();
    } catch {
      // A path that cannot be read is reported by readForImport, with its reason.
    }
    if (!isFolder) {
      expanded.push(path);
      continue;
    }
    const name = basename(path);
    try {
      const files = walk(resolvePath(session, path));
      if (files.length === 0) {
        expanded.push({ fileName: name, ok: false, error: `The folder "${name}" has no files to import.` });
      }
      expanded.push(...files);
    } catch (error) {
      expanded.push({ fileName: name, ok: false, error: readFailure(name, error) });
    }
  }
  return expanded;
}

/** Imports the readable files; each result takes the place of its file, in the order given. */
async function importFiles(session: Session, call: Call, paths: string[]): Promise<ImportResult[]> {
  const files = expandFolders(session, paths);
  const results: ImportResult[] = [];
  // Read a batch at a time, so at most one batch of files is held in memory.
  for (let first = 0; first < files.length; first += FILES_PER_CALL) {
    const slots = files
      .slice(first, first + FILES_PER_CALL)
      .map((file) => (typeof file === 'string' ? readForImport(session, file) : file));
    const readable = slots.filter((slot): slot is ImportFile => 'dataBase64' in slot);
    const imported = readable.length ? await call('source.import', { files: readable }) : [];
    let next = 0;
    for (const slot of slots) results.push('dataBase64' in slot ? imported[next++]! : slot);
  }
  return results;
}

/** A source's metadata; a paged source (PDF) shown in full also gives its number of pages. */
export function sourceBlock(source: SourceSummary & { pages?: number[] | null }): string {
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
    ['Repeats', source.repeats],
    ['Note', source.note],
    ['File', `${source.fileName} (${source.format}, ${plural(source.length, 'character')})`],
    ['Pages', source.pages ? source.pages.length : undefined],
    ['SHA-256', source.sha256],
    ['Claims', source.claimCount],
    ['Imported', `${source.createdAt} by ${source.createdBy}`],
  ]);
}

export function registerSourceCommands(program: Command, session: Session): void {
  leaf(
    program,
    'import <case> <paths...>',
    'import files (text, Markdown, HTML, PDF, Word .docx, e-mail .eml) or folders of them as sources',
  )
    .addHelpText(
      'after',
      '\nA folder is imported with every file in it and below it, hidden files excepted. Each file is read by\n' +
        'its content, not its name. The text is normalized once and never changes; the same text imported\n' +
        'again is the same source (reported as a duplicate). A file that cannot be imported is reported and\n' +
        'the others are still imported; the exit code is then 2.',
    )
    .action((path: string, files: string[], options: JsonOption) =>
      withCase(session, path, async (call) => {
        const results = await importFiles(session, call, files);
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
          const nearCopies = nearCopyLines(results);
          return `${table(['FILE', 'ID', 'PUBLISHED', 'SHA-256', 'STATUS', 'TITLE'], rows, '')}\n${summary}${
            nearCopies ? `\n${nearCopies}` : ''
          }`.trim();
        });
      }),
    );

  leaf(program, 'sources <case>', 'list the sources, newest first')
    .option('--tag <path>', 'only sources with this tag (or a tag below it)')
    .option('--outlet <outlet>', 'only sources from this outlet')
    .option('--from <day>', 'only sources published on or after this day (YYYY-MM-DD)', day)
    .option('--to <day>', 'only sources published on or before this day (YYYY-MM-DD)', day)
    .action((path: string, options: SourceFilterOptions) =>
      withCase(session, path, async (call) => {
        const sources = await call('source.list', {
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
      withCase(session, path, async (call) => {
        const found = await call('source.get', { id: await resolveSourceId(call, id) });
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
      withCase(session, path, async (call) => {
        const patch = {
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
        const sourceId = await resolveSourceId(call, id);
        const before = await call('source.get', { id: sourceId });
        const updated: SourceSummary & { text?: string } = await call('source.update', {
          id: sourceId,
          ...patch,
        });
        const edited = changed(before, updated);
        delete updated.text;
        emit(session, options.json, updated, () =>
          edited
            ? `Updated source ${updated.id}.\n${sourceBlock(updated)}`
            : `Nothing changed: source ${updated.id} already reads so.`,
        );
      }),
    );

  registerRepeatCommands(program, source, session);
}
