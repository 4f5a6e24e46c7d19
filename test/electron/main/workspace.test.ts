// The desktop's one open case: switching closes the old connection, a refused file leaves the open case alone,
// and preferences set from the UI are saved and become the author of the next case opened.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeCase, createCase, openCase } from '../../../db/caseFile.ts';
import type { Events, Preferences } from '../../../electron/contract/index.ts';
import { CLEAN_CLOSES_FILE, loadCleanCloses } from '../../../electron/main/cleanCloses.ts';
import { createWorkspace } from '../../../electron/main/workspace.ts';
import { addSource, damageTable, refusal, REPORT, tempDir } from '../../helpers.ts';

function workspaceWithSaves() {
  const saved: Preferences[] = [];
  const workspace = createWorkspace({
    preferences: { analystName: 'Ana Analyst' },
    savePreferences: (preferences) => saved.push(preferences),
    emit: () => {},
  });
  return { workspace, saved };
}

describe('the workspace', () => {
  it('holds one connection: opening another case closes the first', () => {
    const { workspace } = workspaceWithSaves();
    const dir = tempDir();
    const first = workspace.create(join(dir, 'first.attest'));
    expect(workspace.current).toBe(first);
    workspace.close();
    expect(first.db.open).toBe(false);
    expect(workspace.current).toBeNull();

    const reopened = workspace.open(join(dir, 'first.attest'));
    expect(workspace.open(join(dir, 'first.attest'))).toBe(reopened);
    const second = workspace.create(join(dir, 'second.attest'));
    expect(reopened.db.open).toBe(false);
    expect(second.db.open).toBe(true);
    expect(workspace.current).toBe(second);
    workspace.close();
  });

  it('keeps the open case when the new file is refused', () => {
    const { workspace } = workspaceWithSaves();
    const dir = tempDir();
    const open = workspace.create(join(dir, 'good.attest'));
    const junk = join(dir, 'junk.attest');
    writeFileSync(junk, 'not a database');
    expect(() => workspace.open(junk)).toThrow(expect.objectContaining({ code: 'not-a-case' }));
    expect(() => workspace.create(join(dir, 'good.attest'))).toThrow(/already exists/);
    expect(workspace.current).toBe(open);
    expect(open.db.open).toBe(true);
    workspace.close();
  });

  it('saves preferences set while a case is open and uses them for the next case', async () => {
    const { workspace, saved } = workspaceWithSaves();
    const dir = tempDir();
    workspace.create(join(dir, 'a.attest'));
    expect(await workspace.call('preferences.set', { analystName: 'Ben Reviewer' })).toEqual({
      ok: true,
      value: { analystName: 'Ben Reviewer' },
    });
    expect(saved).toEqual([{ analystName: 'Ben Reviewer' }]);
    expect(workspace.preferences()).toEqual({ analystName: 'Ben Reviewer' });
    workspace.create(join(dir, 'b.attest'));
    expect(workspace.current!.author.name).toBe('Ben Reviewer');
    workspace.close();
  });
});

describe('clean closes', () => {
  it('reopens a case it closed cleanly without the full check, and checks it in full after an unclean end', () => {
    const dir = tempDir();
    const stampsFile = join(dir, 'profile', CLEAN_CLOSES_FILE);
    const make = () =>
      createWorkspace({
        preferences: { analystName: 'Ana Analyst' },
        savePreferences: () => {},
        emit: () => {},
        cleanCloses: loadCleanCloses(stampsFile),
      });
    const path = join(dir, 'goma.attest');
    const first = make();
    first.create(path);
    first.close();

    // Another launch: the stamp was kept in the profile, and the file is as it was closed.
    const second = make();
    expect(second.open(path).integrity).toBe('stamped');
    // While it is open there is no stamp: a crash now leaves the next opening to check everything.
    expect(loadCleanCloses(stampsFile).get(path)).toBeUndefined();
    // Without a stamp the whole file is checked again, beside the first screen's reads.
    const third = make();
    expect(third.open(path).integrity).toBe('checking');
    third.close();
    second.close();
  });

  it('ignores a damaged stamps file', () => {
    const dir = tempDir();
    const stampsFile = join(dir, CLEAN_CLOSES_FILE);
    writeFileSync(stampsFile, '{"/cases/a.attest": {"size": "big"}, "oops": 3');
    expect(loadCleanCloses(stampsFile).get('/cases/a.attest')).toBeUndefined();
  });
});

describe('opening before the full integrity check ends', () => {
  const hashOf = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

  /** A workspace that records what it tells the UI, and a closed case file with one source. */
  function setUp() {
    const dir = tempDir();
    const events: Events['case.checked'][] = [];
    const cleanCloses = loadCleanCloses(join(dir, CLEAN_CLOSES_FILE));
    const workspace = createWorkspace({
      preferences: { analystName: 'Ana Analyst' },
      savePreferences: () => {},
      emit: (event, payload) => {
        if (event === 'case.checked') events.push(payload as Events['case.checked']);
      },
      cleanCloses,
    });
    const path = join(dir, 'goma.attest');
    const c = createCase(path, { author: 'Ana Analyst' });
    addSource(c, REPORT);
    closeCase(c);
    return { workspace, events, path, cleanCloses };
  }

  const verdict = async (events: unknown[]) => {
    for (let waited = 0; events.length === 0 && waited < 10_000; waited += 10)
      await new Promise((resolve) => setTimeout(resolve, 10));
    return events[0];
  };

  it('reads a damaged file, refuses a write with the message of a refused opening, closes it, tells the UI', async () => {
    const { workspace, events, path, cleanCloses } = setUp();
    // The original file's bytes: what the first screen reads stays readable.
    damageTable(path, 'originals');
    const message = refusal(() => openCase(path, { author: 'Ana' })).message;
    const before = hashOf(path);
    const c = workspace.open(path);
    expect(c.integrity).toBe('checking');
    const info = await workspace.call('case.info', {});
    expect(info.ok && info.value.fileName).toBe('goma.attest');
    // The write waits for the verdict, then is refused like the opening of the damaged file.
    expect(await workspace.call('tag.add', { path: 'Actors/M23' })).toEqual({
      ok: false,
      error: { code: 'corrupt', message },
    });
    expect(await verdict(events)).toEqual({ fileName: 'goma.attest', problem: message });
    expect(events).toHaveLength(1);
    expect(workspace.current).toBeNull();
    expect(c.db.open).toBe(false);
    // Until another case opens, every call says why the case was closed.
    expect(await workspace.call('case.info', {})).toEqual({ ok: false, error: { code: 'corrupt', message } });
    workspace.create(join(path, '..', 'next.attest'));
    expect((await workspace.call('case.info', {})).ok).toBe(true);
    workspace.close();
    expect(cleanCloses.get(path)).toBeUndefined();
    expect(hashOf(path)).toBe(before);
    expect(await c.pendingCheck!.threadEnded()).not.toBeNull();
  });

  it('tells the UI a sound file passed, and writes to it', async () => {
    const { workspace, events, path } = setUp();
    const c = workspace.open(path);
    expect(await verdict(events)).toEqual({ fileName: 'goma.attest', problem: null });
    expect(c.integrity).toBe('checked');
    const info = await workspace.call('case.info', {});
    expect(info.ok && info.value.checking).toBe(false);
    expect((await workspace.call('tag.add', { path: 'Actors/M23' })).ok).toBe(true);
    workspace.close();
  });

  it('stops the check of a case closed before its verdict, and tells nothing of it', async () => {
    const { workspace, events, path } = setUp();
    const c = workspace.open(path);
    const check = c.pendingCheck!;
    workspace.close();
    await check.threadEnded();
    await check.settled();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(events).toEqual([]);
  });
});
