// Commands for exchanging cases: merge a colleague's case file (or JSON export), list and settle conflicts.
import type { Command } from 'commander';
import type { Conflict, EntityKind, MergeSummary } from '../../contract/index.ts';
import { NONE, plural, shortId, show, table, truncate } from '../format.ts';
import { emit, resolvePath, usageError, withCase, type Session } from '../session.ts';
import { leaf, type JsonOption } from './common.ts';

const KIND_LABELS: Record<EntityKind, string> = {
  source: 'sources',
  claim: 'claims',
  tag: 'tags',
  claimTag: 'claim tags',
  sourceTag: 'source tags',
  link: 'links',
  review: 'reviews',
};

export function describeMerge(summary: MergeSummary): string {
  const rows = (Object.keys(KIND_LABELS) as EntityKind[]).map((kind) => {
    const k = summary.kinds[kind];
    return [KIND_LABELS[kind], k.added, k.updated, k.unchanged, k.conflicts];
  });
  const headline =
    summary.changes === 0
      ? `Merged ${summary.name}: nothing new.`
      : `Merged ${summary.name}: ${plural(summary.changes, 'change')} new to this case.`;
  const open =
    summary.openConflicts === 0
      ? 'No open conflicts.'
      : `${plural(summary.openConflicts, 'open conflict')}: see \`attest conflicts\`.`;
  return `${headline}\n${table(['RECORDS', 'ADDED', 'UPDATED', 'UNCHANGED', 'CONFLICTS'], rows, '')}\n${open}`;
}

const valueText = (value: unknown): string =>
  value === null || value === undefined ? NONE : truncate(show(value), 50);

export function registerMergeCommands(program: Command, session: Session): void {
  leaf(program, 'merge <case> <other>', "merge another analyst's case file or JSON export into this case")
    .addHelpText(
      'after',
      '\nOTHER is read, never written. Records meet by id (sources by their text), each field keeps its last\n' +
        'edit, and two edits of one field from the same starting point become a conflict to settle.',
    )
    .action((path: string, other: string, options: JsonOption) =>
      withCase(session, path, async (call) => {
        const summary = await call('case.merge', { path: resolvePath(session, other) });
        emit(session, options.json, summary, () => describeMerge(summary));
      }),
    );

  leaf(program, 'conflicts <case>', 'list the open conflicts left by merges, each with every value').action(
    (path: string, options: JsonOption) =>
      withCase(session, path, async (call) => {
        const conflicts = await call('conflict.list', {});
        emit(session, options.json, conflicts, () => {
          const rows = conflicts.flatMap((conflict) =>
            // Every row names its record, so a row read alone (or grepped) still says what it is about.
            conflict.sides.map((side, index) => [
              shortId(conflict.entityId),
              conflict.entity,
              conflict.field,
              index + 1,
              valueText(side.value),
              side.author,
              side.at.slice(0, 16).replace('T', ' '),
              valueText(conflict.current),
            ]),
          );
          return table(
            ['RECORD', 'KIND', 'FIELD', '#', 'VALUE', 'BY', 'AT', 'NOW'],
            rows,
            'No open conflicts.',
          );
        });
      }),
  );

  leaf(program, 'settle <case> <record> <field>', 'settle a conflict by choosing one of its values')
    .requiredOption('--take <choice>', 'the number of a value in `attest conflicts`, or "current" to keep it')
    .action((path: string, record: string, field: string, options: JsonOption & { take: string }) =>
      withCase(session, path, async (call) => {
        const open = await call('conflict.list', {});
        const matches = open.filter((c) => c.entityId.startsWith(record.toLowerCase()) && c.field === field);
        if (matches.length === 0) throw usageError(`There is no open conflict on ${field} of ${record}.`);
        const ids = new Set(matches.map((c) => c.entityId));
        if (ids.size > 1) throw usageError(`${record} names more than one record; give more of its id.`);
        const conflict: Conflict = matches[0]!;
        let value: unknown;
        if (options.take === 'current') value = conflict.current;
        else {
          const index = Number(options.take);
          const side = Number.isInteger(index) ? conflict.sides[index - 1] : undefined;
          if (!side) {
            throw usageError(`--take is a value's number (1 to ${conflict.sides.length}) or "current".`);
          }
          value = side.value;
        }
        const settled = await call('conflict.settle', {
          entityId: conflict.entityId,
          field: conflict.field,
          baseHlc: conflict.baseHlc,
          value: value as never,
        });
        emit(
          session,
          options.json,
          settled,
          () => `Settled ${field} of ${shortId(conflict.entityId)}: ${valueText(settled.current)}.`,
        );
      }),
    );
}
