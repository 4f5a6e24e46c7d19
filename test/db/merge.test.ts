// Merge of two case files: history joined, records rebuilt, forks shown as conflicts, hostile files refused.
import { schema10CaseWithSource } from './schema10Case.ts';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeCase, openCase, transaction, type CaseFile } from '../../db/caseFile.ts';
import { createClaim, deleteClaim, getClaim, listClaims, updateClaim } from '../../db/claims.ts';
import { createClock } from '../../db/clock.ts';
import { undo } from '../../db/history.ts';
import { addLink, listLinks } from '../../db/links.ts';
import { listConflicts, mergeCaseFile, settleConflict } from '../../db/merge.ts';
import { addReview, listReviews, reviewQueue } from '../../db/reviews.ts';
import { deleteSource } from '../../db/sources.ts';
import { search } from '../../db/search.ts';
import { addTag, listTags } from '../../db/tags.ts';
import { verifyCase } from '../../db/verify.ts';
import { addSource, damageTable, newCase, refusal, REPORT, tempDir } from '../helpers.ts';
import { closeAll, copyFor, snapshot } from './mergeFixtures.ts';

const fileHash = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

function twoAnalysts(): { ana: CaseFile; ben: CaseFile; sourceId: string; claimId: string } {
  const ana = newCase('Ana Analyst');
  const sourceId = addSource(ana, REPORT);
  const claimId = createClaim(ana, {
    anchor: { sourceId, quote: 'Rebels of the M23 group entered the city of Goma' },
    statement: 'M23 entered Goma',
    date: '2025-01-26',
    tags: ['Actors/M23'],
  }).id;
  const ben = copyFor(ana, 'Ben Reviewer');
  return { ana, ben, sourceId, claimId };
}

describe('merge', () => {
  it("brings a colleague's sources, claims, tags, links and reviews, and merging again changes nothing", () => {
    const { ana, ben, claimId } = twoAnalysts();
    const other = addSource(ben, 'date 2025-02-23\nKinshasa — The government said 3,000 people had died.');
    const benClaim = createClaim(ben, {
      anchor: { sourceId: other, quote: '3,000 people had died' },
      statement: 'Death toll 3,000',
      tags: ['Figures/Deaths'],
    }).id;
    addLink(ben, claimId, benClaim, 'contradicts');
    addReview(ben, claimId, 'citation-ok', 'Matches the report.');
    updateClaim(ben, claimId, { place: 'Goma' });

    const summary = mergeCaseFile(ana, ben.path);
    expect(summary.kinds.source).toMatchObject({ added: 1, updated: 0, unchanged: 1 });
    expect(summary.kinds.claim).toMatchObject({ added: 1, updated: 1 });
    expect(summary.kinds.link.added).toBe(1);
    expect(summary.kinds.review.added).toBe(1);
    expect(summary.openConflicts).toBe(0);
    expect(getClaim(ana, claimId).place).toBe('Goma');
    expect(getClaim(ana, benClaim)).toMatchObject({
      statement: 'Death toll 3,000',
      createdBy: 'Ben Reviewer',
    });
    expect(listTags(ana).map((t) => t.path)).toEqual(
      expect.arrayContaining(['Actors/M23', 'Figures/Deaths']),
    );
    expect(listLinks(ana, claimId)).toHaveLength(1);
    expect(listReviews(ana, claimId).map((r) => r.verdict)).toEqual(['citation-ok']);
    expect(search(ana, 'Kinshasa').map((hit) => hit.id)).toContain(other);
    expect(verifyCase(ana).ok).toBe(true);

    const before = snapshot(ana);
    const again = mergeCaseFile(ana, ben.path);
    expect(again.changes).toBe(0);
    expect(Object.values(again.kinds).every((k) => k.added === 0 && k.updated === 0)).toBe(true);
    expect(snapshot(ana)).toEqual(before);
    closeAll(ben);
  });

  it('gives the same case in either direction', () => {
    const { ana, ben, sourceId, claimId } = twoAnalysts();
    updateClaim(ana, claimId, { status: 'verified', tags: ['Places/Goma'] });
    updateClaim(ben, claimId, { claimant: 'the provincial governor', untag: ['Actors/M23'] });
    createClaim(ben, {
      anchor: { sourceId, quote: 'fighting closed the airport' },
      statement: 'Airport closed',
    });
    deleteClaim(ana, createClaim(ana, { anchor: { sourceId, quote: 'A day earlier' }, statement: 'x' }).id);

    const anaCopy = copyFor(ana, 'Ana Analyst');
    mergeCaseFile(ana, ben.path);
    mergeCaseFile(ben, anaCopy.path);
    expect(snapshot(ben)).toEqual(snapshot(ana));
    expect(getClaim(ana, claimId)).toMatchObject({ status: 'verified', claimant: 'the provincial governor' });
    closeAll(ben, anaCopy);
  });

  it('makes a conflict of two edits of one field, keeps both values, and settling it merges cleanly', () => {
    const { ana, ben, claimId } = twoAnalysts();
    updateClaim(ana, claimId, { date: '2025-01-26' }); // unchanged: no edit at all
    updateClaim(ana, claimId, { date: '2025-01-27' });
    updateClaim(ben, claimId, { date: '2025-01~' });
    const anaCopy = copyFor(ana, 'Ana Analyst');

    const summary = mergeCaseFile(ana, ben.path);
    expect(summary.kinds.claim.conflicts).toBe(1);
    const [conflict] = listConflicts(ana);
    expect(conflict).toMatchObject({
      entity: 'claim',
      entityId: claimId,
      field: 'date',
      label: 'M23 entered Goma',
      quote: 'Rebels of the M23 group entered the city of Goma',
    });
    expect(conflict!.sides.map((s) => [s.author, s.value])).toEqual([
      ['Ana Analyst', '2025-01-27'],
      ['Ben Reviewer', '2025-01~'],
    ]);
    // The last writer's value is applied meanwhile.
    expect(getClaim(ana, claimId).date).toBe('2025-01~');

    settleConflict(ana, {
      entityId: claimId,
      field: 'date',
      baseHlc: conflict!.baseHlc,
      value: '2025-01-27',
    });
    expect(listConflicts(ana)).toEqual([]);
    expect(getClaim(ana, claimId).date).toBe('2025-01-27');
    expect(getClaim(ana, claimId).earliest).toBe('2025-01-27');

    // Ben gets the settled case: his side shows no conflict and the chosen value.
    mergeCaseFile(ben, ana.path);
    expect(listConflicts(ben)).toEqual([]);
    expect(getClaim(ben, claimId).date).toBe('2025-01-27');
    // And a third copy that never saw the settling converges to the same.
    mergeCaseFile(anaCopy, ben.path);
    expect(snapshot(anaCopy)).toEqual(snapshot(ben));
    closeAll(ben, anaCopy);
  });

  it('shows the same conflict to an analyst who had none of the record, from either file', () => {
    const { ana, ben, claimId } = twoAnalysts();
    updateClaim(ana, claimId, { place: 'Goma' });
    updateClaim(ben, claimId, { place: 'Goma, North Kivu' });
    mergeCaseFile(ana, ben.path);
    mergeCaseFile(ben, ana.path);
    const fork = listConflicts(ana).map(({ entityId, field, baseHlc }) => ({ entityId, field, baseHlc }));
    expect(fork).toEqual([expect.objectContaining({ entityId: claimId, field: 'place' })]);
    for (const from of [ana, ben]) {
      const cleo = newCase('Cleo Coder');
      const summary = mergeCaseFile(cleo, from.path);
      expect(summary.kinds.claim).toMatchObject({ added: 1, conflicts: 1 });
      expect(
        listConflicts(cleo).map(({ entityId, field, baseHlc }) => ({ entityId, field, baseHlc })),
      ).toEqual(fork);
      expect(snapshot(cleo).conflicts).toEqual(snapshot(ana).conflicts);
    }
  });

  it('refuses a settling choice that neither side made', () => {
    const { ana, ben, claimId } = twoAnalysts();
    updateClaim(ana, claimId, { place: 'Goma' });
    updateClaim(ben, claimId, { place: 'North Kivu' });
    mergeCaseFile(ana, ben.path);
    const [conflict] = listConflicts(ana);
    const error = refusal(() =>
      settleConflict(ana, { entityId: claimId, field: 'place', baseHlc: conflict!.baseHlc, value: 'Bukavu' }),
    );
    expect(error.message).toMatch(/one of the conflicting values/);
    expect(listConflicts(ana)).toHaveLength(1);
    closeAll(ben);
  });

  it('shows a claim made on a source that a colleague deleted meanwhile as a broken citation, first to review', () => {
    const { ana, ben, sourceId } = twoAnalysts();
    deleteSource(ana, sourceId);
    const orphan = createClaim(ben, {
      anchor: { sourceId, quote: 'fighting closed the airport' },
      statement: 'The airport closed',
    }).id;
    mergeCaseFile(ana, ben.path);
    // Neither act is undone behind a person's back: the source stays deleted, the claim stays, and both show.
    expect(verifyCase(ana).broken).toMatchObject([{ claimId: orphan, problem: 'source-missing' }]);
    expect(reviewQueue(ana).items[0]).toMatchObject({ state: 'broken', claim: { id: orphan } });
    closeAll(ben);
  });

  it('breaks a tie of equal clocks by author alike, whether the record is rebuilt here or new here', () => {
    const { ana, ben, claimId } = twoAnalysts();
    // Both clocks stopped at the same moment: two edits of one field carry the very same clock value.
    const moment = Date.now() + 60_000;
    for (const c of [ana, ben]) Object.assign(c, { clock: createClock(c.clock.last, () => moment) });
    updateClaim(ana, claimId, { statement: 'Ana: M23 entered Goma' });
    updateClaim(ben, claimId, { statement: 'Ben: M23 took Goma' });
    mergeCaseFile(ana, ben.path);
    mergeCaseFile(ben, ana.path);
    const winner = getClaim(ana, claimId).statement;
    expect(getClaim(ben, claimId).statement).toBe(winner);
    const authorId = (name: string) =>
      ana.db.prepare('SELECT id FROM authors WHERE name = ?').pluck().get(name) as string;
    const last = Buffer.compare(Buffer.from(authorId('Ana Analyst')), Buffer.from(authorId('Ben Reviewer')));
    expect(winner).toBe(last > 0 ? 'Ana: M23 entered Goma' : 'Ben: M23 took Goma');
    // A third analyst has neither the claim nor its edits: each file brings both edits, in its own row order.
    for (const from of [ana, ben]) {
      const cleo = newCase('Cleo Coder');
      mergeCaseFile(cleo, from.path);
      expect(getClaim(cleo, claimId).statement).toBe(winner);
      expect(snapshot(cleo).claims).toEqual(snapshot(ana).claims);
    }
  });

  it("takes a new record from its changes, not from the other file's row, when the two differ", () => {
    const { ana, ben, sourceId } = twoAnalysts();
    const made = createClaim(ben, {
      anchor: { sourceId, quote: 'A day earlier' },
      statement: 'Fighting a day before',
      tags: ['Actors/FARDC'],
    }).id;
    const kept = createClaim(ben, {
      anchor: { sourceId, quote: 'Rebels of the M23 group' },
      statement: 'Rebels named',
      tags: ['Actors/FARDC'],
    }).id;
    const path = ben.path;
    closeCase(ben);
    // Rows edited behind the history's back: a file's rows are never trusted over its changes.
    const db = new Database(path);
    db.prepare(`UPDATE claims SET statement = 'Forged', status = 'verified' WHERE id = ?`).run(made);
    db.prepare(`UPDATE claim_tags SET deleted = 1 WHERE claim_id = ?`).run(made);
    db.close();
    const summary = mergeCaseFile(ana, path);
    expect(summary.kinds.claim.added).toBe(2);
    expect(getClaim(ana, made)).toMatchObject({ statement: 'Fighting a day before', status: 'draft' });
    expect(getClaim(ana, made).tags).toEqual(['Actors/FARDC']);
    expect(getClaim(ana, kept)).toMatchObject({ statement: 'Rebels named', tags: ['Actors/FARDC'] });
    expect(search(ana, 'Fighting', { kinds: ['claim'] }).map((hit) => hit.id)).toEqual([made]);
    expect(search(ana, 'Forged')).toEqual([]);
  });

  it('makes one tag of the same path created on both sides', () => {
    const ana = newCase('Ana Analyst');
    const ben = newCase('Ben Reviewer');
    addTag(ana, 'Places/Goma', { kind: 'place' });
    addTag(ben, 'Places/Goma', { kind: 'place' });
    const sourceA = addSource(ana, REPORT);
    const sourceB = addSource(ben, REPORT);
    expect(sourceA).toBe(sourceB);
    mergeCaseFile(ana, ben.path);
    expect(listTags(ana).map((t) => t.path)).toEqual(['Places', 'Places/Goma']);
    expect(verifyCase(ana).ok).toBe(true);
  });

  it("keeps undo working on one's own actions after a merge, and lets a later merge carry the undo", () => {
    const { ana, ben, claimId } = twoAnalysts();
    updateClaim(ben, claimId, { statement: 'M23 took Goma' });
    mergeCaseFile(ana, ben.path);
    expect(transaction(ben, () => undo(ben))).toBe('Edit claim');
    mergeCaseFile(ana, ben.path);
    expect(getClaim(ana, claimId).statement).toBe('M23 entered Goma');
    expect(listConflicts(ana)).toEqual([]);
    closeAll(ben);
  });

  it('upgrades nothing and writes nothing in the other file', () => {
    const { ana, ben } = twoAnalysts();
    const path = ben.path;
    closeCase(ben);
    const hash = fileHash(path);
    mergeCaseFile(ana, path);
    expect(fileHash(path)).toBe(hash);
    expect(existsSync(`${path}-wal`) || existsSync(`${path}-shm`)).toBe(false);
  });

  /** Runs fn with the temporary folder pointed at an empty one, which it is given. */
  function withTemp(fn: (temp: string) => void): void {
    const temp = tempDir();
    const before = process.env.TMPDIR;
    process.env.TMPDIR = temp;
    try {
      fn(temp);
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
    }
  }

  it('reads a file nobody is writing in place, creating nothing beside it and copying nothing', () => {
    const { ana, ben, claimId } = twoAnalysts();
    updateClaim(ben, claimId, { place: 'Goma' });
    const path = ben.path;
    closeCase(ben);
    const folder = readdirSync(join(path, '..'));
    withTemp((temp) => {
      mergeCaseFile(ana, path, {
        beforeCommit: () => {
          expect(readdirSync(temp)).toEqual([]);
          expect(readdirSync(join(path, '..'))).toEqual(folder);
        },
      });
    });
    expect(getClaim(ana, claimId).place).toBe('Goma');
  });

  it('reads a file being written (a WAL beside it) from a copy, and leaves no copy behind, merged or refused', () => {
    const { ana, ben, claimId } = twoAnalysts();
    updateClaim(ben, claimId, { place: 'Goma' });
    expect(existsSync(`${ben.path}-wal`)).toBe(true);
    withTemp((temp) => {
      mergeCaseFile(ana, ben.path, {
        beforeCommit: () => expect(readdirSync(temp)).toEqual([expect.stringMatching(/^attest-merge-/)]),
      });
      writeFileSync(join(temp, 'broken.attest'), 'not a case');
      expect(() => mergeCaseFile(ana, join(temp, 'broken.attest'))).toThrow(/not an Attest case file/);
      // The copies are removed on a worker thread; closing the case waits for it.
      closeCase(ana);
      expect(readdirSync(temp)).toEqual(['broken.attest']);
    });
    closeAll(ben);
  });

  it('refuses a file read in place that changed while it was merged, changing nothing', () => {
    const { ana, ben, claimId } = twoAnalysts();
    updateClaim(ben, claimId, { place: 'Goma' });
    const path = ben.path;
    closeCase(ben);
    const before = snapshot(ana);
    const error = refusal(() =>
      mergeCaseFile(ana, path, {
        beforeCommit: () => utimesSync(path, new Date(), new Date(Date.now() + 60_000)),
      }),
    );
    expect(error.message).toMatch(/changed while it was being merged, so nothing was merged: merge it again/);
    expect(snapshot(ana)).toEqual(before);
    // Merged again, it merges.
    mergeCaseFile(ana, path);
    expect(getClaim(ana, claimId).place).toBe('Goma');
  });
});

describe('merge refuses hostile files and changes nothing', () => {
  function tampered(edit: (db: Database.Database) => void): { ana: CaseFile; path: string } {
    const { ana, ben } = twoAnalysts();
    createClaim(ben, {
      anchor: { sourceId: getClaim(ben, listClaims(ben)[0]!.id).sourceId, quote: 'A day earlier' },
      statement: 'x',
    });
    const path = ben.path;
    closeCase(ben);
    const db = new Database(path);
    edit(db);
    db.close();
    return { ana, path };
  }

  const expectRefused = (ana: CaseFile, path: string, message: RegExp) => {
    const before = snapshot(ana);
    const error = refusal(() => mergeCaseFile(ana, path));
    expect(error.message).toMatch(message);
    expect(snapshot(ana)).toEqual(before);
  };

  it('a SQLite file that is not a case', () => {
    const ana = newCase();
    const path = join(tempDir(), 'other.attest');
    const db = new Database(path);
    db.exec('CREATE TABLE t (x)');
    db.close();
    expectRefused(ana, path, /not an Attest case file/);
  });

  it('a truncated file', () => {
    const { ana, path } = tampered(() => {});
    const bytes = readFileSync(path);
    writeFileSync(path, bytes.subarray(0, Math.floor(bytes.length / 2)));
    expectRefused(ana, path, /damaged|truncated/);
  });

  it("a file that only SQLite's integrity check finds damaged", () => {
    const { ana, path } = tampered(() => {});
    damageTable(path, 'changes');
    expectRefused(ana, path, /is damaged: SQLite's integrity check failed/);
  });

  it('a file from a newer version', () => {
    const { ana, path } = tampered((db) => db.pragma('user_version = 990'));
    expectRefused(ana, path, /newer version/);
  });

  it('a file with an extra trigger or view', () => {
    const trigger = tampered((db) =>
      db.exec('CREATE TRIGGER evil AFTER INSERT ON claims BEGIN DELETE FROM sources; END'),
    );
    expectRefused(trigger.ana, trigger.path, /structure is not what Attest creates/);
    const view = tampered((db) => db.exec('CREATE VIEW v AS SELECT 1'));
    expectRefused(view.ana, view.path, /structure is not what Attest creates/);
  });

  it("a file whose claims' quotes do not match their sources", () => {
    const { ana, path } = tampered((db) => {
      db.prepare(
        `UPDATE changes SET value = json_set(value, '$.quote', 'A week earlier') WHERE entity = 'claim' AND field = '*'
           AND json_extract(value, '$.quote') = 'A day earlier'`,
      ).run();
      db.prepare(`UPDATE claims SET quote = 'A week earlier' WHERE quote = 'A day earlier'`).run();
    });
    expectRefused(ana, path, /claims does not match the words of its source/);
  });

  it('a file that rewrites an immutable field or history we already hold', () => {
    const immutable = tampered((db) => {
      const row = db
        .prepare(`SELECT * FROM changes WHERE entity = 'claim' AND field = '*' LIMIT 1`)
        .get() as {
        action_id: string;
        entity_id: string;
        hlc: string;
        author_id: string;
      };
      db.prepare(
        `INSERT INTO changes (action_id, entity, entity_id, field, value, hlc, author_id, prev_hlc)
         VALUES (?, 'claim', ?, 'quote', '"Goma"', '999999999999999-000000', ?, ?)`,
      ).run(row.action_id, row.entity_id, row.author_id, row.hlc);
    });
    expectRefused(immutable.ana, immutable.path, /never changes/);
    const rewritten = tampered((db) =>
      db
        .prepare(
          `UPDATE changes SET value = json_set(value, '$.statement', 'forged') WHERE field = '*' AND entity = 'claim'`,
        )
        .run(),
    );
    expectRefused(rewritten.ana, rewritten.path, /history contradicts/);
  });

  it('a file with malformed values or tags nested in a loop', () => {
    const status = tampered((db) =>
      db
        .prepare(
          `UPDATE changes SET value = json_set(value, '$.status', 'invented') WHERE field = '*' AND entity = 'claim' AND json_extract(value, '$.statement') = 'x'`,
        )
        .run(),
    );
    expectRefused(status.ana, status.path, /does not accept|malformed/);
    const loop = tampered((db) => {
      const tags = db.prepare(`SELECT id, parent_id AS parentId FROM tags`).all() as {
        id: string;
        parentId: string | null;
      }[];
      const root = tags.find((t) => t.parentId === null)!;
      const child = tags.find((t) => t.parentId === root.id)!;
      const action = db.prepare('SELECT id, author_id AS authorId FROM actions LIMIT 1').get() as {
        id: string;
        authorId: string;
      };
      db.prepare(
        `INSERT INTO changes (action_id, entity, entity_id, field, value, hlc, author_id, prev_hlc)
         VALUES (?, 'tag', ?, 'parentId', ?, '999999999999999-000000', ?, NULL)`,
      ).run(action.id, root.id, JSON.stringify(child.id), action.authorId);
    });
    expectRefused(loop.ana, loop.path, /loop/);
  });

  it('a file whose records point at records it does not hold', () => {
    const { ana, path } = tampered((db) => {
      const action = db.prepare('SELECT id, author_id AS authorId FROM actions LIMIT 1').get() as {
        id: string;
        authorId: string;
      };
      const claim = db.prepare('SELECT id FROM claims LIMIT 1').pluck().get() as string;
      db.prepare(
        `INSERT INTO changes (action_id, entity, entity_id, field, value, hlc, author_id, prev_hlc)
         VALUES (?, 'claimTag', 'dangling-membership', '*', ?, '999999999999999-000000', ?, NULL)`,
      ).run(
        action.id,
        JSON.stringify({ claimId: claim, tagId: 'no-such-tag', deleted: false }),
        action.authorId,
      );
    });
    expectRefused(ana, path, /refer to records it does not hold/);
  });

  it('a file that is not there', () => {
    const ana = newCase();
    expectRefused(ana, join(tempDir(), 'missing.attest'), /no case file named missing.attest/);
  });
});

describe('merge of an older case file', () => {
  it('upgrades a copy, never the file itself', () => {
    const ana = newCase();
    const path = join(tempDir(), 'old.attest');
    schema10CaseWithSource(path, REPORT);
    const hash = fileHash(path);
    const summary = mergeCaseFile(ana, path);
    expect(summary.kinds.source.added).toBe(1);
    expect(fileHash(path)).toBe(hash);
    expect(existsSync(`${path}.v10.bak`)).toBe(false);
    const reopened = openCase(ana.path, { author: 'Ana Analyst' });
    closeCase(reopened);
  });
});
