// Tests of the e-mail importer: headers as metadata, the text/plain part decoded, HTML-only mail, refusals.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emlImporter } from '../../../db/ingest/eml.ts';
import { looksLikeText } from '../../../db/ingest/normalize.ts';
import { ingestFile } from '../../../db/ingest/index.ts';
import { fixture, rejection, utf8 } from './fixtures.ts';

describe('the e-mail importer', () => {
  it('takes Subject, Date and From as metadata and the quoted-printable text/plain part as text', async () => {
    const source = await ingestFile('/mail/curfew.eml', fixture('curfew.eml'));
    expect(source.format).toBe('eml');
    expect(source.mediaType).toBe('message/rfc822');
    expect(source.text).toBe(
      'Café owners in Port Calder closed early on Tuesday after the army announced a curfew.\n\n' +
        "The curfew starts at 8 p.m., the mayor's office said.",
    );
    expect(source.metadata).toEqual({
      title: 'Curfew in Port Calder cafés',
      outlet: 'Meridian Wire Desk',
      publishedAt: '2025-02-25T18:05:00Z',
    });
  });

  it('reads a base64 text/html part through the HTML importer and skips attachments', async () => {
    const source = await ingestFile('harbour.eml', fixture('harbour-html.eml'));
    expect(source.format).toBe('eml');
    expect(source.text).toBe(
      'The harbour of Port Calder reopened on Wednesday, the port authority said.\n\n' +
        'Ships queued outside the breakwater for most of the morning.',
    );
    expect(source.text).not.toContain('Attached notes');
    expect(source.metadata).toEqual({
      title: 'Harbour reopens',
      outlet: 'port-authority@portcalder.example',
      publishedAt: '2025-02-26T07:00:00Z',
    });
  });

  it('decodes base64 subjects in other charsets', async () => {
    const mail =
      'From: desk@example.org\nSubject: =?ISO-8859-1?B?Q2Fm6XM=?= =?ISO-8859-1?Q?_ferm=E9s?=\n' +
      'Date: Tue, 25 Feb 2025 19:05:00 GMT\n\nBody text.\n';
    expect((await ingestFile('m.eml', utf8(mail))).metadata.title).toBe('Cafés fermés');
  });

  it('keeps only the day of a date without a zone, whatever the time zone of the machine', async () => {
    const mail = 'From: desk@example.org\nSubject: Curfew\nDate: Tue, 25 Feb 2025 23:30:00\n\nBody text.\n';
    expect((await ingestFile('m.eml', utf8(mail))).metadata.publishedAt).toBe('2025-02-25');
  });

  it('refuses a message with only an attachment', async () => {
    const mail =
      'From: desk@example.org\nSubject: Photos\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=x\n\n' +
      '--x\nContent-Type: image/png\nContent-Disposition: attachment; filename=a.png\n\niVBORw0KGgo=\n--x--\n';
    expect((await rejection(ingestFile('/mail/photos.eml', utf8(mail)))).message).toBe(
      '"photos.eml" is an e-mail without text to import (only attachments?).',
    );
  });

  it('is chosen only for a header block that is a message', () => {
    expect(emlImporter.sniff('x.txt', fixture('curfew.eml'))).toBe(true);
    // A text with a metadata header is not mail: no From.
    expect(emlImporter.sniff('x.txt', utf8('Title: Fighting\nDate: 2025-02-22\n\nText.'))).toBe(false);
    // Prose whose first line has a colon is not a header block.
    expect(emlImporter.sniff('x.txt', utf8('From: the front line\nThe rebels advanced.\n\nMore.'))).toBe(
      false,
    );
  });

  it('answers as the plain reading of the header block would, for any file', () => {
    // The sniffer reads the header block in place; this is what it must agree with: the head normalized to LF,
    // cut at the first blank line, every line a field or a continuation.
    const reference = (bytes: Uint8Array): boolean => {
      if (!looksLikeText(bytes) || bytes[0] === 0xff || bytes[0] === 0xfe) return false;
      const head = new TextDecoder('latin1').decode(bytes.subarray(0, 16 * 1024)).replace(/\r\n?/g, '\n');
      const end = head.indexOf('\n\n');
      if (end <= 0) return false;
      const names: string[] = [];
      for (const line of head.slice(0, end).split('\n')) {
        if (/^[ \t]/.test(line) && names.length > 0) continue;
        const field = /^([!-9;-~]+):/.exec(line);
        if (!field) return false;
        names.push(field[1] ?? '');
      }
      return (
        names.some((n) => /^from$/i.test(n)) &&
        names.some((n) => /^(?:date|subject|message-id|mime-version|received|to|return-path)$/i.test(n))
      );
    };
    const piece = fc.constantFrom(
      ...['From: a', 'from:b', 'Subject: x', 'Date: 1', 'To: c', 'X-Y: z', 'title: t', ' cont', '\tcont'],
      ...['\n', '\r', '\r\n', '\n\n', ':', ' ', 'text', '\u00e9', '\u0000', '\uFEFF', '---'],
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (pieces) => {
        const bytes = utf8(pieces.join(''));
        expect(emlImporter.sniff('x.txt', bytes)).toBe(reference(bytes));
      }),
      { numRuns: 2000 },
    );
  });
});
