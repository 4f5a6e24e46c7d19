// Finding commands: full-text search over sources and claims, and the timeline of claims by event date.
import type { Command } from 'commander';
import type { BucketUnit, ClaimStatus } from '../../contract/index.ts';
import { markMatches, plural, shortId, table, truncate } from '../format.ts';
import { day, wholeNumber } from '../options.ts';
import { emit, resolveSourceId, withCase, type Session } from '../session.ts';
import { BUCKET_UNITS, choiceOption, CLAIM_STATUSES, leaf, needs } from './common.ts';

interface ClaimFilterOptions {
  json?: boolean;
  source?: string;
  tag?: string;
  status?: ClaimStatus;
  claimant?: string;
  limit?: number;
}

interface ClaimFilter {
  sourceId?: string;
  tag?: string;
  status?: ClaimStatus;
  claimant?: string;
}

function claimFilterOptions(command: Command): Command {
  return command
    .option('--source <id>', 'only claims on this source')
    .option('--tag <path>', 'only claims with this tag (or a tag below it)')
    .addOption(choiceOption('--status <status>', 'only claims with this status', CLAIM_STATUSES))
    .option('--claimant <who>', 'only claims by this claimant');
}

export function registerExploreCommands(program: Command, session: Session): void {
  claimFilterOptions(
    leaf(program, 'search <case> <query>', 'search the words of sources and claims (every word must match)'),
  )
    .option('--from <day>', 'only claims whose event date reaches this day or later (YYYY-MM-DD)', day)
    .option('--to <day>', 'only claims whose event date starts on or before this day (YYYY-MM-DD)', day)
    .option('--limit <n>', 'at most this many results (default 50)', wholeNumber('The limit', 1, 500))
    .addHelpText('after', '\nAny claim filter (tag, status, dates, ...) limits the results to claims.')
    .action((path: string, query: string, options: ClaimFilterOptions & { from?: string; to?: string }) =>
      withCase(session, path, async (call) => {
        const hits = await call('search.query', {
          query,
          sourceId: options.source === undefined ? undefined : await resolveSourceId(call, options.source),
          tag: options.tag,
          status: options.status,
          claimant: options.claimant,
          from: options.from,
          to: options.to,
          limit: options.limit,
        });
        emit(session, options.json, hits, () =>
          table(
            ['KIND', 'ID', 'TITLE', 'SNIPPET'],
            hits.map((h) => [h.kind, shortId(h.id), truncate(h.title, 50), markMatches(h.snippet, h.marks)]),
            `Nothing matches "${query}".`,
          ),
        );
      }),
    );

  claimFilterOptions(
    leaf(
      program,
      'timeline <case>',
      'claims by event date in a window, or counts per day, week, month or year',
    ),
  )
    .option('--from <day>', '(required) first day of the window (YYYY-MM-DD)', day)
    .option('--to <day>', '(required) last day of the window (YYYY-MM-DD)', day)
    .hook('preAction', needs('--from', '--to'))
    .addOption(
      choiceOption(
        '--bucket <unit>',
        'count claims per unit instead of listing them (weeks start on Monday)',
        BUCKET_UNITS,
      ),
    )
    .option('--limit <n>', 'at most this many claims (default 2000)', wholeNumber('The limit', 1, 20_000))
    .addHelpText(
      'after',
      '\nA claim is in the window when its event date (or date range) meets it. Claims without a date are counted\n' +
        'apart, as "undated".',
    )
    .action((path: string, options: ClaimFilterOptions & { from: string; to: string; bucket?: BucketUnit }) =>
      withCase(session, path, async (call) => {
        const filter: ClaimFilter = {
          sourceId: options.source === undefined ? undefined : await resolveSourceId(call, options.source),
          tag: options.tag,
          status: options.status,
          claimant: options.claimant,
        };
        const window = { ...filter, from: options.from, to: options.to };
        const undated = await call('timeline.undated', filter);
        const undatedLine = `${plural(undated.count, 'undated claim')} (no event date) not shown.`;
        if (options.bucket !== undefined) {
          const buckets = await call('timeline.buckets', { ...window, unit: options.bucket });
          emit(
            session,
            options.json,
            { from: options.from, to: options.to, bucket: options.bucket, buckets, undated },
            () =>
              [
                table(
                  [options.bucket!.toUpperCase(), 'CLAIMS'],
                  buckets.map((b) => [b.start, b.count]),
                  `No dated claims between ${options.from} and ${options.to}.`,
                ),
                undatedLine,
              ].join('\n'),
          );
          return;
        }
        const { items, truncated } = await call('timeline.window', { ...window, limit: options.limit });
        emit(session, options.json, { from: options.from, to: options.to, items, truncated, undated }, () =>
          [
            table(
              ['DATE', 'FROM', 'TO', 'CLAIM', 'STATUS', 'CLAIMANT', 'STATEMENT'],
              items.map((i) => [
                i.date,
                i.earliest,
                i.latest ?? 'open',
                shortId(i.id),
                i.status,
                i.claimant,
                truncate(i.statement, 60),
              ]),
              `No claims between ${options.from} and ${options.to}.`,
            ),
            ...(truncated
              ? [
                  `Only the first ${plural(items.length, 'claim')} are shown: narrow the window or use --bucket.`,
                ]
              : []),
            undatedLine,
          ].join('\n'),
        );
      }),
    );
}
