// The esbuild bundles: the preload as one CommonJS script that requires only 'electron' (what a sandboxed preload
// can load), and the main process as one CommonJS file that runs, with its migrations beside it.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Script, createContext, runInThisContext } from 'node:vm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as electron from '../../fakes/electron.ts';
import { closeCase, createCase } from '../../../db/caseFile.ts';
import { migrations } from '../../../db/migrations/index.ts';
import { bundleMain, bundlePreload, IMPORTER_LIBRARIES, WORKERS } from '../../../electron/main/bundle.ts';
import { tempDir } from '../../helpers.ts';

vi.mock('electron', () => import('../../fakes/electron.ts'));

beforeEach(() => electron.resetFake());

const requiredModules = (code: string) =>
  [...code.matchAll(/\brequire\("([^"]+)"\)/g)].map((match) => match[1]);

describe('bundlePreload', () => {
  it('writes one CommonJS script without import statements that requires only electron', async () => {
    const outDir = join(tempDir(), 'preload');
    const file = await bundlePreload(outDir);
    expect(readdirSync(outDir)).toEqual(['preload.cjs']);
    const code = readFileSync(file, 'utf8');
    expect(code).not.toMatch(/^\s*import\s|^\s*export\s|\bimport\(|import\.meta/m);
    expect(new Set(requiredModules(code))).toEqual(new Set(['electron']));
    // A script, not a module: this throws on any import or export statement.
    expect(() => new Script(code, { filename: file })).not.toThrow();
  });

  it('runs as a sandboxed preload does, with a require that knows only electron', async () => {
    const code = readFileSync(await bundlePreload(join(tempDir(), 'preload')), 'utf8');
    const exposed: Record<string, unknown> = {};
    const sandboxRequire = (name: string) => {
      if (name !== 'electron') throw new Error(`module not found: ${name}`);
      return {
        contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
        ipcRenderer: { on: () => {}, invoke: () => Promise.resolve({ ok: true, value: null }) },
      };
    };
    const module = { exports: {} };
    const context = createContext({ require: sandboxRequire, module, exports: module.exports });
    new Script(code).runInContext(context);
    expect(Object.keys(exposed)).toEqual(['attest']);
    expect(Object.keys(exposed.attest as object).sort()).toEqual(['call', 'on']);
  });
});

describe('bundleMain', () => {
  it("writes one CommonJS file with only electron, better-sqlite3, Node built-ins and the importers' libraries external", async () => {
    const outDir = join(tempDir(), 'main');
    const file = await bundleMain(outDir);
    expect(readdirSync(outDir).sort()).toEqual(
      [...migrations.map((m) => m.file), ...WORKERS, 'main.cjs', 'main.cjs.map'].sort(),
    );
    const code = readFileSync(file, 'utf8');
    expect(code).not.toMatch(/import\.meta/);
    const external = new Set(requiredModules(code));
    expect([...external].filter((name) => !name!.startsWith('node:')).sort()).toEqual([
      'better-sqlite3',
      'electron',
    ]);
    // The importers' libraries are loaded on first use, from node_modules as they ship.
    const loadedLater = [...code.matchAll(/\bimport\("([^"]+)"\)/g)].map((match) => match[1]!.split('/')[0]);
    expect(new Set(loadedLater)).toEqual(new Set(IMPORTER_LIBRARIES));
  });

  it('starts the shell from the bundle and serves a case through api:call', async () => {
    const dir = tempDir();
    const outDir = join(dir, 'main');
    const file = await bundleMain(outDir);
    const casePath = join(dir, 'bundled.attest');
    closeCase(createCase(casePath, { author: 'Setup' }));
    electron.app.paths.userData = join(dir, 'profile');
    electron.app.appPath = dir;

    // Load the bundle as Node would, except that `electron` is the fake. In the app, out/main/ sits in the project,
    // so better-sqlite3 is found in its node_modules; from a temporary folder it is looked up from the project.
    const realRequire = createRequire(join(import.meta.dirname, '../../../package.json'));
    const bundleRequire = (name: string): unknown => (name === 'electron' ? electron : realRequire(name));
    const wrapper = runInThisContext(
      `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`,
      { filename: file },
    ) as (...args: unknown[]) => void;
    const module = { exports: {} };
    wrapper(module.exports, bundleRequire, module, file, outDir);

    await vi.waitFor(() => expect(electron.BrowserWindow.instances).toHaveLength(1));
    const window = electron.BrowserWindow.instances[0]!;
    expect(window.options.webPreferences).toMatchObject({
      preload: join(dir, 'out', 'preload', 'preload.cjs'),
    });
    electron.app.emit('second-instance', electron.fakeEvent(), ['attest', casePath], dir);
    const event = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    await vi.waitFor(async () =>
      expect(await electron.ipcMain.invoke('api:call', event, 'case.info', {})).toMatchObject({
        ok: true,
        value: { fileName: 'bundled.attest', title: 'bundled' },
      }),
    );
    // The engine's importers run from the bundle too.
    const text = 'GOMA — Rebels entered the city last Sunday, the governor said.';
    expect(
      await electron.ipcMain.invoke('api:call', event, 'source.import', {
        files: [{ fileName: 'goma.md', dataBase64: Buffer.from(`# Goma\n\n${text}\n`).toString('base64') }],
      }),
    ).toMatchObject({ ok: true, value: [{ ok: true, title: 'Goma' }] });
    electron.app.emit('will-quit');
  });
});
