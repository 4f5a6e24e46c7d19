// The codebook: hierarchical tags with kinds and colors, tagging of claims and sources, rename and merge.
import type { CaseFile } from './caseFile.ts';
import { prepare, transaction } from './caseFile.ts';
import { AttestError, badInput, notFound } from './errors.ts';
import { beginAction, insertEntity, readEntity, updateEntity, type Action } from './history.ts';
import { membershipIdFor, tagIdFor } from './ids.ts';

export const TAG_KINDS = ['topic', 'actor', 'place', 'organization', 'event-type'] as const;
export type TagKind = (typeof TAG_KINDS)[number];

export interface TagRow {
  id: string;
  path: string;
  name: string;
  parentId: string | null;
  kind: TagKind;
  color: string | null;
  description: string | null;
  claimCount: number;
  sourceCount: number;
}

export interface TagOptions {
  kind?: TagKind;
  color?: string | null;
  description?: string | null;
}

/** "  actors / M23 " -> ['actors', 'M23']: segments trimmed, inner white space folded, NFC. */
export function pathSegments(path: string): string[] {
  const segments = path
    .normalize('NFC')
    .split('/')
    .map((s) => s.replace(/\s+/g, ' ').trim());
  if (path.trim() === '' || segments.some((s) => s === '')) {
    throw badInput(`"${path}" is not a tag path: use names separated by "/", like Actors/M23.`);
  }
  if (segments.some((s) => s.length > 120)) throw badInput('A tag name is at most 120 characters.');
  return segments;
}

const keyOf = (segments: string[]): string => segments.map((s) => s.toLowerCase()).join('/');

function checkOptions(options: TagOptions): void {
  if (options.kind !== undefined && !TAG_KINDS.includes(options.kind)) {
    throw badInput(`"${options.kind}" is not a tag kind; use one of ${TAG_KINDS.join(', ')}.`);
  }
  if (options.color != null && !/^#[0-9a-fA-F]{6}$/.test(options.color)) {
    throw badInput(`"${options.color}" is not a color; use #rrggbb, like #d04040.`);
  }
}

interface LiveTag {
  id: string;
  parentId: string | null;
  name: string;
}

function childNamed(c: CaseFile, parentId: string | null, name: string): LiveTag | undefined {
  return prepare(
    c,
    `SELECT id, parent_id AS parentId, name FROM tags
     WHERE deleted = 0 AND parent_id IS :parentId AND lower(name) = lower(:name)`,
  ).get({ parentId, name }) as LiveTag | undefined;
}

/** The live tag at a path, or undefined. */
export function findTag(c: CaseFile, path: string): string | undefined {
  let parentId: string | null = null;
  for (const segment of pathSegments(path)) {
    const tag = childNamed(c, parentId, segment);
    if (!tag) return undefined;
    parentId = tag.id;
  }
  return parentId ?? undefined;
}

export function resolveTag(c: CaseFile, path: string): string {
  const id = findTag(c, path);
  if (!id) throw notFound(`There is no tag "${path}" in this case.`);
  return id;
}

/** The tag at a path, created with its missing ancestors when needed. Returns its id. */
export function ensureTag(c: CaseFile, action: Action, path: string, options: TagOptions = {}): string {
  checkOptions(options);
  const segments = pathSegments(path);
  let parentId: string | null = null;
  segments.forEach((segment, index) => {
    const existing = childNamed(c, parentId, segment);
    const last = index === segments.length - 1;
    if (existing) {
      parentId = existing.id;
      if (last && (options.kind !== undefined || options.color != null || options.description != null)) {
        updateEntity(c, action, 'tag', existing.id, {
          kind: options.kind,
          color: options.color ?? undefined,
          description: options.description ?? undefined,
        });
      }
      return;
    }
    // The id derives from the path, so two teams that create "Actors/M23" create the same tag.
    const key = keyOf(segments.slice(0, index + 1));
    let id = tagIdFor(key);
    for (let n = 2; ; n += 1) {
      const row = readEntity(c, 'tag', id);
      if (!row) break;
      if (row.deleted) {
        updateEntity(c, action, 'tag', id, {
          deleted: false,
          name: segment,
          parentId,
          mergedInto: null,
          ...(last ? options : {}),
        });
        parentId = id;
        return;
      }
      id = tagIdFor(`${key}#${n}`); // the path's own id was taken by a tag since renamed
    }
    insertEntity(c, action, 'tag', id, {
      parentId,
      name: segment,
      kind: (last ? options.kind : undefined) ?? 'topic',
      color: last ? (options.color ?? null) : null,
      description: last ? (options.description ?? null) : null,
      mergedInto: null,
    });
    parentId = id;
  });
  return parentId!;
}

export function addTag(c: CaseFile, path: string, options: TagOptions = {}): TagRow {
  const id = transaction(c, () => ensureTag(c, beginAction(c, `Add tag ${path}`), path, options));
  return getTag(c, id);
}

export function updateTag(c: CaseFile, path: string, options: TagOptions): TagRow {
  checkOptions(options);
  const id = resolveTag(c, path);
  transaction(c, () => updateEntity(c, beginAction(c, `Edit tag ${path}`), 'tag', id, { ...options }));
  return getTag(c, id);
}

export function listTags(c: CaseFile): TagRow[] {
  const rows = prepare(
    c,
    `SELECT t.id, t.parent_id AS parentId, t.name, t.kind, t.color, t.description,
       (SELECT count(*) FROM claim_tags ct JOIN claims cl ON cl.id = ct.claim_id
        WHERE ct.tag_id = t.id AND ct.deleted = 0 AND cl.deleted = 0) AS claimCount,
       (SELECT count(*) FROM source_tags st JOIN sources s ON s.id = st.source_id
        WHERE st.tag_id = t.id AND st.deleted = 0 AND s.deleted = 0) AS sourceCount
     FROM tags t WHERE t.deleted = 0`,
  ).all() as Omit<TagRow, 'path'>[];
  return withPaths(rows);
}

/** Every live tag's path by id, without counts: cheap enough for every listing. */
export function tagPaths(c: CaseFile): Map<string, string> {
  const rows = prepare(c, 'SELECT id, parent_id AS parentId, name FROM tags WHERE deleted = 0').all() as {
    id: string;
    parentId: string | null;
    name: string;
  }[];
  return new Map(withPaths(rows).map((t) => [t.id, t.path]));
}

function withPaths<T extends { id: string; parentId: string | null; name: string }>(
  rows: T[],
): (T & { path: string })[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const pathOf = (row: T, depth = 0): string => {
    const parent = row.parentId ? byId.get(row.parentId) : undefined;
    return parent && depth < 64 ? `${pathOf(parent, depth + 1)}/${row.name}` : row.name;
  };
  return rows
    .map((r) => ({ ...r, path: pathOf(r) }))
    .sort((a, b) => a.path.localeCompare(b.path, undefined, { sensitivity: 'base' }));
}

export function getTag(c: CaseFile, id: string): TagRow {
  const tag = listTags(c).find((t) => t.id === id);
  if (!tag) throw notFound(`There is no tag with id ${id}.`);
  return tag;
}

/** The ids of a tag and all tags below it, for filters: "Actors" finds claims tagged "Actors/M23". */
export function tagAndDescendants(c: CaseFile, id: string): string[] {
  return prepare(
    c,
    `WITH RECURSIVE below (id) AS (
       SELECT :id UNION SELECT t.id FROM tags t JOIN below b ON t.parent_id = b.id WHERE t.deleted = 0
     ) SELECT id FROM below`,
  )
    .pluck()
    .all({ id }) as string[];
}

function isBelow(c: CaseFile, id: string, ancestorId: string): boolean {
  return tagAndDescendants(c, ancestorId).includes(id);
}

/** Renames or moves a tag ("Actors/M23" -> "Armed groups/M23"); the tags below it move with it. */
export function renameTag(c: CaseFile, path: string, newPath: string): TagRow {
  const id = resolveTag(c, path);
  const segments = pathSegments(newPath);
  const name = segments.at(-1)!;
  transaction(c, () => {
    const action = beginAction(c, `Rename tag ${path} to ${newPath}`);
    const parentId = segments.length > 1 ? ensureTag(c, action, segments.slice(0, -1).join('/')) : null;
    if (parentId && isBelow(c, parentId, id)) throw badInput(`A tag cannot move below itself.`);
    const clash = childNamed(c, parentId, name);
    if (clash && clash.id !== id) {
      throw new AttestError('conflict', `A tag "${newPath}" exists already; merge into it instead.`);
    }
    updateEntity(c, action, 'tag', id, { name, parentId });
  });
  return getTag(c, id);
}

function setMembership(
  c: CaseFile,
  action: Action,
  kind: 'claimTag' | 'sourceTag',
  ownerId: string,
  tagId: string,
  present: boolean,
  ownerIsNew = false,
): boolean {
  const id = membershipIdFor(ownerId, tagId);
  // A record created in this action has no memberships yet: no need to look.
  const row = ownerIsNew ? null : readEntity(c, kind, id);
  if (!row) {
    if (!present) return false;
    const owner = kind === 'claimTag' ? { claimId: ownerId } : { sourceId: ownerId };
    insertEntity(c, action, kind, id, { ...owner, tagId });
    return true;
  }
  return updateEntity(c, action, kind, id, { deleted: !present }).length > 0;
}

export const tagClaim = (
  c: CaseFile,
  action: Action,
  claimId: string,
  tagId: string,
  present = true,
  claimIsNew = false,
): boolean => setMembership(c, action, 'claimTag', claimId, tagId, present, claimIsNew);

export const tagSource = (
  c: CaseFile,
  action: Action,
  sourceId: string,
  tagId: string,
  present = true,
): boolean => setMembership(c, action, 'sourceTag', sourceId, tagId, present);

/** Merges a tag into another: its claims, sources and child tags move over, and it is retired. */
export function mergeTag(c: CaseFile, fromPath: string, intoPath: string): TagRow {
  const fromId = resolveTag(c, fromPath);
  const intoId = resolveTag(c, intoPath);
  if (fromId === intoId) throw badInput('A tag cannot be merged into itself.');
  if (isBelow(c, intoId, fromId))
    throw badInput(`"${intoPath}" is below "${fromPath}"; merge the other way round.`);
  transaction(c, () => {
    const action = beginAction(c, `Merge tag ${fromPath} into ${intoPath}`);
    mergeInto(c, action, fromId, intoId);
  });
  return getTag(c, intoId);
}

function mergeInto(c: CaseFile, action: Action, fromId: string, intoId: string): void {
  const owners = (table: string, column: string) =>
    prepare(c, `SELECT ${column} FROM ${table} WHERE tag_id = ? AND deleted = 0`)
      .pluck()
      .all(fromId) as string[];
  for (const claimId of owners('claim_tags', 'claim_id')) {
    tagClaim(c, action, claimId, intoId, true);
    tagClaim(c, action, claimId, fromId, false);
  }
  for (const sourceId of owners('source_tags', 'source_id')) {
    tagSource(c, action, sourceId, intoId, true);
    tagSource(c, action, sourceId, fromId, false);
  }
  const children = prepare(c, 'SELECT id, name FROM tags WHERE parent_id = ? AND deleted = 0').all(
    fromId,
  ) as {
    id: string;
    name: string;
  }[];
  for (const child of children) {
    const twin = childNamed(c, intoId, child.name);
    if (twin) mergeInto(c, action, child.id, twin.id);
    else updateEntity(c, action, 'tag', child.id, { parentId: intoId });
  }
  updateEntity(c, action, 'tag', fromId, { deleted: true, mergedInto: intoId });
}

/** Retires a tag and the tags below it; claims and sources keep everything else. */
export function deleteTag(c: CaseFile, path: string): void {
  const id = resolveTag(c, path);
  transaction(c, () => {
    const action = beginAction(c, `Delete tag ${path}`);
    for (const tagId of tagAndDescendants(c, id).reverse()) {
      for (const table of ['claim_tags', 'source_tags'] as const) {
        const ids = prepare(c, `SELECT id FROM ${table} WHERE tag_id = ? AND deleted = 0`)
          .pluck()
          .all(tagId) as string[];
        for (const membership of ids) {
          updateEntity(c, action, table === 'claim_tags' ? 'claimTag' : 'sourceTag', membership, {
            deleted: true,
          });
        }
      }
      updateEntity(c, action, 'tag', tagId, { deleted: true });
    }
  });
}

/** Paths of the live tags on each of the given claims (or sources). */
export function tagPathsOf(
  c: CaseFile,
  kind: 'claim' | 'source',
  ownerIds: readonly string[],
): Map<string, string[]> {
  const result = new Map<string, string[]>(ownerIds.map((id) => [id, []]));
  if (ownerIds.length === 0) return result;
  const paths = tagPaths(c);
  const table = kind === 'claim' ? 'claim_tags' : 'source_tags';
  const column = kind === 'claim' ? 'claim_id' : 'source_id';
  const rows = prepare(
    c,
    `SELECT ${column} AS ownerId, tag_id AS tagId FROM ${table}
     WHERE deleted = 0 AND ${column} IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(ownerIds)) as { ownerId: string; tagId: string }[];
  for (const row of rows) {
    const path = paths.get(row.tagId);
    if (path) result.get(row.ownerId)?.push(path);
  }
  for (const list of result.values()) list.sort();
  return result;
}

/** Every tag membership a claim has had, live or removed, with its tag's path (or name, once retired). */
export function claimMemberships(c: CaseFile, claimId: string): { id: string; tag: string }[] {
  const paths = tagPaths(c);
  const rows = prepare(
    c,
    `SELECT ct.id, ct.tag_id AS tagId, t.name FROM claim_tags ct JOIN tags t ON t.id = ct.tag_id
     WHERE ct.claim_id = ? ORDER BY ct.seq`,
  ).all(claimId) as { id: string; tagId: string; name: string }[];
  return rows.map((r) => ({ id: r.id, tag: paths.get(r.tagId) ?? r.name }));
}
