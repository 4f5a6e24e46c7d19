// Near-copy commands: list a source's near-copies, and mark or unmark one source as a repeat of another.
import type { Command } from 'commander';
import type { ImportResult, NearCopy } from '../../contract/index.ts';
import { shortId, table, truncate } from '../format.ts';
import { emit, resolveSourceId, withCase, type Session } from '../session.ts';
import { leaf, type JsonOption } from './common.ts';

export const percent = (similarity: number): string => `${Math.round(similarity * 100)}%`;

/** One line per near-copy found at import: "report.txt: near-copy of 1a2b3c4d The title (87%)". */
export function nearCopyLines(results: readonly ImportResult[]): string {
  return results
    .flatMap((r) =>
      r.ok
        ? r.repeats.map(
            (copy) =>
              `${r.fileName}: near-copy of ${shortId(copy.sourceId)} ${truncate(copy.title, 60)} (${percent(copy.similarity)})`,
          )
        : [],
    )
    .join('\n');
}

const nearCopyTable = (copies: readonly NearCopy[]): string =>
  table(
    ['ID', 'SIMILAR', 'OUTLET', 'TITLE'],
    copies.map((copy) => [
      shortId(copy.sourceId),
      percent(copy.similarity),
      copy.outlet,
      truncate(copy.title, 60),
    ]),
    'No near-copies.',
  );

/** `attest repeats` beside `attest sources`, and `mark-repeat` / `unmark-repeat` under `attest source`. */
export function registerRepeatCommands(program: Command, source: Command, session: Session): void {
  leaf(program, 'repeats <case> <source>', 'list near-copies of a source (the same story in other sources)')
    .addHelpText(
      'after',
      '\nA near-copy shares most of its five-word sequences with the source (an estimate of at least 50%):\n' +
        'the same wire story with another headline, byline or a sentence added or cut. Two copies of one\n' +
        'story are not independent corroboration; mark one with `attest source mark-repeat`.',
    )
    .action((path: string, id: string, options: JsonOption) =>
      withCase(session, path, async (call) => {
        const copies = await call('source.repeats', { sourceId: await resolveSourceId(call, id) });
        emit(session, options.json, copies, () => nearCopyTable(copies));
      }),
    );

  leaf(
    source,
    'mark-repeat <case> <id> <of-id>',
    'mark a source as a repeat of another (the same story)',
  ).action((path: string, id: string, ofId: string, options: JsonOption) =>
    withCase(session, path, async (call) => {
      const sourceId = await resolveSourceId(call, id);
      const repeatsId = await resolveSourceId(call, ofId);
      const updated = await call('source.markRepeat', { sourceId, repeatsId });
      const original = await call('source.get', { id: repeatsId });
      emit(
        session,
        options.json,
        { ...updated, text: undefined },
        () =>
          `Marked ${shortId(sourceId)} ${truncate(updated.title, 50)} as a repeat of ${shortId(repeatsId)} ${truncate(original.title, 50)}.`,
      );
    }),
  );

  leaf(source, 'unmark-repeat <case> <id> <of-id>', 'take back a repeat mark').action(
    (path: string, id: string, ofId: string, options: JsonOption) =>
      withCase(session, path, async (call) => {
        const sourceId = await resolveSourceId(call, id);
        const repeatsId = await resolveSourceId(call, ofId);
        const updated = await call('source.unmarkRepeat', { sourceId, repeatsId });
        emit(
          session,
          options.json,
          { ...updated, text: undefined },
          () =>
            `${shortId(sourceId)} ${truncate(updated.title, 50)} is no longer marked as a repeat of ${shortId(repeatsId)}.`,
        );
      }),
  );
}
