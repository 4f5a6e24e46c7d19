// The desktop's one open case: its single database connection, the handlers bound to it, and the analyst's preferences.
import { basename, resolve } from 'node:path';
import { checkedForWriting, closeCase, createCase, openCase, type CaseFile } from '../../db/caseFile.ts';
import type { CleanCloses } from './cleanCloses.ts';
import { AttestError } from '../../db/errors.ts';
import { dispatch, type Handlers } from '../api/dispatch.ts';
import { createHandlers, READ_ONLY_METHODS, type Session } from '../api/handlers.ts';
import {
  methodNames,
  type EventName,
  type Events,
  type MethodName,
  type MethodOutput,
  type Preferences,
  type Result,
} from '../contract/index.ts';
import { normalizePreferences } from './preferences.ts';

export const NO_CASE_MESSAGE = 'No case is open: open or create one from the File menu.';

export interface WorkspaceOptions {
  /** The preferences when the app started (already loaded from the profile folder). */
  preferences: Preferences;
  /** Keeps preferences across launches; throws AttestError 'io' when it cannot. */
  savePreferences(preferences: Preferences): void;
  /** Pushes an engine event to every window. */
  emit<E extends EventName>(event: E, payload: Events[E]): void;
  /** Stamps of clean closes, so that an unchanged case reopens without SQLite's full-file check. */
  cleanCloses?: CleanCloses;
}

export interface Workspace {
  /** The open case, or null before one is opened. */
  readonly current: CaseFile | null;
  preferences(): Preferences;
  /** The handlers every transport dispatches to: bound to the open case, or refusing all but preferences. */
  handlers(): Handlers;
  /** dispatch() on the current handlers: what the menu uses for Undo, Import and Export. */
  call<M extends MethodName>(method: M, input: unknown): Promise<Result<MethodOutput<M>>>;
  /**
   * Opens a case and makes it current; the previous case is closed only once the new one has opened. Returns as
   * soon as the file's header, version and schema are checked: its full integrity check runs on another thread
   * meanwhile, writes wait for it, and its verdict is emitted as `case.checked` (a damaged file is closed then).
   */
  open(path: string): CaseFile;
  /** Creates a case file (refusing to overwrite one) and makes it current. */
  create(path: string): CaseFile;
  /** Closes the open case, if any. */
  close(): void;
}

export function createWorkspace(options: WorkspaceOptions): Workspace {
  /** After a failure the connection must still close; PRAGMA optimize in closeCase may fail on a busy file. */
  const closeQuietly = (c: CaseFile): void => {
    let stamp = null;
    try {
      stamp = closeCase(c);
    } catch {
      if (c.db.open) c.db.close();
    }
    options.cleanCloses?.set(c.path, stamp);
  };
  let preferences = normalizePreferences(options.preferences);
  let current: { case: CaseFile; handlers: Handlers } | null = null;

  const keepPreferences = (next: Preferences): void => {
    const normalized = normalizePreferences(next);
    options.savePreferences(normalized);
    preferences = normalized;
  };

  // Before a case is open every method is refused with a message that says what to do, except preferences, which
  // the analyst may want to set first. dispatch() still validates the input before a handler runs.
  // Once a case was closed because its check found it damaged, they say so instead, until another case opens:
  // a window that missed the `case.checked` event learns it from its next call.
  let closedBecause: string | null = null;
  const refuse = (): never => {
    if (closedBecause !== null) throw new AttestError('corrupt', closedBecause);
    throw new AttestError('conflict', NO_CASE_MESSAGE);
  };
  const noCaseHandlers = Object.fromEntries(methodNames.map((name) => [name, refuse])) as unknown as Handlers;
  noCaseHandlers['preferences.get'] = () => ({ ...preferences });
  noCaseHandlers['preferences.set'] = (input) => {
    keepPreferences(input);
    return { ...preferences };
  };

  const bind = (c: CaseFile): Handlers => {
    // A session per case: a call still running when the case is switched keeps talking to its own case.
    const session: Session = {
      case: c,
      emit: (event, payload) => options.emit(event, payload),
      savePreferences: keepPreferences,
    };
    const handlers = createHandlers(session);
    // A write while the file's check runs waits for its verdict here, serving other calls meanwhile, rather than
    // in the engine's gate, which would block the main process until then.
    for (const name of methodNames) {
      if (READ_ONLY_METHODS.has(name)) continue;
      const handler = handlers[name] as (input: unknown) => unknown;
      (handlers as Record<string, (input: unknown) => unknown>)[name] = async (input) => {
        await c.pendingCheck?.settled();
        return handler(input);
      };
    }
    return handlers;
  };

  /** Tells the UI the verdict of a check deferred at opening; a damaged file is closed, as if refused at opening. */
  const watchCheck = (c: CaseFile): void => {
    const check = c.pendingCheck;
    if (!check) return;
    void check.settled().then(() => {
      // Closed or replaced meanwhile: its check was stopped, and nobody is waiting for it.
      if (current?.case !== c) return;
      const fileName = basename(c.path);
      try {
        checkedForWriting(c);
      } catch (error) {
        workspace.close();
        const problem =
          error instanceof AttestError ? error.message : `${fileName} could not be checked; it was closed.`;
        closedBecause = problem;
        options.emit('case.checked', { fileName, problem });
        return;
      }
      options.emit('case.checked', { fileName, problem: null });
    });
  };

  const makeCurrent = (c: CaseFile): CaseFile => {
    closedBecause = null;
    const previous = current;
    current = { case: c, handlers: bind(c) };
    if (previous) closeQuietly(previous.case);
    return c;
  };

  const workspace: Workspace = {
    get current() {
      return current?.case ?? null;
    },
    preferences: () => ({ ...preferences }),
    handlers: () => current?.handlers ?? noCaseHandlers,
    call: (method, input) => dispatch(workspace.handlers(), method, input) as Promise<Result<never>>,
    open(path) {
      const full = resolve(path);
      if (current && current.case.path === full) return current.case;
      const c = openCase(full, {
        author: preferences.analystName,
        closedCleanly: options.cleanCloses?.get(full),
        // The first screen needs only reads: SQLite's full-file check (a second or more for a large case) runs
        // beside them, and nothing is written before it has passed (DESIGN.md, "case open under 1 s").
        deferIntegrityCheck: true,
      });
      // Open now: should the app not close it cleanly, the next opening checks the whole file again.
      options.cleanCloses?.set(full, null);
      makeCurrent(c);
      watchCheck(c);
      return c;
    },
    create(path) {
      return makeCurrent(createCase(resolve(path), { author: preferences.analystName }));
    },
    close() {
      if (!current) return;
      const previous = current;
      current = null;
      closeQuietly(previous.case);
    },
  };
  return workspace;
}
