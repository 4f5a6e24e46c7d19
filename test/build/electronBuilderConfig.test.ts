// Checks the packaging config offline: electron-builder's own loader and schema validation, then what matters to us.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, matchesGlob, relative } from 'node:path';
// electron-builder's loader and validator (app-builder-lib is its engine): the config is read and checked exactly
// as `electron-builder --config build/electron-builder.yml` will, against the schema it ships (scheme.json).
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import type { Configuration, FileAssociation, TargetConfiguration } from 'electron-builder';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodePng, readIcns, readIco } from './png.ts';
import { WORKERS } from '../../electron/main/bundle.ts';

const root = join(import.meta.dirname, '../..');
const configPath = 'build/electron-builder.yml';
const buildDir = join(root, 'build');

let config: Configuration;

beforeAll(async () => {
  config = await getConfig(root, configPath, null);
});

const validate = (candidate: Configuration) => validateConfiguration(candidate, new DebugLogger(false));

/** Target names of a platform section, whether written as strings or as { target } objects. */
function targetNames(section: { target?: unknown } | null | undefined): string[] {
  const targets = ([] as unknown[]).concat(section?.target ?? []);
  return targets.map((t) => (typeof t === 'string' ? t : (t as TargetConfiguration).target).toLowerCase());
}

/** Every file under a folder, as paths relative to the project root with forward slashes. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split('\\').join('/'));
}

describe('electron-builder configuration', () => {
  it('passes electron-builder’s own schema validation', async () => {
    await expect(validate(config)).resolves.toBeUndefined();
  });

  it('would be refused if it were wrong (the validator really runs)', async () => {
    const misspelt = {
      ...config,
      fileAssociations: [{ ext: 'attest', rol: 'Editor' }],
    } as unknown as Configuration;
    await expect(validate(misspelt)).rejects.toThrow(/fileAssociations/);
    const unknownKey = { ...config, asarUnpak: ['**/node_modules/better-sqlite3/**'] } as Configuration;
    await expect(validate(unknownKey)).rejects.toThrow(/asarUnpak/);
  });

  it('names the app and puts installers in dist/, resources in build/', () => {
    expect(config.appId).toBe('org.attest.workbench');
    expect(config.productName).toBe('Attest');
    expect(config.directories).toMatchObject({ output: 'dist', buildResources: 'build' });
  });

  it('packs the bundles, the renderer, the migrations and package.json, and starts the main bundle', () => {
    const patterns = (config.files as { filter: string[] }[]).flatMap((set) => set.filter);
    expect(patterns).toEqual(
      expect.arrayContaining([
        'package.json',
        'out/main/**',
        'out/preload/**',
        'out/renderer/**',
        'db/migrations/*.sql',
      ]),
    );
    const main = (config.extraMetadata as { main?: string }).main!;
    expect(patterns.some((p) => matchesGlob(main, p))).toBe(true);
    // Every released migration is packed: a case file cannot be created without them.
    const migrations = readdirSync(join(root, 'db/migrations')).filter((name) => name.endsWith('.sql'));
    expect(migrations.length).toBeGreaterThan(0);
    for (const name of migrations)
      expect(matchesGlob(`db/migrations/${name}`, 'db/migrations/*.sql')).toBe(true);
    // Sources and tests stay out.
    expect(patterns.some((p) => matchesGlob('db/claims.ts', p) || matchesGlob('test/helpers.ts', p))).toBe(
      false,
    );
  });

  it('keeps better-sqlite3’s native binaries out of the asar archive and never rebuilds them', () => {
    const unpack = ([] as string[]).concat(config.asarUnpack ?? []);
    expect(unpack).toContain('**/node_modules/better-sqlite3/**');
    const binaries = filesUnder(join(root, 'node_modules/better-sqlite3')).filter((f) => f.endsWith('.node'));
    expect(binaries.length).toBeGreaterThan(0);
    for (const binary of binaries) expect(unpack.some((pattern) => matchesGlob(binary, pattern))).toBe(true);
    // Nor can a worker thread be started from a file inside it.
    for (const worker of WORKERS) expect(unpack).toContain(`out/main/${worker}`);
    expect(config.npmRebuild).toBe(false);
    expect(config.buildDependenciesFromSource).toBe(false);
  });

  it('builds an AppImage and a deb, an NSIS installer and a dmg', () => {
    expect(targetNames(config.linux).sort()).toEqual(['appimage', 'deb']);
    expect(targetNames(config.win)).toEqual(['nsis']);
    expect(targetNames(config.mac)).toEqual(['dmg']);
    expect(config.linux?.category).toBe('Office');
  });

  it('associates .attest files with Attest as their editor', () => {
    const associations = ([] as FileAssociation[]).concat(config.fileAssociations ?? []);
    expect(associations).toHaveLength(1);
    expect(associations[0]).toMatchObject({
      ext: 'attest',
      name: 'Attest case',
      role: 'Editor',
      mimeType: 'application/x-attest',
    });
    // electron-builder adds .icns (macOS) or .ico (Windows) to an icon named without an extension.
    const icon = associations[0]!.icon!;
    expect(existsSync(join(buildDir, `${icon}.icns`))).toBe(true);
    expect(existsSync(join(buildDir, `${icon}.ico`))).toBe(true);
    // NSIS registers file associations only in per-machine installs.
    expect(config.nsis?.perMachine).toBe(true);
  });

  it('points every platform at icons that exist and are valid images of the stated size', () => {
    const linuxIcons = join(buildDir, config.linux!.icon!);
    for (const size of [512, 256]) {
      const png = decodePng(readFileSync(join(linuxIcons, `${size}x${size}.png`)));
      expect([png.width, png.height]).toEqual([size, size]);
    }

    const ico = readIco(readFileSync(join(buildDir, config.win!.icon!)));
    const icoSizes = ico.map((image) => {
      const png = decodePng(image.data);
      expect([png.width, png.height]).toEqual([image.size, image.size]);
      return image.size;
    });
    expect(icoSizes).toContain(256); // electron-builder refuses a Windows icon smaller than 256 px

    const icns = readIcns(readFileSync(join(buildDir, config.mac!.icon!)));
    const largest = decodePng(icns.get('ic09')!);
    expect([largest.width, largest.height]).toEqual([512, 512]);
  });
});
