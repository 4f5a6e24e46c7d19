// Sample files written for these tests at test time: PDFs (pdf-lib), DOCX and zip bombs (a tiny ZIP writer), PNGs.
import { crc32, deflateRawSync, deflateSync } from 'node:zlib';
import { PDFDocument, StandardFonts } from 'pdf-lib';

export interface PdfOptions {
  title?: string;
  author?: string;
  creationDate?: Date;
}

/** A text PDF: one array of lines per page; an empty string leaves a blank line (a paragraph break). */
export async function makePdf(
  pages: readonly (readonly string[])[],
  options: PdfOptions = {},
): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  const font = await document.embedFont(StandardFonts.Helvetica);
  if (options.title !== undefined) document.setTitle(options.title);
  if (options.author !== undefined) document.setAuthor(options.author);
  if (options.creationDate !== undefined) document.setCreationDate(options.creationDate);
  for (const lines of pages) {
    const page = document.addPage([595, 842]);
    let y = 780;
    for (const line of lines) {
      if (line !== '') page.drawText(line, { x: 56, y, size: 11, font });
      y -= 15;
    }
  }
  return document.save({ useObjectStreams: false });
}

/** A PDF whose only page is a picture: what a scanner makes. */
export async function makeImageOnlyPdf(): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  const image = await document.embedPng(makePng(40, 20));
  const page = document.addPage([595, 842]);
  page.drawImage(image, { x: 56, y: 600, width: 400, height: 200 });
  return document.save({ useObjectStreams: false });
}

/**
 * A PDF that declares Standard security (PDF 32000-1 §7.6.3) in its trailer with keys no password opens: the
 * encryption dictionary is written by hand, as pdf-lib cannot encrypt.
 */
export async function makeEncryptedPdf(): Promise<Uint8Array> {
  const plain = new TextDecoder('latin1').decode(await makePdf([['Confidential briefing on Port Calder.']]));
  const hex = (byte: string) => `<${byte.repeat(32)}>`;
  const encrypt =
    `/Encrypt << /Filter /Standard /V 1 /R 2 /Length 40 /O ${hex('5a')} /U ${hex('c3')} /P -44 >>\n` +
    `/ID [${hex('01').slice(0, 34)}> ${hex('01').slice(0, 34)}>]\n`;
  const patched = plain.replace(/trailer\s*<</, (trailer) => `${trailer}\n${encrypt}`);
  if (patched === plain) throw new Error('no trailer to patch');
  return Uint8Array.from(patched, (char) => char.charCodeAt(0));
}

/** A 8-bit grey PNG of the given size (PNG spec: signature, IHDR, IDAT, IEND). */
export function makePng(width: number, height: number): Uint8Array {
  const chunk = (type: string, data: Uint8Array): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const rows = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y += 1)
    for (let x = 0; x < width; x += 1) rows[y * (width + 1) + 1 + x] = (x * 6) % 256;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', new Uint8Array()),
  ]);
}

export interface ZipEntryInput {
  name: string;
  data: Uint8Array | string;
  /** The uncompressed size written in the headers, when a test wants them to lie. */
  declaredSize?: number;
}

/** A ZIP archive (APPNOTE.TXT): deflated entries, local headers, a central directory and its end record. */
export function makeZip(entries: readonly ZipEntryInput[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const data = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : Buffer.from(entry.data);
    const compressed = deflateRawSync(data);
    const name = Buffer.from(entry.name, 'utf8');
    const size = entry.declaredSize ?? data.length;
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

export interface DocxOptions {
  title?: string;
  creator?: string;
  created?: string;
  modified?: string;
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The parts of a minimal Word document (ECMA-376): content types, relationships, the body, core properties. */
export function docxParts(paragraphs: readonly string[], options: DocxOptions = {}): ZipEntryInput[] {
  const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
  const body = paragraphs
    .map((paragraph) => `<w:p><w:r><w:t xml:space="preserve">${escapeXml(paragraph)}</w:t></w:r></w:p>`)
    .join('');
  const core =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    (options.title === undefined ? '' : `<dc:title>${escapeXml(options.title)}</dc:title>`) +
    (options.creator === undefined ? '' : `<dc:creator>${escapeXml(options.creator)}</dc:creator>`) +
    (options.created === undefined
      ? ''
      : `<dcterms:created xsi:type="dcterms:W3CDTF">${options.created}</dcterms:created>`) +
    (options.modified === undefined
      ? ''
      : `<dcterms:modified xsi:type="dcterms:W3CDTF">${options.modified}</dcterms:modified>`) +
    '</cp:coreProperties>';
  return [
    {
      name: '[Content_Types].xml',
      data:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
        '</Types>',
    },
    {
      name: '_rels/.rels',
      data:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
        '</Relationships>',
    },
    {
      name: 'word/document.xml',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}"><w:body>${body}</w:body></w:document>`,
    },
    { name: 'docProps/core.xml', data: core },
  ];
}

export function makeDocx(paragraphs: readonly string[], options: DocxOptions = {}): Uint8Array {
  return makeZip(docxParts(paragraphs, options));
}
