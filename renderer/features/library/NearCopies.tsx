// Near-copies of a source just imported: the same story already in the case, to mark as a repeat or compare.
// Two copies of one wire story are not two witnesses, so the analyst is asked at import rather than left to notice.
import type { NearCopy } from '../../../electron/contract/index.ts';
import { useStores } from '../../stores/StoresProvider.tsx';

export const similarityPercent = (similarity: number): string => `${Math.round(similarity * 100)}%`;

export function NearCopies({
  fileName,
  sourceId,
  copies,
  marked,
  onMark,
}: {
  fileName: string;
  sourceId: string;
  copies: readonly NearCopy[];
  marked: readonly string[];
  onMark(repeatsId: string): Promise<void>;
}) {
  const stores = useStores();
  const compare = async (otherId: string) => {
    stores.view.getState().show('compare');
    const { pick } = stores.compare.getState();
    await Promise.all([pick('left', sourceId), pick('right', otherId)]);
  };
  return (
    <ul className="near-copies" aria-label={`Near-copies of ${fileName}`}>
      {copies.map((copy) => {
        const isMarked = marked.includes(copy.sourceId);
        return (
          <li key={copy.sourceId}>
            <span className="repeat-badge">Near-copy</span>{' '}
            <span>
              of “{copy.title}”{copy.outlet ? `, ${copy.outlet}` : ''} ({similarityPercent(copy.similarity)})
            </span>{' '}
            <button
              type="button"
              className="link"
              disabled={isMarked}
              aria-label={
                isMarked
                  ? `${fileName} is marked as a repeat of “${copy.title}”`
                  : `Mark as repeat of “${copy.title}”`
              }
              title="Two copies of one story are not independent corroboration"
              onClick={() => void onMark(copy.sourceId)}
            >
              {isMarked ? 'Marked as repeat' : 'Mark as repeat'}
            </button>{' '}
            <button
              type="button"
              className="link"
              aria-label={`Compare side by side with “${copy.title}”`}
              onClick={() => void compare(copy.sourceId)}
            >
              Compare side by side
            </button>
          </li>
        );
      })}
    </ul>
  );
}
