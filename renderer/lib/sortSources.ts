// sortSources: the library table's column sort, as a pure function of the rows and the chosen column.
import type { SourceSummary } from '../../electron/contract/index.ts';

export type SourceColumn = 'title' | 'outlet' | 'publishedAt' | 'claimCount' | 'tags' | 'reliability';
export type SortDirection = 'ascending' | 'descending';

export interface SourceSort {
  column: SourceColumn;
  direction: SortDirection;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** The value a column sorts by; null sorts last whichever the direction, since "no outlet" is not an outlet. */
function key(source: SourceSummary, column: SourceColumn): string | number | null {
  switch (column) {
    case 'claimCount':
      return source.claimCount;
    case 'tags':
      return source.tags.length ? source.tags.join(', ') : null;
    default:
      return source[column] || null;
  }
}

export function sortSources(sources: readonly SourceSummary[], sort: SourceSort): SourceSummary[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return [...sources].sort((a, b) => {
    const x = key(a, sort.column);
    const y = key(b, sort.column);
    if (x === null || y === null) {
      if (x !== y) return x === null ? 1 : -1;
    } else {
      const order =
        typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
      if (order !== 0) return sign * order;
    }
    // Ties keep a stable, meaningful order: by title, then id.
    return collator.compare(a.title, b.title) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  });
}

/** The next sort when a column header is clicked: the same column flips, a new one starts in its natural order. */
export function nextSort(current: SourceSort | null, column: SourceColumn): SourceSort {
  if (current?.column === column) {
    return { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  }
  // Newest and most-cited first are what an analyst looks for; names read A to Z.
  const descendingFirst = column === 'publishedAt' || column === 'claimCount';
  return { column, direction: descendingFirst ? 'descending' : 'ascending' };
}
