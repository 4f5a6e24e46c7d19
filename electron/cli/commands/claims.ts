// Claim commands: add (anchored by quote or by offsets), edit, delete, show (with links, reviews, history), list.
import type { Command } from 'commander';
import type { Claim, ClaimStatus, HistoryEntry, MethodInput } from '../../contract/index.ts';
import { block, NONE, oneLine, quoteInContext, shortId, show, table, truncate } from '../format.ts';
import { CLEAR, clearableNumber, cleared, collect, day, wholeNumber } from '../options.ts';
import {
  changed,
  emit,
  resolveClaimId,
  resolveSourceId,
  usageError,
  withCase,
  type Session,
} from '../session.ts';
import { choiceOption, CLAIM_STATUSES, leaf, needs, type JsonOption } from './common.ts';

interface ClaimFieldOptions extends JsonOption {
  statement?: string;
  claimant?: string;
  date?: string;
  place?: string;
  actor?: string[];
  eventType?: string;
  credibility?: number | typeof CLEAR;
  status?: ClaimStatus;
  note?: string;
  tag?: string[];
}

interface ClaimAddOptions extends ClaimFieldOptions {
  source: string;
  statement: string;
  quote?: string;
  occurrence?: number;
  start?: number;
  end?: number;
}

interface ClaimEditOptions extends ClaimFieldOptions {
  untag?: string[];
}

interface ClaimListOptions extends JsonOption {
  source?: string;
  tag?: string;
  status?: ClaimStatus;
  claimant?: string;
  from?: string;
  to?: string;
  limit?: number;
}

const span = (claim: Pick<Claim, 'start' | 'end'>): string => `${claim.start}..${claim.end}`;

const dateText = (claim: Pick<Claim, 'date' | 'earliest' | 'latest'>): string => {
  if (!claim.date) return NONE;
  if (claim.earliest === claim.latest && claim.date === claim.earliest) return claim.date;
  return `${claim.date} (${claim.earliest ?? '..'} to ${claim.latest ?? '..'})`;
};

export function claimBlock(claim: Claim): string {
  return block([
    ['Claim', claim.id],
    ['Source', `${claim.sourceId}, characters ${span(claim)}`],
    ['Quote', quoteInContext(claim.prefix, claim.quote, claim.suffix)],
    ['Statement', claim.statement],
    ['Claimant', claim.claimant],
    ['Date', dateText(claim)],
    ['Place', claim.place],
    ['Actors', claim.actors],
    ['Event type', claim.eventType],
    ['Credibility', claim.credibility],
    ['Status', claim.status],
    ['Tags', claim.tags],
    ['Note', claim.note],
    ['Created', `${claim.createdAt} by ${claim.createdBy}`],
    ['Updated', `${claim.updatedAt} by ${claim.updatedBy}`],
  ]);
}

/** The options that carry claim fields, shared by `claim add` and `claim edit`. */
function fieldOptions(command: Command): Command {
  return command
    .option('--claimant <who>', 'who asserts it (as distinct from the outlet), like "the health ministry"')
    .option('--date <edtf>', 'when the event happened, as EDTF: 2025-02-16, 2025-02~, 2025-02-15/2025-02-17')
    .option('--place <place>', 'where it happened')
    .option('--actor <name>', 'who was involved (repeatable)', collect)
    .option('--event-type <type>', 'what kind of event, like "shelling"')
    .option(
      '--credibility <1-6>',
      'Admiralty credibility, 1 (confirmed) to 6 (cannot be judged)',
      clearableNumber('The credibility', 1, 6),
    )
    .addOption(
      choiceOption('--status <status>', 'where the claim stands (a new claim is a draft)', CLAIM_STATUSES),
    )
    .option('--note <note>', 'a note for other analysts')
    .option('--tag <path>', 'add a tag, like Actors/Ruzizi Front (repeatable; created if new)', collect);
}

function describeChange(entry: HistoryEntry): string {
  if (entry.entity === 'claimTag') {
    const tag = entry.tag ?? 'a tag';
    const removed = entry.field === 'deleted' ? entry.value === true : false;
    return `${removed ? 'untagged' : 'tagged'} ${tag}`;
  }
  if (entry.field === '*') return 'created';
  if (entry.field === 'deleted') return entry.value === true ? 'deleted' : 'restored';
  return `${entry.field} = ${truncate(show(entry.value), 60)}`;
}

export function registerClaimCommands(program: Command, session: Session): void {
  const claim = program.command('claim').description('add, edit, delete or show one claim');

  fieldOptions(
    leaf(claim, 'add <case>', 'add a claim: exact words of a source, and what they claim')
      .option('--source <id>', '(required) the source the words are in')
      .option('--quote <text>', 'the exact words of the source')
      .option(
        '--occurrence <n>',
        'which occurrence of the quote, when it appears more than once',
        wholeNumber('The occurrence', 1),
      )
      .option(
        '--start <n>',
        'instead of --quote: where the words start (a character offset)',
        wholeNumber('The start', 0),
      )
      .option('--end <n>', 'with --start: where the words end (exclusive)', wholeNumber('The end', 1))
      .option('--statement <text>', '(required) what the words claim, in your own words')
      .hook('preAction', needs('--source', '--statement')),
  )
    .addHelpText(
      'after',
      '\nExample:\n  attest claim add goma.attest --source 3f2a9c1e --quote "At least 43 people were killed" \\\n' +
        '    --statement "At least 43 people were killed in the fighting" --claimant "health ministry" --date 2025-02-21',
    )
    .action((path: string, options: ClaimAddOptions) => {
      const byQuote = options.quote !== undefined;
      const byOffsets = options.start !== undefined || options.end !== undefined;
      if (byQuote && byOffsets) throw usageError('Give either --quote or --start and --end, not both.');
      if (!byQuote && !byOffsets) throw usageError('Say which words: --quote TEXT, or --start N --end N.');
      if (byOffsets && (options.start === undefined || options.end === undefined)) {
        throw usageError('--start and --end go together: give both.');
      }
      if (options.occurrence !== undefined && !byQuote) throw usageError('--occurrence goes with --quote.');
      return withCase(session, path, async (call) => {
        const sourceId = await resolveSourceId(call, options.source);
        const anchor: Pick<MethodInput<'claim.create'>, 'quote' | 'occurrence' | 'start' | 'end'> = byQuote
          ? { quote: options.quote!, occurrence: options.occurrence }
          : { start: options.start!, end: options.end! };
        const created = await call('claim.create', {
          sourceId,
          ...anchor,
          statement: options.statement,
          claimant: options.claimant,
          date: options.date,
          place: options.place,
          actors: options.actor,
          eventType: options.eventType,
          credibility: cleared(options.credibility),
          status: options.status,
          note: options.note,
          tags: options.tag,
        });
        emit(session, options.json, created, () => `Added claim ${created.id}.\n${claimBlock(created)}`);
      });
    });

  fieldOptions(
    leaf(
      claim,
      'edit <case> <id>',
      "change a claim's fields and tags (an empty value clears an optional field)",
    )
      .option('--statement <text>', 'what the words claim, in your own words')
      .option('--untag <path>', 'remove a tag (repeatable)', collect),
  )
    .addHelpText(
      'after',
      '\n--actor replaces the list of actors; --actor "" clears it. The quote itself never changes.',
    )
    .action((path: string, id: string, options: ClaimEditOptions) =>
      withCase(session, path, async (call) => {
        const given = Object.entries(options).filter(
          ([name, value]) => name !== 'json' && value !== undefined,
        );
        if (given.length === 0) {
          throw usageError('Nothing to change: give at least one option (see attest claim edit --help).');
        }
        const claimId = await resolveClaimId(call, id);
        const before = await call('claim.get', { id: claimId });
        const updated = await call('claim.update', {
          id: claimId,
          statement: options.statement,
          claimant: options.claimant,
          date: options.date,
          place: options.place,
          actors: options.actor,
          eventType: options.eventType,
          credibility: cleared(options.credibility),
          status: options.status,
          note: options.note,
          tags: options.tag,
          untag: options.untag,
        });
        const edited = changed(before, updated);
        emit(session, options.json, updated, () =>
          edited
            ? `Updated claim ${updated.id}.\n${claimBlock(updated)}`
            : `Nothing changed: claim ${updated.id} already reads so.`,
        );
      }),
    );

  leaf(claim, 'delete <case> <id>', 'delete a claim (attest undo brings it back)').action(
    (path: string, id: string, options: JsonOption) =>
      withCase(session, path, async (call) => {
        const claimId = await resolveClaimId(call, id);
        await call('claim.delete', { id: claimId });
        emit(session, options.json, { deleted: claimId }, () => `Deleted claim ${claimId}.`);
      }),
  );

  leaf(
    claim,
    'show <case> <id>',
    'show a claim with its links, reviews (stale ones flagged) and history',
  ).action((path: string, id: string, options: JsonOption) =>
    withCase(session, path, async (call) => {
      const found = await call('claim.get', { id: await resolveClaimId(call, id) });
      const links = await call('link.list', { claimId: found.id });
      const reviews = await call('review.list', { claimId: found.id });
      const entries = await call('claim.history', { id: found.id });
      emit(session, options.json, { claim: found, links, reviews, history: entries }, () => {
        const linkRows = links.map((l) => {
          const outgoing = l.fromClaimId === found.id;
          return [
            outgoing ? 'this' : shortId(l.fromClaimId),
            l.relation,
            outgoing ? shortId(l.toClaimId) : 'this',
            l.note,
          ];
        });
        const reviewRows = reviews.map((r) => [
          r.reviewedAt,
          r.reviewer,
          r.verdict,
          r.stale ? 'stale' : 'current',
          r.comment,
        ]);
        const historyRows = entries.map((e) => [
          e.at,
          e.author,
          e.actionKind === 'do' ? e.action : `${e.actionKind} ${e.action}`,
          describeChange(e),
        ]);
        return [
          claimBlock(found),
          '',
          'Links:',
          table(['FROM', 'RELATION', 'TO', 'NOTE'], linkRows, '  none'),
          '',
          'Reviews:',
          table(['REVIEWED', 'REVIEWER', 'VERDICT', 'STATE', 'COMMENT'], reviewRows, '  none'),
          '',
          'History:',
          table(['AT', 'AUTHOR', 'ACTION', 'CHANGE'], historyRows, '  none'),
        ].join('\n');
      });
    }),
  );

  leaf(program, 'claims <case>', 'list claims, in source order')
    .option('--source <id>', 'only claims on this source')
    .option('--tag <path>', 'only claims with this tag (or a tag below it)')
    .addOption(choiceOption('--status <status>', 'only claims with this status', CLAIM_STATUSES))
    .option('--claimant <who>', 'only claims by this claimant')
    .option('--from <day>', 'only claims whose event date reaches this day or later (YYYY-MM-DD)', day)
    .option('--to <day>', 'only claims whose event date starts on or before this day (YYYY-MM-DD)', day)
    .option('--limit <n>', 'at most this many claims', wholeNumber('The limit', 1, 100_000))
    .action((path: string, options: ClaimListOptions) =>
      withCase(session, path, async (call) => {
        const claims = await call('claim.list', {
          sourceId: options.source === undefined ? undefined : await resolveSourceId(call, options.source),
          tag: options.tag,
          status: options.status,
          claimant: options.claimant,
          from: options.from,
          to: options.to,
          limit: options.limit,
        });
        emit(session, options.json, claims, () =>
          table(
            ['ID', 'SOURCE', 'SPAN', 'DATE', 'STATUS', 'CLAIMANT', 'PLACE', 'TAGS', 'STATEMENT', 'QUOTE'],
            claims.map((cl) => [
              shortId(cl.id),
              shortId(cl.sourceId),
              span(cl),
              cl.date,
              cl.status,
              cl.claimant,
              cl.place,
              cl.tags,
              truncate(cl.statement, 50),
              `“${truncate(oneLine(cl.quote), 50)}”`,
            ]),
            'No claims.',
          ),
        );
      }),
    );
}
