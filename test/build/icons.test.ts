// The committed icons are what build/makeIcons.ts draws today: the SVG master and every raster size agree.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ICNS_TYPES, iconSvg, renderIcon } from '../../build/makeIcons.ts';
import { decodePng, readIcns, readIco } from './png.ts';

const buildDir = join(import.meta.dirname, '../../build');
const read = (name: string) => readFileSync(join(buildDir, name));

const stale = 'run `node build/makeIcons.ts` and commit the icons';

describe('icons', () => {
  it('has an SVG master that matches the drawing', () => {
    expect(read('icon.svg').toString('utf8'), stale).toBe(iconSvg());
  });

  it('has Linux PNGs of 512 and 256 px with exactly the drawing’s pixels', () => {
    // Pixels, not file bytes: another zlib may compress the same image differently.
    for (const size of [512, 256]) {
      const png = decodePng(read(`icons/${size}x${size}.png`));
      expect([png.width, png.height]).toEqual([size, size]);
      expect(Buffer.from(png.pixels).equals(Buffer.from(renderIcon(size))), stale).toBe(true);
    }
  });

  it('has a Windows .ico with 16 to 256 px images and a macOS .icns up to 512 px', () => {
    const ico = readIco(read('icon.ico'));
    expect(ico.map((image) => image.size)).toEqual([16, 32, 48, 256]);
    for (const image of ico) {
      expect(Buffer.from(decodePng(image.data).pixels).equals(Buffer.from(renderIcon(image.size)))).toBe(
        true,
      );
    }
    const icns = readIcns(read('icon.icns'));
    expect([...icns.keys()]).toEqual(['ic07', 'ic08', 'ic09']);
    for (const [size, type] of Object.entries(ICNS_TYPES)) {
      const png = decodePng(icns.get(type)!);
      expect(png.width).toBe(Number(size));
    }
  });

  it('keeps the icon files small', () => {
    for (const name of ['icon.svg', 'icons/512x512.png', 'icons/256x256.png', 'icon.ico', 'icon.icns']) {
      expect(read(name).length).toBeLessThan(32 * 1024);
    }
  });

  it('draws an opaque tile with transparent corners', () => {
    const pixels = renderIcon(64);
    const alphaAt = (x: number, y: number) => pixels[(y * 64 + x) * 4 + 3];
    expect(alphaAt(0, 0)).toBe(0);
    expect(alphaAt(32, 32)).toBe(255);
  });
});
