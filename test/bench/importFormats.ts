// The bench's import-per-format section: ingestFile throughput for HTML, PDF and DOCX against plain text in the same run.
//
// Each format gets the same articles (the same words in its own container), made here with the test builders, so
// "engine/base" says what reading that container costs over reading the text file alone.
import { docxParts, makePdf, makeZip } from '../db/ingest/builders.ts';
import { ingestFile } from '../../db/ingest/index.ts';
import { formatMs, type ResultRow } from './measure.ts';

const ARTICLES = 8;
const PARAGRAPHS = 12;
/** Rounds over the whole set per format, interleaved, so a slow moment of the machine hits every format alike. */
const ROUNDS = 2;

interface Corpus {
  format: string;
  files: { fileName: string; bytes: Uint8Array }[];
  bytes: number;
}

function paragraphsOf(article: number): string[] {
  return Array.from(
    { length: PARAGRAPHS },
    (_, paragraph) =>
      `Report ${article}.${paragraph}: fighting near Port Calder closed the airport road on Sunday, the ` +
      `provincial governor said, and about ${(article + 1) * 100 + paragraph} families fled toward the lake shore ` +
      'according to United Nations experts who visited the camps on Monday.',
  );
}

async function corpora(): Promise<Corpus[]> {
  const articles = Array.from({ length: ARTICLES }, (_, article) => paragraphsOf(article));
  const encode = (text: string) => new TextEncoder().encode(text);
  const make = async (
    format: string,
    build: (paragraphs: string[], article: number) => Uint8Array | Promise<Uint8Array>,
  ): Promise<Corpus> => {
    const files = await Promise.all(
      articles.map(async (paragraphs, article) => ({
        fileName: `article-${article}.${format}`,
        bytes: await build(paragraphs, article),
      })),
    );
    return { format, files, bytes: files.reduce((sum, file) => sum + file.bytes.length, 0) };
  };
  return [
    await make('txt', (paragraphs) => encode(paragraphs.join('\n\n'))),
    await make('html', (paragraphs, article) =>
      encode(
        `<!doctype html><html lang="en"><head><title>Report ${article}</title>` +
          '<meta property="og:site_name" content="Meridian Wire"></head><body><nav>Home World Sport</nav>' +
          `<article>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article><footer>© Meridian</footer></body></html>`,
      ),
    ),
    // Lines of about 90 characters, as a PDF sets them; a blank line between paragraphs.
    await make('pdf', (paragraphs) =>
      makePdf([paragraphs.flatMap((p) => [...(p.match(/.{1,90}(\s|$)/g) ?? [p]), ''])]),
    ),
    await make('docx', (paragraphs, article) =>
      makeZip(docxParts(paragraphs, { title: `Report ${article}` })),
    ),
  ];
}

/** Rows for the bench table and the JSON summary of the section. */
export async function benchImportFormats(): Promise<{ rows: ResultRow[]; summary: Record<string, unknown> }> {
  const sets = await corpora();
  // The first file of each format loads its libraries (jsdom, pdf.js, mammoth): that once-per-session cost is
  // reported apart from the throughput.
  const firstUse: Record<string, number> = {};
  for (const set of sets) {
    const start = performance.now();
    await ingestFile(set.files[0]!.fileName, set.files[0]!.bytes);
    firstUse[set.format] = performance.now() - start;
  }
  const totals: Record<string, number> = Object.fromEntries(sets.map((set) => [set.format, 0]));
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const set of sets) {
      const start = performance.now();
      for (const file of set.files) await ingestFile(file.fileName, file.bytes);
      totals[set.format]! += performance.now() - start;
    }
  }
  const perFile = (format: string) => totals[format]! / (ROUNDS * ARTICLES);
  const txt = perFile('txt');
  const rows = sets.map((set): ResultRow => ({
    section: 'import formats',
    measure: `${set.format}: ${ARTICLES} articles, ${(set.bytes / 1024).toFixed(0)} KiB (first file ${formatMs(firstUse[set.format]!)})`,
    engine: `${(1000 / perFile(set.format)).toFixed(0)} files/s, ${((set.bytes * ROUNDS) / 1024 / (totals[set.format]! / 1000)).toFixed(0)} KiB/s`,
    baseline: `txt ${(1000 / txt).toFixed(0)} files/s`,
    ratio: perFile(set.format) / txt,
    goal: '',
    verdict: '',
  }));
  const summary = Object.fromEntries(
    sets.map((set) => [
      set.format,
      {
        files: ARTICLES * ROUNDS,
        bytes: set.bytes * ROUNDS,
        msPerFile: perFile(set.format),
        firstFileMs: firstUse[set.format],
        ratioToTxt: perFile(set.format) / txt,
      },
    ]),
  );
  return { rows, summary };
}
