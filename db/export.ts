// Export of a case: the whole case as JSON (records and their history), and claims as CSV for spreadsheets.
import type { CaseFile } from './caseFile.ts';
import { caseInfo } from './caseFile.ts';
import { claimHash, listClaims } from './claims.ts';
import { listLinks } from './links.ts';
import { getSource, listSources } from './sources.ts';
import { listTags } from './tags.ts';

export const EXPORT_FORMAT = 'attest-case';
/**
 * 2: adds the original files, the texts of deleted sources, the merge conflicts and the dismissed suggestions,
 * so an import is lossless.
 */
export const EXPORT_VERSION = 2;

const rows = (c: CaseFile, sql: string) => c.db.prepare(sql).all() as Record<string, unknown>[];

/** The whole case: live records, and the full history (actions and changes) they came from. */
export function exportJson(c: CaseFile): Record<string, unknown> {
  const sources = listSources(c).map((s) => getSource(c, s.id));
  const claims = listClaims(c);
  const reviews = rows(
    c,
    `SELECT r.id, r.claim_id AS claimId, r.verdict, r.comment, r.claim_hash AS claimHash, a.name AS reviewer,
       r.created_at AS reviewedAt FROM reviews r JOIN authors a ON a.id = r.created_by
     WHERE r.deleted = 0 ORDER BY r.hlc`,
  ).map((r) => ({ ...r, reviewedAt: new Date(r.reviewedAt as number).toISOString() }));
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: new Date().toISOString(),
    case: caseInfo(c),
    sources,
    claims,
    tags: listTags(c),
    links: listLinks(c),
    reviews,
    history: {
      authors: rows(c, 'SELECT id, name FROM authors ORDER BY id'),
      actions: rows(
        c,
        'SELECT id, author_id AS authorId, hlc, at, kind, label, target_id AS targetId FROM actions ORDER BY hlc',
      ),
      changes: rows(
        c,
        `SELECT action_id AS actionId, entity, entity_id AS entityId, field, value, hlc, author_id AS authorId,
           prev_hlc AS prevHlc FROM changes ORDER BY hlc, author_id`,
      ).map((r) => ({ ...r, value: JSON.parse(r.value as string) })),
      // Sources no longer in the case still anchor the claims of their history.
      texts: Object.fromEntries(
        rows(c, 'SELECT id, text FROM sources WHERE deleted = 1 ORDER BY id').map((r) => [r.id, r.text]),
      ),
      originals: rows(c, 'SELECT sha256, media_type AS mediaType, bytes FROM originals ORDER BY sha256').map(
        (r) => ({
          sha256: r.sha256,
          mediaType: r.mediaType,
          base64: Buffer.from(r.bytes as Uint8Array).toString('base64'),
        }),
      ),
      conflicts: rows(
        c,
        `SELECT entity, entity_id AS entityId, field, base_hlc AS baseHlc, settled_by AS settledBy,
           settled_at AS settledAt FROM conflicts ORDER BY entity_id, field, base_hlc`,
      ),
      dismissedSuggestions: rows(
        c,
        `SELECT id, source_id AS sourceId, quote_start AS start, quote_end AS "end", dismissed_by AS dismissedBy,
           dismissed_at AS dismissedAt FROM dismissed_suggestions ORDER BY id`,
      ),
    },
  };
}

/** RFC 4180 field: quoted when it holds a comma, quote or line break; a leading =+-@ is defused for spreadsheets. */
export function csvField(value: unknown): string {
  let text =
    value === null || value === undefined ? '' : Array.isArray(value) ? value.join('; ') : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`; // OWASP CSV injection: no formulas from source text
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const CSV_COLUMNS = [
  'id',
  'sourceId',
  'sourceTitle',
  'outlet',
  'publishedAt',
  'quote',
  'statement',
  'claimant',
  'date',
  'earliest',
  'latest',
  'place',
  'actors',
  'eventType',
  'credibility',
  'status',
  'tags',
  'verdicts',
  'start',
  'end',
  'latestVerdict',
  'latestVerdictStale',
] as const;

/** One row per claim; UTF-8 with a byte order mark so spreadsheet programs read non-ASCII text right. */
export function exportCsv(c: CaseFile): string {
  const sources = new Map(listSources(c).map((s) => [s.id, s]));
  const verdicts = new Map<string, string[]>();
  // The newest verdict of each claim, with the hash of the claim version it judged (stale when that differs).
  const latest = new Map<string, { verdict: string; claimHash: string }>();
  for (const r of rows(
    c,
    'SELECT claim_id AS claimId, verdict, claim_hash AS claimHash FROM reviews WHERE deleted = 0 ORDER BY hlc',
  )) {
    const list = verdicts.get(r.claimId as string) ?? [];
    list.push(r.verdict as string);
    verdicts.set(r.claimId as string, list);
    latest.set(r.claimId as string, { verdict: r.verdict as string, claimHash: r.claimHash as string });
  }
  const lines = [CSV_COLUMNS.join(',')];
  for (const claim of listClaims(c)) {
    const source = sources.get(claim.sourceId);
    const newest = latest.get(claim.id);
    const record: Record<(typeof CSV_COLUMNS)[number], unknown> = {
      ...claim,
      sourceTitle: source?.title,
      outlet: source?.outlet,
      publishedAt: source?.publishedAt,
      verdicts: verdicts.get(claim.id) ?? [],
      latestVerdict: newest?.verdict,
      latestVerdictStale: newest && (newest.claimHash === claimHash(claim) ? 'no' : 'yes'),
    };
    lines.push(CSV_COLUMNS.map((column) => csvField(record[column])).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
