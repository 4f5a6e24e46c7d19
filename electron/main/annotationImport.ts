// What the desktop tells the analyst after importing Web Annotations: nothing when every one became a claim,
// otherwise how many did and, one line each, why the others did not.
import type { AnnotationImportResult } from '../contract/index.ts';

/** Lines of detail shown at most; a long list ends with how many more there are. */
const MAX_LINES = 20;

export function annotationImportReport(
  result: AnnotationImportResult,
): { message: string; detail: string } | null {
  if (result.refused.length === 0) return null;
  const duplicates = result.refused.filter((r) => r.problem === 'duplicate').length;
  const refused = result.refused.length - duplicates;
  const parts = [`${result.created.length} imported`];
  if (duplicates > 0) parts.push(`${duplicates} already in the case`);
  if (refused > 0) parts.push(`${refused} refused`);
  const lines = result.refused.slice(0, MAX_LINES).map((r) => `${r.annotation}: ${r.message}`);
  if (result.refused.length > MAX_LINES) lines.push(`…and ${result.refused.length - MAX_LINES} more.`);
  return {
    message: `Some annotations did not become claims (${parts.join(', ')}).`,
    detail: lines.join('\n'),
  };
}
