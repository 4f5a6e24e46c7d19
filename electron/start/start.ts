// `npm start`: the desktop app where Electron's binary can be had; elsewhere one line saying so, then browser mode
// on a fresh copy of the demo case, so that the app can be tried on any machine with npm (DESIGN.md, "Toolchain").
//
// Runs under plain Node 24. It never imports `electron`: that package's index downloads the binary on first
// require and throws when it cannot, so the binary is looked up on disk the way that index does, and fetched by
// electron's own install.js at most once, with a time limit.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';

/** The one line printed when the desktop app cannot start here. */
export const ELECTRON_UNAVAILABLE_MESSAGE =
  'Electron is not available on this machine (its binary could not be downloaded); starting Attest in browser mode instead.';

const PROJECT_ROOT = resolve(import.meta.dirname, '../..');
export const ELECTRON_PACKAGE_DIR = join(PROJECT_ROOT, 'node_modules/electron');
/** The desktop bundle made by `npm run build` (esbuild, electron/main). */
export const MAIN_BUNDLE = join(PROJECT_ROOT, 'out/main/main.cjs');
/** How long electron's install.js may try to download the binary before browser mode starts instead. */
export const INSTALL_TIMEOUT_MS = 60_000;

export type LaunchMode = 'electron' | 'browser';

export function chooseMode({ electronAvailable }: { electronAvailable: boolean }): LaunchMode {
  return electronAvailable ? 'electron' : 'browser';
}

/**
 * The Electron executable on disk, as node_modules/electron/index.js finds it (path.txt names it inside dist/,
 * ELECTRON_OVERRIDE_DIST_PATH moves dist/); undefined when it is not there. Never downloads.
 */
export function findElectronBinary(
  electronDir: string = ELECTRON_PACKAGE_DIR,
  env: Readonly<Record<string, string | undefined>> = process.env,
): string | undefined {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const executable = readFileSync(pathFile, 'utf8').trim();
  if (executable === '') return undefined;
  const binary = join(env.ELECTRON_OVERRIDE_DIST_PATH ?? join(electronDir, 'dist'), executable);
  return existsSync(binary) ? binary : undefined;
}

/** Runs electron's install.js once, silently (its failure is a stack trace); true when it says it succeeded. */
export function installElectron(
  electronDir: string = ELECTRON_PACKAGE_DIR,
  timeoutMs = INSTALL_TIMEOUT_MS,
): boolean {
  const script = join(electronDir, 'install.js');
  if (!existsSync(script)) return false;
  const result = spawnSync(process.execPath, [script], { stdio: 'ignore', timeout: timeoutMs });
  return result.status === 0;
}

export interface RunningBrowserMode {
  url: string;
  close(): Promise<void>;
}

/** What the launcher does to the outside world; tests replace each part. */
export interface LauncherDeps {
  findElectron(): string | undefined;
  installElectron(): boolean;
  /** Runs the desktop app until it quits; resolves with its exit code. */
  runElectron(binary: string, mainBundle: string): Promise<number>;
  startBrowserMode(): Promise<RunningBrowserMode>;
  /** Resolves when the user asks to stop (Ctrl-C). */
  waitForStop(): Promise<void>;
  print(line: string): void;
  printError(line: string): void;
  mainBundleExists(): boolean;
}

/** Starts Attest the best way this machine allows; resolves with the process exit code. */
export async function launch(deps: LauncherDeps): Promise<number> {
  let binary = deps.findElectron();
  // One attempt: install.js reuses a cached download when there is one, and fails fast when offline.
  if (binary === undefined && deps.installElectron()) binary = deps.findElectron();
  if (chooseMode({ electronAvailable: binary !== undefined }) === 'electron' && binary !== undefined) {
    if (!deps.mainBundleExists()) {
      deps.printError('The desktop app is not built yet: run `npm run build`, then `npm start` again.');
      return 1;
    }
    return deps.runElectron(binary, MAIN_BUNDLE);
  }
  deps.print(ELECTRON_UNAVAILABLE_MESSAGE);
  let server: RunningBrowserMode;
  try {
    server = await deps.startBrowserMode();
  } catch (error) {
    deps.printError(`Browser mode could not start: ${(error as Error).message}`);
    return 1;
  }
  deps.print(`Open ${server.url} in a browser. Press Ctrl-C to stop.`);
  await deps.waitForStop();
  await server.close();
  return 0;
}

/** The analyst's name for browser mode: ATTEST_AUTHOR, else the OS account, as the `attest` command does. */
export function analystName(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const fromEnv = env.ATTEST_AUTHOR?.trim();
  if (fromEnv) return fromEnv;
  try {
    const name = userInfo().username.trim();
    if (name) return name;
  } catch {
    // A container without a passwd entry for the uid: userInfo() throws.
  }
  return env.USER?.trim() || env.USERNAME?.trim() || 'Analyst';
}

/** ATTEST_PORT when it is a port number; a free port chosen by the system otherwise. */
export function portFrom(
  env: Readonly<Record<string, string | undefined>> = process.env,
): number | undefined {
  const port = Number(env.ATTEST_PORT);
  return Number.isInteger(port) && port > 0 && port < 65536 ? port : undefined;
}

/**
 * Browser mode on a fresh demo case in its own temporary folder: every run starts from the same clean case, and
 * stopping removes it, so nothing an analyst tried piles up between runs.
 */
export async function startDemoBrowserMode(
  options: { author?: string; port?: number; rendererDir?: string } = {},
): Promise<RunningBrowserMode & { casePath: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'attest-demo-'));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  try {
    // Loaded here, not at the top: the desktop path needs neither the engine nor the HTTP server.
    const { buildDemoCase } = await import('../demo/buildDemo.ts');
    const { startServer } = await import('../serve/server.ts');
    const { path } = buildDemoCase(join(dir, 'demo.attest'));
    const server = await startServer({
      casePath: path,
      author: options.author ?? analystName(),
      port: options.port,
      rendererDir: options.rendererDir,
    });
    return {
      url: server.url,
      casePath: path,
      close: async () => {
        await server.close();
        removeDir();
      },
    };
  } catch (error) {
    removeDir();
    throw error;
  }
}

function runElectron(binary: string, mainBundle: string): Promise<number> {
  // ELECTRON_RUN_AS_NODE left over from a parent would make the binary a plain Node and skip the app.
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(binary, [mainBundle, ...process.argv.slice(2)], { stdio: 'inherit', env });
  // Ctrl-C reaches the child through the terminal too; forwarding covers a `kill` of this process alone.
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  const onInt = forward('SIGINT');
  const onTerm = forward('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  return new Promise((resolvePromise) => {
    const done = (code: number) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolvePromise(code);
    };
    child.on('error', (error) => {
      console.error(`Electron could not be started: ${error.message}`);
      done(1);
    });
    child.on('exit', (code) => done(code ?? 1));
  });
}

const waitForStop = (): Promise<void> =>
  new Promise((resolvePromise) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolvePromise();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });

export const defaultDeps = (): LauncherDeps => ({
  findElectron: () => findElectronBinary(),
  installElectron: () => installElectron(),
  runElectron,
  startBrowserMode: () => startDemoBrowserMode({ port: portFrom() }),
  waitForStop,
  print: (line) => console.log(line),
  printError: (line) => console.error(line),
  mainBundleExists: () => existsSync(MAIN_BUNDLE),
});

if (import.meta.main) {
  process.exitCode = await launch(defaultDeps());
}
