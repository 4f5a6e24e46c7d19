// Claim commands: add (anchored by quote or by offsets), edit, delete, show (with links, reviews, history), list.
import type { Command } from 'commander';
import {
  CLAIM_STATUSES,
  createClaim,
  deleteClaim,
  getClaim,
  listClaims,
  updateClaim,
  type ClaimAnchor,
  type ClaimRow,
  type ClaimStatus,
} from '../../../db/claims.ts';
import { historyOf, type HistoryEntry } from '../../../db/history.ts';
import { listLinks } from '../../../db/links.ts';
import { listReviews } from '../../../db/reviews.ts';
import { claimMemberships } from '../../../db/tags.ts';
import { block, NONE, oneLine, quoteInContext, shortId, show, table, truncate } from '../format.ts';
import { CLEAR, clearableNumber, cleared, collect, wholeNumber } from '../options.ts';
import {
  editUnlessUnchanged,
  emit,
  resolveClaimId,
  resolveSourceId,
  usageError,
  withCase,
  type Session,
} from '../session.ts';
import { choiceOption, leaf, needs } from './common.ts';

interface JsonOption {
  json?: boolean;
}

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

const span = (claim: Pick<ClaimRow, 'start' | 'end'>): string => `${claim.start}..${claim.end}`;

const dateText = (claim: Pick<ClaimRow, 'date' | 'earliest' | 'latest'>): string => {
  if (!claim.date) return NONE;
  if (claim.earliest === claim.latest && claim.date === claim.earliest) return claim.date;
  return `${claim.date} (${claim.earliest ?? '..'} to ${claim.latest ?? '..'})`;
};

export function claimBlock(claim: ClaimRow): string {
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

/** The claim's own history and that of its tag memberships, retired tags included. */
function claimHistory(
  c: Parameters<typeof historyOf>[0],
  claimId: string,
): { entries: HistoryEntry[]; tagOf: Map<string, string> } {
  const tagOf = new Map(claimMemberships(c, claimId).map((m) => [m.id, m.tag]));
  return { entries: historyOf(c, [claimId, ...tagOf.keys()]), tagOf };
}

function describeChange(entry: HistoryEntry, tagOf: Map<string, string>): string {
  if (entry.entity === 'claimTag') {
    const tag = tagOf.get(entry.entityId) ?? 'a tag';
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
      withCase(session, path, (c) => {
        const sourceId = resolveSourceId(c, options.source);
        const anchor: ClaimAnchor = byQuote
          ? { sourceId, quote: options.quote!, occurrence: options.occurrence }
          : { sourceId, start: options.start!, end: options.end! };
        const created = createClaim(c, {
          anchor,
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
      withCase(session, path, (c) => {
        const given = Object.entries(options).filter(
          ([name, value]) => name !== 'json' && value !== undefined,
        );
        if (given.length === 0) {
          throw usageError('Nothing to change: give at least one option (see attest claim edit --help).');
        }
        const claimId = resolveClaimId(c, id);
        const { value: updated, changed } = editUnlessUnchanged(
          c,
          () => getClaim(c, claimId),
          () =>
            updateClaim(c, claimId, {
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
            }),
        );
        emit(session, options.json, updated, () =>
          changed
            ? `Updated claim ${updated.id}.\n${claimBlock(updated)}`
            : `Nothing changed: claim ${updated.id} already reads so.`,
        );
      }),
    );

  leaf(claim, 'delete <case> <id>', 'delete a claim (attest undo brings it back)').action(
    (path: string, id: string, options: JsonOption) =>
      withCase(session, path, (c) => {
        const claimId = resolveClaimId(c, id);
        deleteClaim(c, claimId);
        emit(session, options.json, { deleted: claimId }, () => `Deleted claim ${claimId}.`);
      }),
  );

  leaf(
    claim,
    'show <case> <id>',
    'show a claim with its links, reviews (stale ones flagged) and history',
  ).action((path: string, id: string, options: JsonOption) =>
    withCase(session, path, (c) => {
      const found = getClaim(c, resolveClaimId(c, id));
      const links = listLinks(c, found.id);
      const reviews = listReviews(c, found.id);
      const { entries, tagOf } = claimHistory(c, found.id);
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
          describeChange(e, tagOf),
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
    .option('--from <day>', 'only claims whose event date reaches this day or later (YYYY-MM-DD)')
    .option('--to <day>', 'only claims whose event date starts on or before this day (YYYY-MM-DD)')
    .option('--limit <n>', 'at most this many claims', wholeNumber('The limit', 1))
    .action((path: string, options: ClaimListOptions) =>
      withCase(session, path, (c) => {
        const claims = listClaims(c, {
          sourceId: options.source === undefined ? undefined : resolveSourceId(c, options.source),
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
