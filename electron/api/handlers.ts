// The handlers behind every contract method, bound to one session (an open case and the analyst's preferences).
import { basename } from 'node:path';
import { caseCounts, caseInfo, toAuthor, transaction, type CaseFile } from '../../db/caseFile.ts';
import {
  countClaims,
  createClaim,
  deleteClaim,
  getClaim,
  listClaims,
  updateClaim,
  updateClaims,
  type ClaimAnchor,
} from '../../db/claims.ts';
import { badInput } from '../../db/errors.ts';
import { exportCsv, exportJson } from '../../db/export.ts';
import { importAnnotationFile } from '../../db/formats/importAnnotations.ts';
import { exportReport } from '../../db/formats/report.ts';
import { exportAnnotations } from '../../db/formats/webAnnotation.ts';
import { historyOf, redo, undo, undoState } from '../../db/history.ts';
import { addLink, deleteLink, listLinks } from '../../db/links.ts';
import { findNearCopies, markRepeat, unmarkRepeat } from '../../db/repeats.ts';
import { addReview, listReviews, reviewQueue } from '../../db/reviews.ts';
import { search } from '../../db/search.ts';
import {
  commitImport,
  deleteSource,
  getSource,
  listSources,
  prepareFile,
  sourcePages,
  updateSource,
  type PreparedFile,
} from '../../db/sources.ts';
import {
  addTag,
  claimMemberships,
  deleteTag,
  listTags,
  mergeTag,
  renameTag,
  updateTag,
} from '../../db/tags.ts';
import { timelineBuckets, timelineWindow, undatedClaims } from '../../db/timeline.ts';
import { dismissSuggestion, listSuggestions } from '../../db/suggest/store.ts';
import { verifyCase } from '../../db/verify.ts';
import { mergeFile } from './mergeFile.ts';
import { listConflicts, settleConflict } from '../../db/merge.ts';
import type { EventName, Events, MethodName, Preferences } from '../contract/index.ts';
import { pageAt } from '../contract/pages.ts';
import type { Handlers } from './dispatch.ts';

export interface Session {
  /** The open case. */
  readonly case: CaseFile;
  /** Push an event to the UI. */
  emit<E extends EventName>(event: E, payload: Events[E]): void;
  /** Keep the analyst's preferences (a file in the desktop profile; memory elsewhere). */
  savePreferences?(preferences: Preferences): void;
}

/** Methods that only read: every other method changes the case and is announced with `case.changed`. */
export const READ_ONLY_METHODS: ReadonlySet<MethodName> = new Set<MethodName>([
  'case.info',
  'preferences.get',
  'history.state',
  'source.list',
  'source.get',
  'source.repeats',
  'claim.get',
  'claim.list',
  'claim.history',
  'tag.list',
  'link.list',
  'review.list',
  'search.query',
  'timeline.window',
  'timeline.buckets',
  'timeline.undated',
  'verify.run',
  'export.json',
  'export.csv',
  'claim.count',
  'conflict.list',
  'export.annotations',
  'export.report',
  'suggestion.list',
]);

const yieldToEvents = () => new Promise<void>((resolve) => setImmediate(resolve));

const decodeBase64 = (fileName: string, data: string): Uint8Array => {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data)) throw badInput(`${fileName} was not sent as base64.`);
  return new Uint8Array(Buffer.from(data, 'base64'));
};

export function createHandlers(session: Session): Handlers {
  const c = () => session.case;
  const handlers: Handlers = {
    'case.info': () => {
      const info = caseInfo(c());
      return {
        caseId: info.caseId,
        title: info.title,
        createdAt: info.createdAt,
        schemaVersion: info.schemaVersion,
        fileName: c().path.split(/[\\/]/).at(-1) ?? '',
        analyst: c().author.name,
        counts: caseCounts(c()),
        checking: c().integrity === 'checking',
      };
    },
    'preferences.get': () => ({ analystName: c().author.name }),
    'preferences.set': ({ analystName }) => {
      c().author = toAuthor(analystName);
      const preferences = { analystName: c().author.name };
      session.savePreferences?.(preferences);
      return preferences;
    },
    'history.state': () => undoState(c()),
    'history.undo': () => {
      const undone = transaction(c(), () => undo(c()));
      return { undone, ...undoState(c()) };
    },
    'history.redo': () => {
      const redone = transaction(c(), () => redo(c()));
      return { redone, ...undoState(c()) };
    },

    'source.import': async ({ files }) => {
      // Files are read one by one with a pause between, so progress reaches the UI while the import runs.
      const prepared: PreparedFile[] = [];
      for (const [index, file] of files.entries()) {
        prepared.push(
          await prepareFile({ fileName: file.fileName, bytes: decodeBase64(file.fileName, file.dataBase64) }),
        );
        session.emit('import.progressed', { done: index + 1, total: files.length });
        await yieldToEvents();
      }
      return commitImport(c(), prepared);
    },
    'source.list': (filter) => listSources(c(), filter),
    'source.get': ({ id }) => getSource(c(), id),
    'source.update': ({ id, ...patch }) => updateSource(c(), id, patch),
    'source.delete': ({ id }) => {
      deleteSource(c(), id);
      return { deleted: true };
    },
    'source.repeats': ({ sourceId }) => {
      getSource(c(), sourceId);
      return findNearCopies(c(), sourceId);
    },
    'source.markRepeat': ({ sourceId, repeatsId }) => {
      markRepeat(c(), sourceId, repeatsId);
      return getSource(c(), sourceId);
    },
    'source.unmarkRepeat': ({ sourceId, repeatsId }) => {
      unmarkRepeat(c(), sourceId, repeatsId);
      return getSource(c(), sourceId);
    },

    'claim.create': ({ sourceId, start, end, quote, occurrence, tags, ...fields }) => {
      let anchor: ClaimAnchor;
      if (quote !== undefined) {
        if (start !== undefined || end !== undefined)
          throw badInput('Give either a quote or start and end, not both.');
        anchor = { sourceId, quote, occurrence };
      } else if (start !== undefined && end !== undefined) {
        anchor = { sourceId, start, end };
      } else {
        throw badInput('Say which words the claim cites: a quote, or start and end offsets.');
      }
      return createClaim(c(), { anchor, tags, ...fields });
    },
    'claim.update': ({ id, ...patch }) => updateClaim(c(), id, patch),
    'claim.delete': ({ id }) => {
      deleteClaim(c(), id);
      return { deleted: true };
    },
    'claim.get': ({ id }) => getClaim(c(), id),
    'claim.list': (filter) => listClaims(c(), filter),
    'claim.history': ({ id }) => {
      getClaim(c(), id);
      const tagOf = new Map(claimMemberships(c(), id).map((m) => [m.id, m.tag]));
      return historyOf(c(), [id, ...tagOf.keys()]).map((entry) =>
        entry.entity === 'claimTag' ? { ...entry, tag: tagOf.get(entry.entityId) } : entry,
      );
    },

    'tag.list': () => listTags(c()),
    'tag.add': ({ path, ...options }) => addTag(c(), path, options),
    'tag.update': ({ path, ...options }) => updateTag(c(), path, options),
    'tag.rename': ({ path, newPath }) => renameTag(c(), path, newPath),
    'tag.merge': ({ from, into }) => mergeTag(c(), from, into),
    'tag.delete': ({ path }) => {
      deleteTag(c(), path);
      return { deleted: true };
    },

    'link.create': ({ fromClaimId, toClaimId, relation, note }) =>
      addLink(c(), fromClaimId, toClaimId, relation, note),
    'link.delete': ({ id }) => {
      deleteLink(c(), id);
      return { deleted: true };
    },
    'link.list': ({ claimId }) => listLinks(c(), claimId),

    'review.add': ({ claimId, verdict, comment }) => addReview(c(), claimId, verdict, comment),
    'review.list': ({ claimId }) => listReviews(c(), claimId),

    'search.query': ({ query, ...options }) => search(c(), query, options),
    'timeline.window': (window) => timelineWindow(c(), window),
    'timeline.buckets': (window) => timelineBuckets(c(), window),
    'timeline.undated': (filter) => undatedClaims(c(), filter),

    'verify.run': () => verifyCase(c()),
    'export.json': () => exportJson(c()),
    'export.csv': () => ({ csv: exportCsv(c()) }),
    'claim.count': (filter) => ({ count: countClaims(c(), filter) }),
    'review.queue': () => reviewQueue(c()),
    'claim.bulkUpdate': ({ ids, ...edit }) => ({ updated: updateClaims(c(), ids, edit) }),
    'case.merge': (input) => mergeFile(c(), input),
    'conflict.list': () => listConflicts(c()),
    'conflict.settle': (input) => settleConflict(c(), input),
    'export.annotations': () => exportAnnotations(c()),
    'export.report': ({ format, groupBy }) => {
      // A claim in a PDF is cited with its page (the report writes "p. 4"), from the source's page map.
      const pages = new Map<string, number[] | null>();
      const pageOf = (sourceId: string, start: number) => {
        if (!pages.has(sourceId)) pages.set(sourceId, sourcePages(c(), sourceId));
        const page = pageAt(pages.get(sourceId), start);
        return page === null ? null : String(page);
      };
      return { text: exportReport(c(), format, { groupBy: groupBy ?? 'tag', pageOf }) };
    },
    'annotation.import': ({ fileName, dataBase64 }) => {
      const name = basename(fileName);
      return importAnnotationFile(c(), name, decodeBase64(name, dataBase64));
    },
    'suggestion.list': ({ sourceId }) => listSuggestions(c(), sourceId),
    'suggestion.dismiss': ({ sourceId, start, end }) => dismissSuggestion(c(), sourceId, start, end),
  };
  // Every change is announced, so each open view (and window) can refresh what it shows.
  for (const name of Object.keys(handlers) as MethodName[]) {
    if (READ_ONLY_METHODS.has(name)) continue;
    const inner = handlers[name] as (input: unknown) => unknown;
    (handlers as Record<MethodName, (input: unknown) => unknown>)[name] = async (input: unknown) => {
      const value = await inner(input);
      session.emit('case.changed', { method: name });
      return value;
    };
  }
  return handlers;
}
