// Page numbers of positions in a paged source's text (a PDF), for citing a claim as "p. 4".

/**
 * The 1-based page on which `offset` falls, given where each page starts (`Source.pages`); null for a source
 * without pages. An empty page starts where the next one does, so an offset there belongs to the later page.
 */
export function pageAt(pages: readonly number[] | null | undefined, offset: number): number | null {
  if (!pages || pages.length === 0) return null;
  // The last page whose start is at or before the offset: binary search, PDFs may have thousands of pages.
  let low = 0;
  let high = pages.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (pages[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return low + 1;
}

/** "p. 4", or null for a source without pages. */
export function pageLabel(pages: readonly number[] | null | undefined, offset: number): string | null {
  const page = pageAt(pages, offset);
  return page === null ? null : `p. ${page}`;
}
