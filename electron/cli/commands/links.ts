// Commands between claims and about them: link two claims, list links, and review a claim's citation.
import type { Command } from 'commander';
import type { LinkRelation, Verdict } from '../../contract/index.ts';
import { block, shortId, table, truncate } from '../format.ts';
import { emit, resolveClaimId, withCase, type Session } from '../session.ts';
import { choiceOption, leaf, LINK_RELATIONS, needs, VERDICTS, type JsonOption } from './common.ts';

export function registerLinkCommands(program: Command, session: Session): void {
  leaf(program, 'link <case> <claim> <other-claim>', 'link two claims')
    .addOption(
      choiceOption(
        '--as <relation>',
        '(required) how they relate; repeats: the first claim copies the second, so it is no independent corroboration',
        LINK_RELATIONS,
      ),
    )
    .option('--note <note>', 'why they are linked')
    .hook('preAction', needs('--as'))
    .action(
      (
        path: string,
        first: string,
        second: string,
        options: JsonOption & { as: LinkRelation; note?: string },
      ) =>
        withCase(session, path, async (call) => {
          const from = await resolveClaimId(call, first);
          const to = await resolveClaimId(call, second);
          // The same link again is the same link; the engine records no empty step for undo.
          const link = await call('link.create', {
            fromClaimId: from,
            toClaimId: to,
            relation: options.as,
            note: options.note,
          });
          emit(session, options.json, link, () =>
            block([
              ['Link', link.id],
              ['From', link.fromClaimId],
              ['Relation', link.relation],
              ['To', link.toClaimId],
              ['Note', link.note],
            ]),
          );
        }),
    );

  leaf(program, 'links <case>', 'list the links between claims')
    .option('--claim <id>', 'only the links of this claim')
    .action((path: string, options: JsonOption & { claim?: string }) =>
      withCase(session, path, async (call) => {
        const links = await call('link.list', {
          claimId: options.claim === undefined ? undefined : await resolveClaimId(call, options.claim),
        });
        // The text shows each end's statement: one claim.get per claim, only for the claims the links touch.
        const statements = new Map<string, string>();
        if (!options.json) {
          for (const id of links.flatMap((l) => [l.fromClaimId, l.toClaimId])) {
            if (!statements.has(id))
              statements.set(id, truncate((await call('claim.get', { id })).statement, 40));
          }
        }
        emit(session, options.json, links, () =>
          table(
            ['FROM', 'RELATION', 'TO', 'FROM STATEMENT', 'TO STATEMENT', 'NOTE'],
            links.map((l) => [
              shortId(l.fromClaimId),
              l.relation,
              shortId(l.toClaimId),
              statements.get(l.fromClaimId),
              statements.get(l.toClaimId),
              l.note,
            ]),
            'No links.',
          ),
        );
      }),
    );

  leaf(program, 'review <case> <claim>', "record a verdict on a claim's citation")
    .addOption(choiceOption('--verdict <verdict>', '(required) your verdict', VERDICTS))
    .hook('preAction', needs('--verdict'))
    .option('--comment <text>', 'what you found')
    .addHelpText(
      'after',
      '\nA review holds the version of the claim it judged: a later edit of the claim makes it stale.',
    )
    .action((path: string, claimId: string, options: JsonOption & { verdict: Verdict; comment?: string }) =>
      withCase(session, path, async (call) => {
        const review = await call('review.add', {
          claimId: await resolveClaimId(call, claimId),
          verdict: options.verdict,
          comment: options.comment,
        });
        emit(session, options.json, review, () =>
          block([
            ['Review', review.id],
            ['Claim', review.claimId],
            ['Verdict', review.verdict],
            ['Comment', review.comment],
            ['Reviewer', review.reviewer],
            ['Reviewed', review.reviewedAt],
          ]),
        );
      }),
    );
}
