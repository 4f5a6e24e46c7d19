// Commands between claims and about them: link two claims, list links, and review a claim's citation.
import type { Command } from 'commander';
import { getClaim } from '../../../db/claims.ts';
import { addLink, LINK_RELATIONS, listLinks, type LinkRelation } from '../../../db/links.ts';
import { addReview, VERDICTS, type Verdict } from '../../../db/reviews.ts';
import { block, shortId, table, truncate } from '../format.ts';
import { editUnlessUnchanged, emit, resolveClaimId, withCase, type Session } from '../session.ts';
import { choiceOption, leaf, needs } from './common.ts';

interface JsonOption {
  json?: boolean;
}

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
        withCase(session, path, (c) => {
          const from = resolveClaimId(c, first);
          const to = resolveClaimId(c, second);
          const { value: link } = editUnlessUnchanged(
            c,
            () => listLinks(c, from),
            () => addLink(c, from, to, options.as, options.note),
          );
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
      withCase(session, path, (c) => {
        const links = listLinks(
          c,
          options.claim === undefined ? undefined : resolveClaimId(c, options.claim),
        );
        emit(session, options.json, links, () => {
          const statements = new Map<string, string>();
          const statementOf = (id: string) => {
            if (!statements.has(id)) statements.set(id, truncate(getClaim(c, id).statement, 40));
            return statements.get(id);
          };
          return table(
            ['FROM', 'RELATION', 'TO', 'FROM STATEMENT', 'TO STATEMENT', 'NOTE'],
            links.map((l) => [
              shortId(l.fromClaimId),
              l.relation,
              shortId(l.toClaimId),
              statementOf(l.fromClaimId),
              statementOf(l.toClaimId),
              l.note,
            ]),
            'No links.',
          );
        });
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
      withCase(session, path, (c) => {
        const review = addReview(c, resolveClaimId(c, claimId), options.verdict, options.comment);
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
