// Codebook commands: add, list, rename (or move), merge and delete hierarchical tags.
import type { Command } from 'commander';
import type { Tag, TagKind } from '../../contract/index.ts';
import { block, table } from '../format.ts';
import { color } from '../options.ts';
import { changed, emit, withCase, type Session } from '../session.ts';
import { choiceOption, leaf, TAG_KINDS, type JsonOption } from './common.ts';

interface TagAddOptions extends JsonOption {
  kind?: TagKind;
  color?: string;
  description?: string;
}

const tagBlock = (tag: Tag): string =>
  block([
    ['Tag', tag.path],
    ['Id', tag.id],
    ['Kind', tag.kind],
    ['Color', tag.color],
    ['Description', tag.description],
    ['Claims', tag.claimCount],
    ['Sources', tag.sourceCount],
  ]);

export function registerTagCommands(program: Command, session: Session): void {
  const tag = program.command('tag').description('add, rename, merge or delete a tag of the codebook');

  leaf(tag, 'add <case> <path>', 'add a tag, like Actors/Ruzizi Front (missing parents are added too)')
    .addOption(choiceOption('--kind <kind>', 'what the tag names', TAG_KINDS))
    .option('--color <#rrggbb>', 'its color, like #d04040', color)
    .option('--description <text>', 'what it means, for other analysts')
    .action((path: string, tagPath: string, options: TagAddOptions) =>
      withCase(session, path, async (call) => {
        const before = await call('tag.list', {});
        const added = await call('tag.add', {
          path: tagPath,
          kind: options.kind,
          color: options.color,
          description: options.description,
        });
        const edited = changed(before, await call('tag.list', {}));
        emit(session, options.json, added, () =>
          edited
            ? `Added tag ${added.path}.\n${tagBlock(added)}`
            : `Nothing changed: tag ${added.path} is there already.`,
        );
      }),
    );

  leaf(tag, 'rename <case> <path> <new-path>', 'rename or move a tag; the tags below it move with it').action(
    (path: string, tagPath: string, newPath: string, options: JsonOption) =>
      withCase(session, path, async (call) => {
        const renamed = await call('tag.rename', { path: tagPath, newPath });
        emit(session, options.json, renamed, () => `Renamed tag ${tagPath} to ${renamed.path}.`);
      }),
  );

  leaf(
    tag,
    'merge <case> <from> <into>',
    'merge a tag into another: its claims, sources and child tags move over',
  ).action((path: string, from: string, into: string, options: JsonOption) =>
    withCase(session, path, async (call) => {
      const merged = await call('tag.merge', { from, into });
      emit(
        session,
        options.json,
        merged,
        () => `Merged tag ${from} into ${merged.path}.\n${tagBlock(merged)}`,
      );
    }),
  );

  leaf(tag, 'delete <case> <path>', 'delete a tag and the tags below it (claims and sources stay)').action(
    (path: string, tagPath: string, options: JsonOption) =>
      withCase(session, path, async (call) => {
        await call('tag.delete', { path: tagPath });
        emit(session, options.json, { deleted: tagPath }, () => `Deleted tag ${tagPath}.`);
      }),
  );

  leaf(program, 'tags <case>', 'list the codebook: every tag with its kind and counts').action(
    (path: string, options: JsonOption) =>
      withCase(session, path, async (call) => {
        const tags = await call('tag.list', {});
        emit(session, options.json, tags, () =>
          table(
            ['PATH', 'KIND', 'COLOR', 'CLAIMS', 'SOURCES', 'DESCRIPTION'],
            tags.map((t) => [t.path, t.kind, t.color, t.claimCount, t.sourceCount, t.description]),
            'No tags.',
          ),
        );
      }),
  );
}
