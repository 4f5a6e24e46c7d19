// Sources: import (text normalized once, immutable, SHA-256, original bytes kept), metadata, listing, deletion.
import { hash } from 'node:crypto';
import { basename } from 'node:path';
import type { CaseFile } from './caseFile.ts';
import { prepare, transaction } from './caseFile.ts';
import { parseDay } from './dates.ts';
import { AttestError, badInput, notFound } from './errors.ts';
import { beginAction, insertEntity, readEntity, updateEntity } from './history.ts';
import { sourceIdFor } from './ids.ts';
import { ingestFile, ingestFileSync } from './ingest/index.ts';
import { importNearCopies, type NearCopy } from './repeats.ts';
import type { IngestedSource } from './ingest/types.ts';
import { ensureTag, resolveTag, tagAndDescendants, tagPathsOf, tagSource } from './tags.ts';

export const RELIABILITIES = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export type Reliability = (typeof RELIABILITIES)[number];

export interface SourceMetadataPatch {
  title?: string;
  outlet?: string | null;
  author?: string | null;
  url?: string | null;
  publishedAt?: string | null;
  language?: string | null;
  reliability?: Reliability | null;
  note?: string | null;
}

export interface SourceSummary {
  id: string;
  title: string;
  outlet: string | null;
  author: string | null;
  url: string | null;
  publishedAt: string | null;
  language: string | null;
  reliability: Reliability | null;
  note: string | null;
  /** Ids of the sources this one repeats (the analyst's mark: near-copies of one story). */
  repeats: string[];
  sha256: string;
  fileName: string;
  format: string;
  length: number;
  claimCount: number;
  tags: string[];
  createdAt: string;
  createdBy: string;
  updatedAt: string;
}

export interface Source extends SourceSummary {
  text: string;
  /** Where each page starts in `text` (page 1 first), for paged formats (PDF); null for the others. */
  pages: number[] | null;
}

export interface ImportFile {
  fileName: string;
  bytes: Uint8Array;
}

export type ImportResult =
  | {
      fileName: string;
      ok: true;
      id: string;
      title: string;
      publishedAt: string | null;
      sha256: string;
      duplicate: boolean;
      /** Live sources whose text is a near-copy of this one (none for a duplicate). */
      repeats: NearCopy[];
    }
  | { fileName: string; ok: false; error: string };

// One-shot hash(): half the cost of a createHash() chain for a text of a few KiB.
const sha256Of = (data: string | Uint8Array): string => hash('sha256', data, 'hex');

/** A file read and normalized, ready to be written; or the reason it was refused. */
export interface PreparedFile {
  fileName: string;
  file: ImportFile;
  ingested?: IngestedSource;
  error?: string;
}

/** A refusal as the import reports it: an engine fault (AttestError 'internal') is a bug, not the file's fault. */
function refused(fileName: string, file: ImportFile, error: unknown): PreparedFile {
  if (error instanceof AttestError && error.code === 'internal') throw error;
  return {
    fileName,
    file,
    error: error instanceof AttestError ? error.message : `"${fileName}" could not be read.`,
  };
}

/** Reads one file of any format (pure: no case needed), so callers can report progress between files. */
export async function prepareFile(file: ImportFile): Promise<PreparedFile> {
  const fileName = basename(file.fileName);
  try {
    return { fileName, file, ingested: await ingestFile(fileName, file.bytes) };
  } catch (error) {
    return refused(fileName, file, error);
  }
}

/** prepareFile for the formats read synchronously (plain text and Markdown); see ingestFileSync. */
export function prepareFileSync(file: ImportFile): PreparedFile {
  const fileName = basename(file.fileName);
  try {
    return { fileName, file, ingested: ingestFileSync(fileName, file.bytes) };
  } catch (error) {
    return refused(fileName, file, error);
  }
}

/**
 * Imports files as sources in one action. A refused file is reported with its reason and does not stop the
 * others; the same text imported again is the same source (`duplicate: true`). Synchronous, for the formats
 * read synchronously (plain text and Markdown: tests, the demo, benchmarks); importSourcesAsync takes any.
 */
export function importSources(
  c: CaseFile,
  files: readonly ImportFile[],
  onProgress?: (done: number, total: number) => void,
): ImportResult[] {
  const prepared = files.map((file, index) => {
    const result = prepareFileSync(file);
    onProgress?.(index + 1, files.length);
    return result;
  });
  return commitImport(c, prepared);
}

/** importSources for files of any format, PDF and DOCX included. */
export async function importSourcesAsync(
  c: CaseFile,
  files: readonly ImportFile[],
  onProgress?: (done: number, total: number) => void,
): Promise<ImportResult[]> {
  const prepared: PreparedFile[] = [];
  for (const [index, file] of files.entries()) {
    prepared.push(await prepareFile(file));
    onProgress?.(index + 1, files.length);
  }
  return commitImport(c, prepared);
}

/** Writes prepared files as sources in one action (one transaction). */
export function commitImport(c: CaseFile, prepared: readonly PreparedFile[]): ImportResult[] {
  const accepted = prepared.filter((p) => p.ingested);
  const label =
    accepted.length === 1 ? `Import ${accepted[0]!.fileName}` : `Import ${accepted.length} sources`;
  return transaction(c, () => {
    const action = accepted.length ? beginAction(c, label) : null;
    const nearCopies = accepted.length ? importNearCopies(c) : null;
    return prepared.map((p): ImportResult => {
      const { ingested, file, fileName } = p;
      if (!ingested || !action || !nearCopies)
        return { fileName, ok: false, error: p.error ?? `${fileName} could not be read.` };
      const sha256 = sha256Of(ingested.text);
      const id = sourceIdFor(sha256);
      const existing = readEntity(c, 'source', id);
      const m = ingested.metadata;
      // What the result reports: the stored row's for a source already there, else what is written now.
      let title = m.title;
      let publishedAt = m.publishedAt ?? null;
      let repeats: NearCopy[] = [];
      if (existing) {
        title = existing.title as string;
        publishedAt = (existing.publishedAt as string | null) ?? null;
      }
      const duplicate = existing !== null && !existing.deleted;
      if (existing && existing.deleted) {
        updateEntity(c, action, 'source', id, { deleted: false });
        repeats = nearCopies(id, null);
      } else if (!existing) {
        const originalSha256 = sha256Of(file.bytes);
        prepare(
          c,
          `INSERT INTO originals (sha256, media_type, bytes) VALUES (:sha256, :mediaType, :bytes)
           ON CONFLICT (sha256) DO NOTHING`,
        ).run({ sha256: originalSha256, mediaType: ingested.mediaType, bytes: Buffer.from(file.bytes) });
        insertEntity(c, action, 'source', id, {
          sha256,
          text: ingested.text,
          originalSha256,
          fileName,
          format: ingested.format,
          title: m.title,
          outlet: m.outlet ?? null,
          author: m.author ?? null,
          url: m.url ?? null,
          publishedAt: m.publishedAt ?? null,
          language: m.language ?? null,
          reliability: null,
          note: null,
          pages: ingested.pages === undefined ? null : JSON.stringify(ingested.pages),
        });
        // Checked as each file is stored, so the second of two copies in one batch finds the first.
        repeats = nearCopies(id, ingested.text);
      }
      return { fileName, ok: true, id, title, publishedAt, sha256, duplicate, repeats };
    });
  });
}

function checkMetadata(patch: SourceMetadataPatch): SourceMetadataPatch {
  const clean: SourceMetadataPatch = {};
  const text = (value: string | null | undefined, what: string, max: number) => {
    if (value === undefined || value === null) return value;
    if (typeof value !== 'string') throw badInput(`The ${what} must be text.`);
    const trimmed = value.normalize('NFC').trim();
    if (trimmed.length > max) throw badInput(`The ${what} is longer than ${max} characters.`);
    return trimmed === '' ? null : trimmed;
  };
  if (patch.title !== undefined) {
    const title = text(patch.title, 'title', 500);
    if (!title) throw badInput('A source needs a title.');
    clean.title = title;
  }
  if (patch.outlet !== undefined) clean.outlet = text(patch.outlet, 'outlet', 300);
  if (patch.author !== undefined) clean.author = text(patch.author, 'author', 300);
  if (patch.note !== undefined) clean.note = text(patch.note, 'note', 10_000);
  if (patch.language !== undefined) {
    const language = text(patch.language, 'language', 35);
    if (language && !/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(language)) {
      throw badInput(`"${language}" is not a language tag; use one like en, fr or pt-BR.`);
    }
    clean.language = language;
  }
  if (patch.url !== undefined) {
    const url = text(patch.url, 'URL', 2000);
    if (url) {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        throw badInput(`"${url.slice(0, 80)}" is not a URL.`);
      }
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
        throw badInput('A source URL must start with http:// or https://.');
    }
    clean.url = url;
  }
  if (patch.publishedAt !== undefined) {
    const published = text(patch.publishedAt, 'publication date', 40);
    if (published) {
      const day = published.slice(0, 10);
      parseDay(day, 'The publication date');
      if (published.length > 10 && Number.isNaN(Date.parse(published))) {
        throw badInput(`"${published}" is not a publication date; write YYYY-MM-DD or an ISO date and time.`);
      }
    }
    clean.publishedAt = published;
  }
  if (patch.reliability !== undefined) {
    if (patch.reliability !== null && !RELIABILITIES.includes(patch.reliability)) {
      throw badInput(`Source reliability is a letter from A (reliable) to F (cannot be judged).`);
    }
    clean.reliability = patch.reliability;
  }
  return clean;
}

function liveSource(c: CaseFile, id: string): void {
  const row = prepare(c, 'SELECT deleted FROM sources WHERE id = ?').get(id) as
    { deleted: number } | undefined;
  if (!row || row.deleted) throw notFound(`There is no source with id ${id} in this case.`);
}

export function updateSource(
  c: CaseFile,
  id: string,
  patch: SourceMetadataPatch & { tags?: string[]; untag?: string[] },
): Source {
  liveSource(c, id);
  const clean = checkMetadata(patch);
  transaction(c, () => {
    const action = beginAction(c, 'Edit source');
    updateEntity(c, action, 'source', id, { ...clean });
    for (const path of patch.tags ?? []) tagSource(c, action, id, ensureTag(c, action, path));
    for (const path of patch.untag ?? []) tagSource(c, action, id, resolveTag(c, path), false);
  });
  return getSource(c, id);
}

/** Deletes a source and its claims in one undoable action (tombstones: merge and undo still see them). */
export function deleteSource(c: CaseFile, id: string): void {
  liveSource(c, id);
  transaction(c, () => {
    const action = beginAction(c, 'Delete source');
    const claims = prepare(c, 'SELECT id FROM claims WHERE source_id = ? AND deleted = 0')
      .pluck()
      .all(id) as string[];
    for (const claimId of claims) updateEntity(c, action, 'claim', claimId, { deleted: true });
    updateEntity(c, action, 'source', id, { deleted: true });
  });
}

const SELECT_SOURCE = `
  SELECT s.id, s.title, s.outlet, s.author, s.url, s.published_at AS publishedAt, s.language, s.reliability,
    s.note, s.repeats, s.sha256, s.file_name AS fileName, s.format, length(s.text) AS length,
    (SELECT count(*) FROM claims c WHERE c.source_id = s.id AND c.deleted = 0) AS claimCount,
    s.created_at AS createdAt, a.name AS createdBy, s.updated_at AS updatedAt
  FROM sources s JOIN authors a ON a.id = s.created_by`;

type RawSource = Omit<SourceSummary, 'tags' | 'repeats' | 'createdAt' | 'updatedAt'> & {
  repeats: string | null;
  createdAt: number;
  updatedAt: number;
};

function toSummaries(c: CaseFile, raws: RawSource[]): SourceSummary[] {
  const tags = tagPathsOf(
    c,
    'source',
    raws.map((r) => r.id),
  );
  return raws.map((r) => ({
    ...r,
    tags: tags.get(r.id) ?? [],
    repeats: r.repeats ? (JSON.parse(r.repeats) as string[]) : [],
    createdAt: new Date(r.createdAt).toISOString(),
    updatedAt: new Date(r.updatedAt).toISOString(),
  }));
}

export interface SourceFilter {
  tag?: string;
  outlet?: string;
  /** Publication date window, days inclusive. */
  from?: string;
  to?: string;
}

export function listSources(c: CaseFile, filter: SourceFilter = {}): SourceSummary[] {
  const where = ['s.deleted = 0'];
  const params: Record<string, unknown> = {};
  if (filter.tag) {
    where.push(
      's.id IN (SELECT source_id FROM source_tags WHERE deleted = 0 AND tag_id IN (SELECT value FROM json_each(:tagIds)))',
    );
    params.tagIds = JSON.stringify(tagAndDescendants(c, resolveTag(c, filter.tag)));
  }
  if (filter.outlet) {
    where.push('s.outlet = :outlet COLLATE NOCASE');
    params.outlet = filter.outlet;
  }
  if (filter.from) {
    where.push('substr(s.published_at, 1, 10) >= :from');
    params.from = parseDay(filter.from, 'The start of the date window');
  }
  if (filter.to) {
    where.push('substr(s.published_at, 1, 10) <= :to');
    params.to = parseDay(filter.to, 'The end of the date window');
  }
  const raws = c.db
    .prepare(`${SELECT_SOURCE} WHERE ${where.join(' AND ')} ORDER BY s.published_at DESC, s.title`)
    .all(params) as RawSource[];
  return toSummaries(c, raws);
}

export function getSource(c: CaseFile, id: string): Source {
  const raw = prepare(c, `${SELECT_SOURCE} WHERE s.id = ? AND s.deleted = 0`).get(id) as
    RawSource | undefined;
  if (!raw) throw notFound(`There is no source with id ${id} in this case.`);
  const { text, pages } = prepare(c, 'SELECT text, pages FROM sources WHERE id = ?').get(id) as {
    text: string;
    pages: string | null;
  };
  return {
    ...toSummaries(c, [raw])[0]!,
    text,
    pages: pages === null ? null : (JSON.parse(pages) as number[]),
  };
}

/** Where each page of a paged source (a PDF) starts in its text; null for any other source. */
export function sourcePages(c: CaseFile, id: string): number[] | null {
  const pages = prepare(c, 'SELECT pages FROM sources WHERE id = ?').pluck().get(id) as
    string | null | undefined;
  return pages ? (JSON.parse(pages) as number[]) : null;
}

/** The bytes of the file a source was imported from, for a reviewer to open the original. */
export function sourceOriginal(
  c: CaseFile,
  id: string,
): { fileName: string; mediaType: string; bytes: Buffer } {
  liveSource(c, id);
  return prepare(
    c,
    `SELECT s.file_name AS fileName, o.media_type AS mediaType, o.bytes FROM sources s
     JOIN originals o ON o.sha256 = s.original_sha256 WHERE s.id = ?`,
  ).get(id) as { fileName: string; mediaType: string; bytes: Buffer };
}

export { sha256Of };
