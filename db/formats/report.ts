// The citation report: every live claim with its quote, claimant, date, source and review status, grouped by
// top-level tag or by month, with one footnote per source; as Markdown or as one self-contained HTML file.
import type { CaseFile } from '../caseFile.ts';
import { caseInfo } from '../caseFile.ts';
import type { ClaimRow } from '../claims.ts';
import { reviewQueue, type ReviewQueueItem } from '../reviews.ts';
import { listSources, type SourceSummary } from '../sources.ts';

export const REPORT_FORMATS = ['markdown', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export const REPORT_GROUPINGS = ['tag', 'date'] as const;
export type ReportGrouping = (typeof REPORT_GROUPINGS)[number];

/**
 * The page number a quote is on, for sources that know their pages (a PDF's page map), or null; the report
 * writes it "p. 4". The caller builds it from `sources.pages` (electron/api does); without one, no pages.
 */
export type PageLookup = (sourceId: string, start: number) => string | null;
export const NO_PAGE_MAP: PageLookup = () => null;

export interface ReportOptions {
  groupBy: ReportGrouping;
  pageOf?: PageLookup;
  /** When the report was made (tests fix it). */
  now?: Date;
}

export interface ReportEntry {
  claim: ClaimRow;
  source: SourceSummary;
  page: string | null;
  /** The footnote number of the claim's source. */
  note: number;
  review: ReviewQueueItem;
}

export interface ReportGroup {
  label: string;
  entries: ReportEntry[];
}

export interface ReportModel {
  title: string;
  generatedAt: string;
  groupBy: ReportGrouping;
  claims: number;
  groups: ReportGroup[];
  /** Footnotes, numbered in the order the report first cites each source; `uses` counts its citations. */
  notes: { number: number; source: SourceSummary; uses: number }[];
}

const UNTAGGED = 'Untagged';
const UNDATED = 'Undated';

const monthLabel = (month: string): string =>
  new Date(`${month}-01T00:00:00Z`).toLocaleDateString('en', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });

/** Group keys of a claim: its top-level tags, or the month its event began. */
function groupKeys(claim: ClaimRow, groupBy: ReportGrouping): string[] {
  if (groupBy === 'tag') {
    const tops = [...new Set(claim.tags.map((path) => path.split('/')[0]!))];
    return tops.length > 0 ? tops : [UNTAGGED];
  }
  const day = claim.earliest ?? claim.latest;
  return [day ? day.slice(0, 7) : UNDATED];
}

const byDate = (a: ReportEntry, b: ReportEntry) =>
  (a.claim.earliest ?? a.claim.latest ?? '9999').localeCompare(b.claim.earliest ?? b.claim.latest ?? '9999');

/** What the report says, independent of how it is written out. */
export function buildReport(c: CaseFile, options: ReportOptions): ReportModel {
  const pageOf = options.pageOf ?? NO_PAGE_MAP;
  const sources = new Map(listSources(c).map((s) => [s.id, s]));
  // The review queue has each claim with its newest verdict (stale or not) and any broken citation.
  const items = reviewQueue(c).items.filter((item) => sources.has(item.claim.sourceId));
  const order = new Map(items.map((item, index) => [item.claim.id, index]));
  const grouped = new Map<string, ReviewQueueItem[]>();
  for (const item of items) {
    for (const key of groupKeys(item.claim, options.groupBy)) {
      const list = grouped.get(key);
      if (list) list.push(item);
      else grouped.set(key, [item]);
    }
  }
  const last = options.groupBy === 'tag' ? UNTAGGED : UNDATED;
  const keys = [...grouped.keys()].sort((a, b) =>
    a === last ? 1 : b === last ? -1 : a.localeCompare(b, 'en', { sensitivity: 'base' }),
  );
  const notes = new Map<string, { number: number; source: SourceSummary; uses: number }>();
  const groups = keys.map((key): ReportGroup => {
    const entries = grouped
      .get(key)!
      .map((review) => {
        const source = sources.get(review.claim.sourceId)!;
        return { claim: review.claim, source, page: pageOf(source.id, review.claim.start), note: 0, review };
      })
      .sort((a, b) => byDate(a, b) || order.get(a.claim.id)! - order.get(b.claim.id)!);
    for (const entry of entries) {
      let note = notes.get(entry.source.id);
      if (!note) {
        note = { number: notes.size + 1, source: entry.source, uses: 0 };
        notes.set(entry.source.id, note);
      }
      note.uses += 1;
      entry.note = note.number;
    }
    const label = options.groupBy === 'date' && key !== UNDATED ? monthLabel(key) : key;
    return { label, entries };
  });
  return {
    title: caseInfo(c).title,
    generatedAt: (options.now ?? new Date()).toISOString(),
    groupBy: options.groupBy,
    claims: items.length,
    groups,
    notes: [...notes.values()],
  };
}

/** The review status in words: the newest verdict and whether it still holds, or why the citation is broken. */
export function reviewStatus(item: ReviewQueueItem): string {
  const parts: string[] = [];
  if (item.problems.length > 0) parts.push(`citation broken: ${item.problems[0]!.message}`);
  if (item.latest) {
    const { verdict, reviewer, reviewedAt, stale } = item.latest;
    parts.push(
      `${verdict} by ${reviewer} on ${reviewedAt.slice(0, 10)}${stale ? ' (stale: the claim was edited since)' : ''}`,
    );
  } else if (item.problems.length === 0) parts.push('not reviewed');
  return parts.join('; ');
}

/** One line of text, as every field is shown: source text and notes may hold line breaks. */
const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

const webUrl = (url: string | null): string | null => {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
};

const sourceLine = (source: SourceSummary, page: string | null): string[] =>
  [
    source.outlet,
    source.publishedAt ? `published ${source.publishedAt}` : null,
    page ? `p. ${page}` : null,
  ].filter((part): part is string => !!part);

// ---------------------------------------------------------------------------------------------- Markdown

/**
 * Text as Markdown that shows exactly that text: every character CommonMark could read as markup (emphasis,
 * links, footnotes, raw HTML, entities, tables, closing #s) is backslash-escaped, so a hostile title stays
 * words. Text never starts a line (each line begins with the report's own markup), so list and heading
 * markers inside it need no escape.
 */
export function markdownText(text: string): string {
  return oneLine(text).replace(/[\\`*_[\]<>#|~&]/g, '\\$&');
}

export function reportMarkdown(model: ReportModel): string {
  const lines: string[] = [];
  lines.push(`# Citation report: ${markdownText(model.title)}`, '');
  lines.push(
    `Generated ${model.generatedAt.slice(0, 10)}: ${model.claims} claim${model.claims === 1 ? '' : 's'} from ${
      model.notes.length
    } source${model.notes.length === 1 ? '' : 's'}, grouped by ${model.groupBy === 'tag' ? 'top-level tag' : 'month of the event'}.`,
    '',
  );
  if (model.claims === 0) lines.push('The case has no claims yet.', '');
  for (const group of model.groups) {
    lines.push(`## ${markdownText(group.label)}`, '');
    for (const { claim, source, page, note, review } of group.entries) {
      lines.push(`### ${markdownText(claim.statement)}`, '');
      lines.push(`> “${markdownText(claim.quote)}”[^${note}]`, '');
      const fields: [string, string | null][] = [
        ['Claimant', claim.claimant],
        ['Event date (EDTF)', claim.date],
        ['Place', claim.place],
        [
          'Source',
          [`*${markdownText(source.title)}*`, ...sourceLine(source, page).map(markdownText)].join(', '),
        ],
        ['Status', claim.status],
        ['Review', reviewStatus(review)],
      ];
      for (const [label, value] of fields) {
        if (value === null || value === '') continue;
        const shown = label === 'Source' ? value : markdownText(value);
        lines.push(`- **${label}:** ${shown}`);
      }
      lines.push('');
    }
  }
  for (const { number, source } of model.notes) {
    const url = webUrl(source.url);
    const parts = [
      `*${markdownText(source.title)}*`,
      ...sourceLine(source, null).map(markdownText),
      url && !/[\s<>]/.test(url) ? `<${url}>` : null,
      `SHA-256 ${source.sha256.slice(0, 12)}…`,
      `file ${markdownText(source.fileName)}`,
    ].filter((part): part is string => !!part);
    lines.push(`[^${number}]: ${parts.join(', ')}.`);
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

// -------------------------------------------------------------------------------------------------- HTML

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text as HTML text or attribute value: never markup. */
export const htmlText = (text: string): string => text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]!);

const STYLE = `
:root { color-scheme: light dark; --ink: #1d1d1f; --paper: #ffffff; --muted: #5b5b66; --rule: #d8d8de;
  --quote: #f4f4f7; --accent: #1f5fa8; }
@media (prefers-color-scheme: dark) {
  :root { --ink: #e8e8ed; --paper: #17171a; --muted: #a1a1ad; --rule: #3a3a42; --quote: #22222a; --accent: #8ab4f8; }
}
body { margin: 0 auto; max-width: 48rem; padding: 2rem 1.25rem; background: var(--paper); color: var(--ink);
  font: 16px/1.5 Georgia, 'Times New Roman', serif; }
h1, h2, h3 { font-family: system-ui, sans-serif; line-height: 1.25; }
h1 { font-size: 1.6rem; margin-bottom: 0.25rem; }
h2 { font-size: 1.25rem; border-bottom: 1px solid var(--rule); padding-bottom: 0.25rem; margin-top: 2.5rem; }
h3 { font-size: 1.05rem; margin: 1.5rem 0 0.5rem; }
.meta, dt { color: var(--muted); }
.meta { font-family: system-ui, sans-serif; font-size: 0.9rem; }
blockquote { margin: 0.5rem 0; padding: 0.5rem 1rem; background: var(--quote); border-left: 3px solid var(--accent); }
blockquote p { margin: 0; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1rem; margin: 0.5rem 0 0;
  font-family: system-ui, sans-serif; font-size: 0.9rem; }
dd { margin: 0; }
a { color: var(--accent); }
sup a { text-decoration: none; }
.notes { font-size: 0.9rem; }
.notes li { margin-bottom: 0.35rem; overflow-wrap: anywhere; }
.back { margin-left: 0.25rem; text-decoration: none; }
article { break-inside: avoid; }
@media print {
  :root { --ink: #000; --paper: #fff; --muted: #333; --quote: #fff; --accent: #000; }
  body { max-width: none; padding: 0; font-size: 11pt; }
  h2 { break-after: avoid; }
  .back { display: none; }
  blockquote { border-left-width: 2px; }
}`;

export function reportHtml(model: ReportModel): string {
  const out: string[] = [];
  const title = `Citation report: ${model.title}`;
  out.push(
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    // Nothing runs and nothing loads: the report is one file, read offline, whatever its sources say.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    `<title>${htmlText(title)}</title>`,
    `<style>${STYLE}\n</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>${htmlText(title)}</h1>`,
    `<p class="meta">Generated ${htmlText(model.generatedAt.slice(0, 10))}: ${model.claims} claim${
      model.claims === 1 ? '' : 's'
    } from ${model.notes.length} source${model.notes.length === 1 ? '' : 's'}, grouped by ${
      model.groupBy === 'tag' ? 'top-level tag' : 'month of the event'
    }.</p>`,
    '</header>',
    '<main>',
  );
  if (model.claims === 0) out.push('<p>The case has no claims yet.</p>');
  const refsOf = new Map<number, string[]>();
  model.groups.forEach((group, g) => {
    out.push(
      `<section aria-labelledby="group-${g + 1}">`,
      `<h2 id="group-${g + 1}">${htmlText(group.label)}</h2>`,
    );
    for (const { claim, source, page, note, review } of group.entries) {
      const refs = refsOf.get(note) ?? [];
      const refId = `ref-${note}-${refs.length + 1}`;
      refs.push(refId);
      refsOf.set(note, refs);
      const fields: [string, string | null][] = [
        ['Claimant', claim.claimant],
        ['Event date (EDTF)', claim.date],
        ['Place', claim.place],
        ['Source', [source.title, ...sourceLine(source, page)].join(', ')],
        ['Status', claim.status],
        ['Review', reviewStatus(review)],
      ];
      out.push(
        '<article>',
        `<h3>${htmlText(oneLine(claim.statement))}</h3>`,
        `<blockquote><p>“${htmlText(claim.quote)}”<sup><a href="#note-${note}" id="${refId}" aria-label="Source note ${note}">${note}</a></sup></p></blockquote>`,
        '<dl>',
        ...fields
          .filter(([, value]) => value !== null && value !== '')
          .map(([label, value]) => `<dt>${htmlText(label)}</dt><dd>${htmlText(oneLine(value!))}</dd>`),
        '</dl>',
        '</article>',
      );
    }
    out.push('</section>');
  });
  out.push('</main>');
  if (model.notes.length > 0) {
    out.push('<footer>', '<h2 id="sources">Sources</h2>', '<ol class="notes">');
    for (const { number, source } of model.notes) {
      const url = webUrl(source.url);
      const parts = [
        `<cite>${htmlText(oneLine(source.title))}</cite>`,
        ...sourceLine(source, null).map((part) => htmlText(oneLine(part))),
        url ? `<a href="${htmlText(url)}">${htmlText(url)}</a>` : null,
        `SHA-256 <code>${htmlText(source.sha256.slice(0, 12))}…</code>`,
        `file ${htmlText(source.fileName)}`,
      ].filter((part): part is string => !!part);
      const back = (refsOf.get(number) ?? [])
        .map(
          (refId, i) =>
            `<a class="back" href="#${refId}" aria-label="Back to citation ${number}.${i + 1}">↩${i > 0 ? i + 1 : ''}</a>`,
        )
        .join('');
      out.push(`<li id="note-${number}">${parts.join(', ')}.${back}</li>`);
    }
    out.push('</ol>', '</footer>');
  }
  out.push('</body>', '</html>');
  return `${out.join('\n')}\n`;
}

export function exportReport(c: CaseFile, format: ReportFormat, options: ReportOptions): string {
  const model = buildReport(c, options);
  return format === 'html' ? reportHtml(model) : reportMarkdown(model);
}
