// The desktop's one open case: switching closes the old connection, a refused file leaves the open case alone,
// and preferences set from the UI are saved and become the author of the next case opened.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Preferences } from '../../../electron/contract/index.ts';
import { CLEAN_CLOSES_FILE, loadCleanCloses } from '../../../electron/main/cleanCloses.ts';
import { createWorkspace } from '../../../electron/main/workspace.ts';
import { tempDir } from '../../helpers.ts';

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
    const third = make();
    expect(third.open(path).integrity).toBe('checked');
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
