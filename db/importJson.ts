// Import of the whole-case JSON export: its history is merged like another case file, so an empty case given
// an export becomes the case that was exported, and a non-empty one merges it with nothing lost.
import { z } from 'zod';
import type { CaseFile } from './caseFile.ts';
import { prepare } from './caseFile.ts';
import { badInput } from './errors.ts';
import { EXPORT_FORMAT } from './export.ts';
import type { EntityKind } from './history.ts';
import { applyChangeSet, ENTITY_KINDS, type ChangeSet, type MergeSummary } from './merge.ts';

const text = (max = 1000) => z.string().max(max);
const hlc = z.string().regex(/^\d{15}-\d{6}$/);

/** The parts of an export that an import reads; the live-record lists are results of the history. */
const exportSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(2),
  case: z.object({ caseId: text(100), title: text(), createdAt: text(100) }),
  sources: z.array(z.object({ id: text(100), text: z.string() })),
  history: z.object({
    authors: z.array(z.strictObject({ id: text(100), name: text() })),
    actions: z.array(
      z.strictObject({
        id: text(100),
        authorId: text(100),
        hlc,
        at: z.number().int(),
        kind: z.enum(['do', 'undo', 'redo']),
        label: text(),
        targetId: text(100).nullable(),
      }),
    ),
    changes: z.array(
      z.strictObject({
        actionId: text(100),
        entity: z.enum(ENTITY_KINDS as [string, ...string[]]),
        entityId: text(100),
        field: text(100),
        value: z.unknown(),
        hlc,
        authorId: text(100),
        prevHlc: hlc.nullable(),
      }),
    ),
    texts: z.record(z.string(), z.string()),
    originals: z.array(z.strictObject({ sha256: text(64), mediaType: text(200), base64: z.string() })),
    dismissedSuggestions: z.array(
      z.strictObject({
        id: text(100),
        sourceId: text(100),
        start: z.number().int().min(0),
        end: z.number().int().min(1),
        dismissedBy: text(100),
        dismissedAt: z.number().int(),
      }),
    ),
    conflicts: z.array(
      z.strictObject({
        entity: z.enum(ENTITY_KINDS as [string, ...string[]]),
        entityId: text(100),
        field: text(100),
        baseHlc: hlc,
        settledBy: text(100).nullable(),
        settledAt: z.number().int().nullable(),
      }),
    ),
  }),
});

/**
 * Imports a JSON export (the parsed document) into the case in one transaction. `name` is how the user knows
 * the file. Throws AttestError 'bad-input' with nothing changed when it is not an Attest export or is damaged.
 */
export function importJson(c: CaseFile, document: unknown, name: string): MergeSummary {
  const format = (document as { format?: unknown } | null)?.format;
  if (format !== EXPORT_FORMAT) throw badInput(`${name} is not an Attest case export.`);
  const version = (document as { version?: unknown }).version;
  if (typeof version === 'number' && version > 2) {
    throw badInput(`${name} was exported by a newer version of Attest; update Attest to import it.`);
  }
  if (version !== 2) {
    throw badInput(`${name} is an export from an older Attest without its original files; export it again.`);
  }
  const parsed = exportSchema.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw badInput(`${name} is damaged: ${issue.path.join('.') || 'the document'}: ${issue.message}.`);
  }
  const exported = parsed.data;
  const texts = new Map<string, string>(exported.sources.map((s) => [s.id, s.text]));
  for (const [id, value] of Object.entries(exported.history.texts)) texts.set(id, value);
  const set: ChangeSet = {
    name,
    authors: exported.history.authors,
    actions: exported.history.actions,
    changes: exported.history.changes.map((change) => ({
      ...change,
      entity: change.entity as EntityKind,
      value: JSON.stringify(change.value ?? null),
    })),
    originals: exported.history.originals.map((o) => ({
      sha256: o.sha256,
      mediaType: o.mediaType,
      bytes: Buffer.from(o.base64, 'base64'),
    })),
    sourceText: (id) => texts.get(id),
    dismissals: exported.history.dismissedSuggestions,
    settled: exported.history.conflicts
      .filter((s) => s.settledBy !== null && s.settledAt !== null)
      .map((s) => ({
        ...s,
        entity: s.entity as EntityKind,
        settledBy: s.settledBy!,
        settledAt: s.settledAt!,
      })),
  };
  const empty = prepare(c, 'SELECT NOT EXISTS (SELECT 1 FROM changes)').pluck().get() === 1;
  return applyChangeSet(c, set, {
    beforeCommit: () => {
      // An empty case takes the exported case's identity: the import gives back the same case.
      if (!empty) return;
      const setMeta = prepare(
        c,
        'INSERT INTO meta (key, value) VALUES (:key, :value) ON CONFLICT (key) DO UPDATE SET value = :value',
      );
      setMeta.run({ key: 'caseId', value: exported.case.caseId });
      setMeta.run({ key: 'title', value: exported.case.title });
      setMeta.run({ key: 'createdAt', value: exported.case.createdAt });
    },
  });
}
