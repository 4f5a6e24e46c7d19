// How much one source file may become: the limits every importer and the front door share.
import type { IngestLimits } from './types.ts';

/**
 * Most characters of text one source may have: a 50 MiB file can become more text than it holds bytes (a
 * compressed PDF or DOCX), and every claim, search and reader view works on the whole text.
 */
export const MAX_TEXT_LENGTH = 20 * 1024 * 1024;

/** Most pages of a PDF: a report or a book is far below; a larger file is an archive, better split first. */
export const MAX_PDF_PAGES = 2000;

export const DEFAULT_LIMITS: IngestLimits = { maxTextLength: MAX_TEXT_LENGTH, maxPages: MAX_PDF_PAGES };
