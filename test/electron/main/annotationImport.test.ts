// The desktop's report after importing Web Annotations: silent when all became claims, counts and reasons otherwise.
import { describe, expect, it } from 'vitest';
import { annotationImportReport } from '../../../electron/main/annotationImport.ts';

const created = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    annotation: `a${i}`,
    claimId: `c${i}`,
    sourceId: 's',
    matchedBy: 'sha256' as const,
  }));

describe('annotationImportReport', () => {
  it('says nothing when every annotation became a claim', () => {
    expect(
      annotationImportReport({ fileName: 'a.json', annotations: 2, created: created(2), refused: [] }),
    ).toBeNull();
  });

  it('counts imported, duplicate and refused annotations, and lists at most 20 reasons', () => {
    const refused = [
      {
        annotation: 'dup',
        problem: 'duplicate' as const,
        message: 'The case has this claim already (12345678).',
      },
      ...Array.from({ length: 24 }, (_, i) => ({
        annotation: `r${i}`,
        problem: 'quote-not-found' as const,
        message: 'The quote "x" is not in the source.',
      })),
    ];
    const report = annotationImportReport({
      fileName: 'a.json',
      annotations: 28,
      created: created(3),
      refused,
    })!;
    expect(report.message).toBe(
      'Some annotations did not become claims (3 imported, 1 already in the case, 24 refused).',
    );
    const lines = report.detail.split('\n');
    expect(lines).toHaveLength(21);
    expect(lines[0]).toBe('dup: The case has this claim already (12345678).');
    expect(lines.at(-1)).toBe('…and 5 more.');
  });
});
