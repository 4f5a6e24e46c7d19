// The Attest icon: one list of shapes drawn as the SVG master and rasterized (Node only) to the PNG, ICO and ICNS
// files that electron-builder packs. Run `node build/makeIcons.ts` after changing the drawing.
//
// No image library: the shapes are three primitives, so a 4x4-supersampled rasterizer and a PNG encoder on
// node:zlib (https://www.w3.org/TR/png-3/) are all it takes, and the icons rebuild offline, byte for byte.
import { Buffer } from 'node:buffer';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

/** The drawing's coordinate space: a 512 x 512 square, as the SVG viewBox. */
export const CANVAS = 512;

type Color = `#${string}`;

export type Shape =
  | { kind: 'roundRect'; x: number; y: number; width: number; height: number; radius: number; color: Color }
  | { kind: 'circle'; cx: number; cy: number; radius: number; color: Color }
  /** A line with round ends (an SVG line with stroke-linecap round): every point within `radius` of it. */
  | { kind: 'capsule'; x1: number; y1: number; x2: number; y2: number; radius: number; color: Color };

const NAVY: Color = '#1d3557';
const PAPER: Color = '#f8f9fa';
const LINE: Color = '#adb5bd';
const HIGHLIGHT: Color = '#ffd166';
const CHECK: Color = '#2a9d8f';

const textLine = (y: number, length: number, color: Color = LINE): Shape => ({
  kind: 'capsule',
  x1: 172,
  y1: y,
  x2: 172 + length,
  y2: y,
  radius: 11,
  color,
});

/**
 * A page of text with one line highlighted (a quote anchored to a source) and a check badge (a citation that
 * verifies), on a rounded navy tile. Painted in order: later shapes cover earlier ones.
 */
export const SHAPES: readonly Shape[] = [
  { kind: 'roundRect', x: 32, y: 32, width: 448, height: 448, radius: 96, color: NAVY },
  { kind: 'roundRect', x: 128, y: 88, width: 256, height: 336, radius: 24, color: PAPER },
  textLine(152, 168),
  textLine(200, 148),
  { kind: 'roundRect', x: 152, y: 228, width: 208, height: 48, radius: 12, color: HIGHLIGHT },
  textLine(252, 168, NAVY),
  textLine(304, 128),
  textLine(352, 88),
  // A ring of the tile's color separates the badge from the page it overlaps.
  { kind: 'circle', cx: 376, cy: 384, radius: 90, color: NAVY },
  { kind: 'circle', cx: 376, cy: 384, radius: 74, color: CHECK },
  { kind: 'capsule', x1: 340, y1: 388, x2: 366, y2: 414, radius: 12, color: PAPER },
  { kind: 'capsule', x1: 366, y1: 414, x2: 414, y2: 360, radius: 12, color: PAPER },
];

/** The SVG master, generated from SHAPES so that it and the PNGs can never disagree. */
export function iconSvg(shapes: readonly Shape[] = SHAPES): string {
  const element = (shape: Shape): string => {
    switch (shape.kind) {
      case 'roundRect':
        return `<rect x="${shape.x}" y="${shape.y}" width="${shape.width}" height="${shape.height}" rx="${shape.radius}" fill="${shape.color}"/>`;
      case 'circle':
        return `<circle cx="${shape.cx}" cy="${shape.cy}" r="${shape.radius}" fill="${shape.color}"/>`;
      case 'capsule':
        return `<line x1="${shape.x1}" y1="${shape.y1}" x2="${shape.x2}" y2="${shape.y2}" stroke="${shape.color}" stroke-width="${shape.radius * 2}" stroke-linecap="round"/>`;
    }
  };
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CANVAS}" height="${CANVAS}" viewBox="0 0 ${CANVAS} ${CANVAS}">`,
    '  <title>Attest</title>',
    ...shapes.map((shape) => `  ${element(shape)}`),
    '</svg>',
    '',
  ].join('\n');
}

function contains(shape: Shape, x: number, y: number): boolean {
  switch (shape.kind) {
    case 'circle':
      return (x - shape.cx) ** 2 + (y - shape.cy) ** 2 <= shape.radius ** 2;
    case 'roundRect': {
      // Distance from the rectangle shrunk by the radius, then compared with the radius.
      const r = shape.radius;
      const dx = Math.max(shape.x + r - x, 0, x - (shape.x + shape.width - r));
      const dy = Math.max(shape.y + r - y, 0, y - (shape.y + shape.height - r));
      return dx * dx + dy * dy <= r * r;
    }
    case 'capsule': {
      const vx = shape.x2 - shape.x1;
      const vy = shape.y2 - shape.y1;
      const t = Math.min(1, Math.max(0, ((x - shape.x1) * vx + (y - shape.y1) * vy) / (vx * vx + vy * vy)));
      return (x - shape.x1 - t * vx) ** 2 + (y - shape.y1 - t * vy) ** 2 <= shape.radius ** 2;
    }
  }
}

const rgb = (color: Color): [number, number, number] => [
  parseInt(color.slice(1, 3), 16),
  parseInt(color.slice(3, 5), 16),
  parseInt(color.slice(5, 7), 16),
];

/** Samples per pixel along each axis: 16 samples give smooth edges at every size from 16 to 512. */
const SUPERSAMPLE = 4;

/** RGBA pixels (not premultiplied, as PNG stores them), row by row, of the icon at size x size. */
export function renderIcon(size: number, shapes: readonly Shape[] = SHAPES): Uint8Array {
  const scale = CANVAS / size;
  const colors = shapes.map((shape) => rgb(shape.color));
  const pixels = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let red = 0;
      let green = 0;
      let blue = 0;
      let covered = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy += 1) {
        for (let sx = 0; sx < SUPERSAMPLE; sx += 1) {
          const x = (px + (sx + 0.5) / SUPERSAMPLE) * scale;
          const y = (py + (sy + 0.5) / SUPERSAMPLE) * scale;
          // The topmost shape under the sample decides its color; none: transparent.
          for (let i = shapes.length - 1; i >= 0; i -= 1) {
            if (!contains(shapes[i]!, x, y)) continue;
            const [r, g, b] = colors[i]!;
            red += r;
            green += g;
            blue += b;
            covered += 1;
            break;
          }
        }
      }
      const at = (py * size + px) * 4;
      if (covered === 0) continue;
      pixels[at] = Math.round(red / covered);
      pixels[at + 1] = Math.round(green / covered);
      pixels[at + 2] = Math.round(blue / covered);
      pixels[at + 3] = Math.round((covered * 255) / SUPERSAMPLE ** 2);
    }
  }
  return pixels;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A truecolor-with-alpha, 8-bit PNG of the given pixels; each row uses filter 0 (none). */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // bit depth 8, color type 6 (RGBA), deflate, adaptive filters, no interlace
  const rows = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y += 1) {
    rows.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    PNG_SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

/**
 * A Windows .ico whose images are PNGs (allowed since Windows Vista); a width or height of 256 is written as 0.
 * https://learn.microsoft.com/en-us/previous-versions/ms997538(v=msdn.10)
 */
export function encodeIco(images: readonly { size: number; png: Buffer }[]): Buffer {
  const directory = Buffer.alloc(6 + 16 * images.length);
  directory.writeUInt16LE(0, 0);
  directory.writeUInt16LE(1, 2); // type 1: icon
  directory.writeUInt16LE(images.length, 4);
  let offset = directory.length;
  images.forEach(({ size, png }, i) => {
    const entry = 6 + 16 * i;
    directory.writeUInt8(size >= 256 ? 0 : size, entry);
    directory.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    directory.writeUInt16LE(1, entry + 4); // color planes
    directory.writeUInt16LE(32, entry + 6); // bits per pixel
    directory.writeUInt32LE(png.length, entry + 8);
    directory.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([directory, ...images.map((image) => image.png)]);
}

/** ICNS element types that hold a PNG of the given size (macOS 10.7 and later). */
export const ICNS_TYPES: Readonly<Record<number, string>> = { 128: 'ic07', 256: 'ic08', 512: 'ic09' };

/** A macOS .icns: the 'icns' header and one element per PNG, each with its own 8-byte header. */
export function encodeIcns(images: readonly { size: number; png: Buffer }[]): Buffer {
  const elements = images.map(({ size, png }) => {
    const type = ICNS_TYPES[size];
    if (!type) throw new Error(`ICNS has no PNG element for ${size} px.`);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + elements.reduce((sum, e) => sum + e.length, 0), 4);
  return Buffer.concat([head, ...elements]);
}

/** Every file this script writes, by path relative to build/, with its contents. */
export function iconFiles(): Map<string, Buffer> {
  const png = new Map<number, Buffer>();
  const pngOf = (size: number): Buffer => {
    let file = png.get(size);
    if (!file) {
      file = encodePng(size, size, renderIcon(size));
      png.set(size, file);
    }
    return file;
  };
  const sized = (sizes: number[]) => sizes.map((size) => ({ size, png: pngOf(size) }));
  return new Map([
    ['icon.svg', Buffer.from(iconSvg(), 'utf8')],
    // Linux: electron-builder takes build/icons/<size>x<size>.png as the desktop icon set.
    ['icons/512x512.png', pngOf(512)],
    ['icons/256x256.png', pngOf(256)],
    // Windows wants 256 px in the .ico; the small sizes keep the taskbar and Explorer sharp.
    ['icon.ico', encodeIco(sized([16, 32, 48, 256]))],
    ['icon.icns', encodeIcns(sized([128, 256, 512]))],
  ]);
}

if (import.meta.main) {
  for (const [name, bytes] of iconFiles()) {
    const path = join(import.meta.dirname, name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, bytes);
    console.log(`${name}  ${bytes.length} bytes`);
  }
}
