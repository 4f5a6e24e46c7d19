// Bundles the main process and the preload with esbuild: `node electron/main/bundle.ts [main|preload|all]`.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
export const DEFAULT_OUT = join(ROOT, 'out');

/**
 * The preload as one CommonJS file: a sandboxed preload cannot load ES modules or other files of ours, and its
 * `require` knows only 'electron' (https://www.electronjs.org/docs/latest/tutorial/sandbox#preload-scripts).
 */
export async function bundlePreload(outDir = join(DEFAULT_OUT, 'preload')): Promise<string> {
  const outfile = join(outDir, 'preload.cjs');
  await build({
    entryPoints: [join(ROOT, 'electron/preload/preload.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'es2023',
    external: ['electron'],
    logLevel: 'warning',
  });
  return outfile;
}

/** The engine's worker threads' files (plain JavaScript in db/), copied beside the bundle and unpacked from the asar. */
export const WORKERS = ['integrityWorker.mjs', 'checkpointWorker.mjs'];

/** Libraries the importers load on first use (db/ingest): kept out of the bundle, see bundleMain. */
export const IMPORTER_LIBRARIES = ['jsdom', 'pdfjs-dist', 'mammoth'];

/**
 * The main process as one CommonJS file, so it runs on whichever Node Electron embeds without type stripping.
 * better-sqlite3 stays external (it loads its native binary from its own folder) and so does electron. So do the
 * importers' libraries, loaded on first use from node_modules as they ship: jsdom resolves files beside its own
 * modules (a bundle would break it), and pdf.js and mammoth are large and needed only when such a file comes.
 * The engine reads its migrations and starts its integrity-check worker beside its own module
 * (import.meta.dirname); in the bundle that is the bundle's folder, so those files are copied there.
 */
export async function bundleMain(outDir = join(DEFAULT_OUT, 'main')): Promise<string> {
  const outfile = join(outDir, 'main.cjs');
  await build({
    entryPoints: [join(ROOT, 'electron/main/main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: ['electron', 'better-sqlite3', ...IMPORTER_LIBRARIES],
    define: { 'import.meta.dirname': '__dirname' },
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  const migrations = join(ROOT, 'db/migrations');
  mkdirSync(outDir, { recursive: true });
  for (const file of readdirSync(migrations)) {
    if (file.endsWith('.sql')) copyFileSync(join(migrations, file), join(outDir, file));
  }
  // The engine's worker threads run from their own files, beside its module (db/integrity.ts, db/background.ts).
  for (const worker of WORKERS) copyFileSync(join(ROOT, 'db', worker), join(outDir, worker));
  return outfile;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === import.meta.filename) {
  const what = process.argv[2] ?? 'all';
  if (!['main', 'preload', 'all'].includes(what)) {
    console.error('usage: node electron/main/bundle.ts [main|preload|all]');
    process.exit(2);
  }
  if (what !== 'main') console.log(await bundlePreload());
  if (what !== 'preload') console.log(await bundleMain());
}
