// `attest suggest`: the claim suggestions of one source (sentence, date, claimant, entities, kind), and dismissing one.
import type { Command } from 'commander';
import { show, table, truncate } from '../format.ts';
import { emit, resolveSourceId, withCase, type Session } from '../session.ts';
import { leaf } from './common.ts';

/** "120:245" -> the span; anything else is a usage error with an example. */
function span(value: string): { start: number; end: number } {
  const match = /^(\d+):(\d+)$/.exec(value.trim());
  if (!match) throw new Error(`--dismiss takes START:END offsets, like 120:245 (got "${value}").`);
  return { start: Number(match[1]), end: Number(match[2]) };
}

export function registerSuggestCommand(program: Command, session: Session): void {
  leaf(
    program,
    'suggest <case> <source>',
    'candidate claims of a source: sentences with date, claimant, entities',
  )
    .option('--dismiss <start:end>', 'dismiss the suggestion at these offsets, for good')
    .action((path: string, source: string, options: { json?: boolean; dismiss?: string }) =>
      withCase(session, path, async (call) => {
        const sourceId = await resolveSourceId(call, source);
        if (options.dismiss !== undefined) {
          let wanted: { start: number; end: number };
          try {
            wanted = span(options.dismiss);
          } catch (error) {
            session.io.stderr(`attest: ${(error as Error).message}\n`);
            session.exitCode = 2;
            return;
          }
          const dismissed = await call('suggestion.dismiss', { sourceId, ...wanted });
          emit(
            session,
            options.json,
            dismissed,
            () => `Dismissed the suggestion at ${wanted.start}:${wanted.end}.`,
          );
          return;
        }
        const suggestions = await call('suggestion.list', { sourceId });
        emit(session, options.json, suggestions, () =>
          table(
            ['SPAN', 'KIND', 'DATE', 'CLAIMANT', 'ENTITIES', 'QUOTE'],
            suggestions.map((s) => [
              `${s.start}:${s.end}${s.claimed ? '*' : ''}`,
              s.kind,
              show(s.date),
              truncate(show(s.claimant), 30),
              truncate(show(s.entities.map((e) => e.name)), 40),
              truncate(show(s.quote), 70),
            ]),
            'No suggestions for this source.',
          ),
        );
      }),
    );
}
