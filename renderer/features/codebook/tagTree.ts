// Pure helpers of the codebook: the tag tree from the flat list, and the paths a move or merge may target.
import type { Tag } from '../../../electron/contract/index.ts';

export interface TagNode {
  tag: Tag;
  depth: number;
  children: TagNode[];
}

/** Tags as a tree by path ("Actors/M23" under "Actors"), siblings by name; an orphan's parent missing = a root. */
export function buildTagTree(tags: readonly Tag[]): TagNode[] {
  const byPath = new Map<string, TagNode>();
  const sorted = [...tags].sort((a, b) => a.path.localeCompare(b.path));
  for (const tag of sorted) byPath.set(tag.path, { tag, depth: 0, children: [] });
  const roots: TagNode[] = [];
  for (const tag of sorted) {
    const node = byPath.get(tag.path)!;
    const parent = byPath.get(parentPath(tag.path));
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  const setDepth = (nodes: TagNode[], depth: number) => {
    nodes.sort((a, b) => a.tag.name.localeCompare(b.tag.name));
    for (const node of nodes) {
      node.depth = depth;
      setDepth(node.children, depth + 1);
    }
  };
  setDepth(roots, 0);
  return roots;
}

/** The tree in display order, one entry per tag, each after its parent. */
export function flattenTree(nodes: readonly TagNode[]): TagNode[] {
  return nodes.flatMap((node) => [node, ...flattenTree(node.children)]);
}

/** "Actors/M23" -> "Actors"; a root tag -> "". */
export function parentPath(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** The last segment of a path: the tag's own name. */
export const tagName = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

/** The path of a tag given a new name under the same parent. */
export function renamedPath(path: string, newName: string): string {
  const parent = parentPath(path);
  const name = newName.trim().replace(/\//g, '-');
  return parent ? `${parent}/${name}` : name;
}

/** The path of a tag moved under `newParent` ("" = top level), keeping its name. */
export function movedPath(path: string, newParent: string): string {
  const parent = newParent.trim().replace(/^\/+|\/+$/g, '');
  return parent ? `${parent}/${tagName(path)}` : tagName(path);
}

/** True when `path` is `ancestor` itself or lies under it. */
export const isWithin = (path: string, ancestor: string): boolean =>
  path === ancestor || path.startsWith(`${ancestor}/`);

/** Where a tag may move or merge: any tag outside its own subtree. */
export const targetsFor = (path: string, tags: readonly Tag[]): string[] =>
  tags
    .map((tag) => tag.path)
    .filter((each) => !isWithin(each, path))
    .sort((a, b) => a.localeCompare(b));
