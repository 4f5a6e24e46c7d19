// Links between claims: corroborates, contradicts, same event, repeats (a copy of one wire story).
import type { CaseFile } from './caseFile.ts';
import { prepare, transaction } from './caseFile.ts';
import { badInput, notFound } from './errors.ts';
import { beginAction, insertEntity, readEntity, updateEntity } from './history.ts';
import { linkIdFor } from './ids.ts';

export const LINK_RELATIONS = ['corroborates', 'contradicts', 'same-event', 'repeats'] as const;
export type LinkRelation = (typeof LINK_RELATIONS)[number];

/** "repeats" has a direction (the copy repeats the original); the others read the same both ways. */
const SYMMETRIC: readonly LinkRelation[] = ['corroborates', 'contradicts', 'same-event'];

export interface LinkRow {
  id: string;
  fromClaimId: string;
  toClaimId: string;
  relation: LinkRelation;
  note: string | null;
  createdAt: string;
  createdBy: string;
}

function checkClaim(c: CaseFile, id: string): void {
  const row = prepare(c, 'SELECT deleted FROM claims WHERE id = ?').get(id) as
    { deleted: number } | undefined;
  if (!row || row.deleted) throw notFound(`There is no claim with id ${id} in this case.`);
}

/** Links two claims; linking them the same way again returns the existing link. */
export function addLink(
  c: CaseFile,
  fromClaimId: string,
  toClaimId: string,
  relation: LinkRelation,
  note?: string,
): LinkRow {
  if (!LINK_RELATIONS.includes(relation)) {
    throw badInput(`"${relation}" is not a link; use one of ${LINK_RELATIONS.join(', ')}.`);
  }
  if (fromClaimId === toClaimId) throw badInput('A claim cannot be linked to itself.');
  checkClaim(c, fromClaimId);
  checkClaim(c, toClaimId);
  // The same link made by two analysts is one link: its id derives from its ends and relation.
  const [from, to] =
    SYMMETRIC.includes(relation) && toClaimId < fromClaimId
      ? [toClaimId, fromClaimId]
      : [fromClaimId, toClaimId];
  const id = linkIdFor(from, to, relation);
  transaction(c, () => {
    const existing = readEntity(c, 'link', id);
    if (existing && !existing.deleted) {
      if (note !== undefined)
        updateEntity(c, beginAction(c, 'Edit link'), 'link', id, { note: note.trim() || null });
      return;
    }
    const action = beginAction(c, `Link claims (${relation})`);
    if (existing) updateEntity(c, action, 'link', id, { deleted: false, note: note?.trim() || null });
    else
      insertEntity(c, action, 'link', id, {
        fromClaimId: from,
        toClaimId: to,
        relation,
        note: note?.trim() || null,
      });
  });
  return getLink(c, id);
}

export function deleteLink(c: CaseFile, id: string): void {
  const existing = readEntity(c, 'link', id);
  if (!existing || existing.deleted) throw notFound(`There is no link with id ${id} in this case.`);
  transaction(c, () => updateEntity(c, beginAction(c, 'Remove link'), 'link', id, { deleted: true }));
}

const SELECT_LINK = `
  SELECT l.id, l.from_claim_id AS fromClaimId, l.to_claim_id AS toClaimId, l.relation, l.note,
    l.created_at AS createdAt, a.name AS createdBy
  FROM links l JOIN authors a ON a.id = l.created_by`;

const toLink = (raw: Omit<LinkRow, 'createdAt'> & { createdAt: number }): LinkRow => ({
  ...raw,
  createdAt: new Date(raw.createdAt).toISOString(),
});

export function getLink(c: CaseFile, id: string): LinkRow {
  const raw = prepare(c, `${SELECT_LINK} WHERE l.id = ? AND l.deleted = 0`).get(id) as
    Parameters<typeof toLink>[0] | undefined;
  if (!raw) throw notFound(`There is no link with id ${id} in this case.`);
  return toLink(raw);
}

/** Live links between live claims; with a claim id, only those that touch it. */
export function listLinks(c: CaseFile, claimId?: string): LinkRow[] {
  const rows = prepare(
    c,
    `${SELECT_LINK}
     JOIN claims f ON f.id = l.from_claim_id AND f.deleted = 0
     JOIN claims t ON t.id = l.to_claim_id AND t.deleted = 0
     WHERE l.deleted = 0 AND (:claimId IS NULL OR l.from_claim_id = :claimId OR l.to_claim_id = :claimId)
     ORDER BY l.created_at, l.id`,
  ).all({ claimId: claimId ?? null }) as Parameters<typeof toLink>[0][];
  return rows.map(toLink);
}
