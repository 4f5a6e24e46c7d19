// The `npm start` launcher: desktop app when Electron's binary is on disk, one line and browser mode otherwise.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  analystName,
  chooseMode,
  ELECTRON_UNAVAILABLE_MESSAGE,
  findElectronBinary,
  installElectron,
  launch,
  MAIN_BUNDLE,
  portFrom,
  startDemoBrowserMode,
  type LauncherDeps,
} from '../../../electron/start/start.ts';
import { DEMO_TITLE } from '../../../electron/demo/buildDemo.ts';
import { tempDir } from '../../helpers.ts';

/** A launcher whose outside world is recorded: what it printed and which parts it used. */
function fakeDeps(overrides: Partial<LauncherDeps> = {}) {
  const printed: string[] = [];
  const errors: string[] = [];
  const close = vi.fn(async () => {});
  const deps: LauncherDeps = {
    findElectron: vi.fn(() => undefined),
    installElectron: vi.fn(() => false),
    runElectron: vi.fn(async () => 0),
    startBrowserMode: vi.fn(async () => ({ url: 'http://127.0.0.1:1234/?token=t', close })),
    waitForStop: vi.fn(async () => {}),
    print: (line) => printed.push(line),
    printError: (line) => errors.push(line),
    mainBundleExists: () => true,
    ...overrides,
  };
  return { deps, printed, errors, close };
}

describe('chooseMode', () => {
  it('opens the desktop app when Electron is available, browser mode otherwise', () => {
    expect(chooseMode({ electronAvailable: true })).toBe('electron');
    expect(chooseMode({ electronAvailable: false })).toBe('browser');
  });

  it('explains the fallback in one line', () => {
    expect(ELECTRON_UNAVAILABLE_MESSAGE).not.toMatch(/\n/);
    expect(ELECTRON_UNAVAILABLE_MESSAGE).toMatch(/Electron is not available/);
    expect(ELECTRON_UNAVAILABLE_MESSAGE).toMatch(/browser mode/);
  });
});

describe('launch', () => {
  it('without an Electron binary, tries to install it once, says so in one line and serves browser mode', async () => {
    const { deps, printed, errors, close } = fakeDeps();
    await expect(launch(deps)).resolves.toBe(0);
    expect(deps.installElectron).toHaveBeenCalledTimes(1);
    expect(deps.runElectron).not.toHaveBeenCalled();
    expect(deps.startBrowserMode).toHaveBeenCalledTimes(1);
    expect(printed.filter((line) => /electron/i.test(line))).toEqual([ELECTRON_UNAVAILABLE_MESSAGE]);
    expect(printed).toEqual([
      ELECTRON_UNAVAILABLE_MESSAGE,
      expect.stringContaining('http://127.0.0.1:1234/'),
    ]);
    expect(errors).toEqual([]);
    // Stopped (Ctrl-C), then closed: the server and the demo folder go away.
    expect(deps.waitForStop).toHaveBeenCalledTimes(1);
    expect(close).toHaveBeenCalledTimes(1);
  });

  it('opens the desktop app on the main bundle when the binary is there, printing nothing', async () => {
    const { deps, printed } = fakeDeps({
      findElectron: () => '/opt/electron/electron',
      runElectron: vi.fn(async () => 3),
    });
    await expect(launch(deps)).resolves.toBe(3);
    expect(deps.runElectron).toHaveBeenCalledWith('/opt/electron/electron', MAIN_BUNDLE);
    expect(deps.installElectron).not.toHaveBeenCalled();
    expect(deps.startBrowserMode).not.toHaveBeenCalled();
    expect(printed).toEqual([]);
  });

  it('opens the desktop app when the one install attempt fetches the binary', async () => {
    let installed = false;
    const { deps } = fakeDeps({
      findElectron: () => (installed ? '/tmp/electron' : undefined),
      installElectron: vi.fn(() => (installed = true)),
    });
    await launch(deps);
    expect(deps.runElectron).toHaveBeenCalledWith('/tmp/electron', MAIN_BUNDLE);
  });

  it('asks for a build when Electron is there but the desktop bundle is not', async () => {
    const { deps, errors } = fakeDeps({ findElectron: () => '/tmp/electron', mainBundleExists: () => false });
    await expect(launch(deps)).resolves.toBe(1);
    expect(deps.runElectron).not.toHaveBeenCalled();
    expect(errors).toEqual([expect.stringContaining('npm run build')]);
  });

  it('reports a browser mode that cannot start, after the one explanatory line', async () => {
    const { deps, printed, errors } = fakeDeps({
      startBrowserMode: async () => {
        throw new Error('Port 8080 is in use; choose another with --port.');
      },
    });
    await expect(launch(deps)).resolves.toBe(1);
    expect(printed).toEqual([ELECTRON_UNAVAILABLE_MESSAGE]);
    expect(errors).toEqual([expect.stringContaining('Port 8080 is in use')]);
  });
});

describe('finding Electron', () => {
  function fakeElectronPackage(): string {
    const dir = join(tempDir(), 'electron');
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  it('finds the binary that path.txt names inside dist/, and nothing when either is missing', () => {
    const dir = fakeElectronPackage();
    expect(findElectronBinary(dir, {})).toBeUndefined();
    writeFileSync(join(dir, 'path.txt'), 'electron');
    expect(findElectronBinary(dir, {})).toBeUndefined();
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist/electron'), '');
    expect(findElectronBinary(dir, {})).toBe(join(dir, 'dist/electron'));
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH as electron’s own index.js does', () => {
    const dir = fakeElectronPackage();
    writeFileSync(join(dir, 'path.txt'), 'electron');
    const elsewhere = tempDir();
    writeFileSync(join(elsewhere, 'electron'), '');
    expect(findElectronBinary(dir, { ELECTRON_OVERRIDE_DIST_PATH: elsewhere })).toBe(
      join(elsewhere, 'electron'),
    );
  });

  it('reports a failed install quietly and in time', () => {
    const dir = fakeElectronPackage();
    expect(installElectron(dir)).toBe(false); // no install.js
    writeFileSync(join(dir, 'install.js'), 'process.exit(1)');
    expect(installElectron(dir)).toBe(false);
    writeFileSync(join(dir, 'install.js'), 'setTimeout(() => {}, 60000)');
    const started = Date.now();
    expect(installElectron(dir, 500)).toBe(false);
    expect(Date.now() - started).toBeLessThan(10_000);
    writeFileSync(join(dir, 'install.js'), 'process.exit(0)');
    expect(installElectron(dir)).toBe(true);
  });
});

describe('browser mode settings', () => {
  it('takes the analyst from ATTEST_AUTHOR, else the OS account', () => {
    expect(analystName({ ATTEST_AUTHOR: '  Ana Analyst ' })).toBe('Ana Analyst');
    expect(analystName({}).length).toBeGreaterThan(0);
  });

  it('takes a port from ATTEST_PORT only when it is one', () => {
    expect(portFrom({ ATTEST_PORT: '8123' })).toBe(8123);
    expect(portFrom({ ATTEST_PORT: 'eighty' })).toBeUndefined();
    expect(portFrom({ ATTEST_PORT: '70000' })).toBeUndefined();
    expect(portFrom({})).toBeUndefined();
  });
});

describe('startDemoBrowserMode', () => {
  it('serves a fresh demo case on loopback and removes it when closed', async () => {
    const server = await startDemoBrowserMode({ author: 'Test Analyst', rendererDir: tempDir() });
    const url = new URL(server.url);
    const call = async (method: string) => {
      const response = await fetch(`${url.origin}/api/call/${method}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${url.searchParams.get('token')}`,
        },
        body: '{}',
      });
      return (await response.json()) as { ok: boolean; value: Record<string, unknown> };
    };
    try {
      expect(url.hostname).toBe('127.0.0.1');
      expect(existsSync(server.casePath)).toBe(true);
      expect(await call('case.info')).toMatchObject({ ok: true, value: { title: DEMO_TITLE } });
      expect(await call('verify.run')).toMatchObject({ ok: true, value: { ok: true } });
    } finally {
      await server.close();
    }
    expect(existsSync(server.casePath)).toBe(false);
    expect(existsSync(dirname(server.casePath))).toBe(false);
  });
});
