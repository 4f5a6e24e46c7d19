// One contract suite, run in-process and over loopback HTTP: same results and same error codes for every method,
// and every refused call leaves the case unchanged.
import { mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeCase, createCase, openCase } from '../../db/caseFile.ts';
import { dispatch } from '../../electron/api/dispatch.ts';
import { createHandlers } from '../../electron/api/handlers.ts';
import { methodNames, type MethodName, type Result } from '../../electron/contract/index.ts';
import { startServer } from '../../electron/serve/server.ts';
import { REPORT, tempDir } from '../helpers.ts';

interface Client {
  call(method: string, input?: unknown): Promise<Result<unknown>>;
  /** Rows in the history tables: any write adds some. */
  fingerprint(): Promise<string>;
  events: { name: string; payload: unknown }[];
  close(): Promise<void>;
}

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

async function inProcessClient(casePath: string): Promise<Client> {
  const c = openCase(casePath, { author: 'Contract Tester' });
  const events: Client['events'] = [];
  const handlers = createHandlers({ case: c, emit: (name, payload) => events.push({ name, payload }) });
  return {
    call: (method, input) => dispatch(handlers, method, input, () => {}),
    fingerprint: async () =>
      JSON.stringify(
        c.db.prepare('SELECT (SELECT count(*) FROM actions), (SELECT count(*) FROM changes)').raw().get(),
      ),
    events,
    close: async () => {
      closeCase(c);
    },
  };
}

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function rawRequest(
  port: number,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'POST',
        path: options.path,
        headers: options.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

async function httpClient(casePath: string): Promise<Client & { port: number; token: string }> {
  const rendererDir = join(tempDir(), 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Attest</title>');
  const server = await startServer({ casePath, author: 'Contract Tester', rendererDir });
  const events: Client['events'] = [];
  // Events arrive over server-sent events, as the browser's EventSource would read them.
  const stream = await new Promise<import('node:http').IncomingMessage>((resolve, reject) => {
    httpRequest({ host: '127.0.0.1', port: server.port, path: `/api/events?token=${server.token}` }, resolve)
      .on('error', reject)
      .end();
  });
  let buffer = '';
  stream.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const name = /^event: (.+)$/m.exec(frame)?.[1];
      const data = /^data: (.+)$/m.exec(frame)?.[1];
      if (name && data) events.push({ name, payload: JSON.parse(data) });
    }
  });
  const client = {
    port: server.port,
    token: server.token,
    events,
    async call(method: string, input?: unknown) {
      const response = await rawRequest(server.port, {
        path: `/api/call/${method}`,
        headers: {
          authorization: `Bearer ${server.token}`,
          'content-type': 'application/json',
          host: `127.0.0.1:${server.port}`,
          origin: server.origin,
        },
        body: input === undefined ? '' : JSON.stringify(input),
      });
      return JSON.parse(response.body) as Result<unknown>;
    },
    async fingerprint() {
      // Read through a separate read-only look at the file, as another process would.
      const Database = (await import('better-sqlite3')).default;
      const db = new Database(casePath, { readonly: true });
      try {
        return JSON.stringify(
          db.prepare('SELECT (SELECT count(*) FROM actions), (SELECT count(*) FROM changes)').raw().get(),
        );
      } finally {
        db.close();
      }
    },
    close: async () => {
      stream.destroy();
      await server.close();
    },
  };
  return client;
}

const clients: Client[] = [];
afterEach(async () => {
  while (clients.length) await clients.pop()!.close();
});

function newCasePath(): string {
  const casePath = join(tempDir(), 'contract.attest');
  closeCase(createCase(casePath, { author: 'Contract Tester', title: 'Contract case' }));
  return casePath;
}

async function newClient(kind: 'in-process' | 'http'): Promise<Client> {
  const client = kind === 'http' ? await httpClient(newCasePath()) : await inProcessClient(newCasePath());
  clients.push(client);
  return client;
}

async function newHttpClient() {
  const client = await httpClient(newCasePath());
  clients.push(client);
  return client;
}

function value<V>(result: Result<V>): V {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** Drives every method once with valid input; returns the normalized results for comparison across transports. */
async function scenario(client: Client) {
  const called = new Set<string>();
  const call = async (method: MethodName, input?: unknown) => {
    called.add(method);
    return value(await client.call(method, input));
  };
  const out: Record<string, unknown> = {};
  out.info = await call('case.info');
  out.prefs = await call('preferences.set', { analystName: 'Contract Tester' });
  await call('preferences.get');
  const imported = (await call('source.import', {
    files: [
      { fileName: 'goma.txt', dataBase64: base64(REPORT) },
      { fileName: 'empty.txt', dataBase64: '' },
    ],
  })) as { ok: boolean; id?: string }[];
  out.imported = imported.map((r) => ({ ...r }));
  const sourceId = imported[0]!.id!;
  out.sources = await call('source.list', {});
  out.source = await call('source.update', {
    id: sourceId,
    outlet: 'Kivu Observer',
    reliability: 'B',
    tags: ['Regions/North Kivu'],
  });
  await call('source.get', { id: sourceId });
  // The same report again with a sentence added: a near-copy, offered as a repeat.
  const [copy] = (await call('source.import', {
    files: [
      { fileName: 'goma-copy.txt', dataBase64: base64(`${REPORT}Aid agencies said roads were closed.\n`) },
    ],
  })) as { id: string; repeats: unknown[] }[];
  out.copyRepeats = copy!.repeats;
  out.nearCopies = await call('source.repeats', { sourceId: copy!.id });
  out.marked = await call('source.markRepeat', { sourceId: copy!.id, repeatsId: sourceId });
  out.unmarked = await call('source.unmarkRepeat', { sourceId: copy!.id, repeatsId: sourceId });
  const a = (await call('claim.create', {
    sourceId,
    quote: 'about 4,000 Rwandan soldiers support the rebels',
    statement: 'About 4,000 Rwandan soldiers support M23.',
    claimant: 'UN experts',
    date: '2025-02~',
    tags: ['Actors/M23'],
  })) as { id: string };
  const b = (await call('claim.create', {
    sourceId,
    start: 122,
    end: 133,
    statement: 'On Sunday.',
    date: '2025-01-26',
  })) as {
    id: string;
  };
  out.updated = await call('claim.update', { id: b.id, status: 'verified', note: 'seen' });
  out.claim = await call('claim.get', { id: a.id });
  out.claims = await call('claim.list', { tag: 'Actors' });
  out.claimCount = await call('claim.count', { tag: 'Actors' });
  out.history = ((await call('claim.history', { id: b.id })) as { field: string }[]).map((h) => h.field);
  out.tagAdded = await call('tag.add', { path: 'Places/Goma', kind: 'place', color: '#336699' });
  await call('tag.update', { path: 'Places/Goma', description: 'North Kivu capital' });
  await call('tag.rename', { path: 'Places/Goma', newPath: 'Places/Goma city' });
  await call('tag.add', { path: 'Groups/M-23' });
  await call('tag.merge', { from: 'Groups/M-23', into: 'Actors/M23' });
  await call('tag.delete', { path: 'Groups' });
  out.tags = await call('tag.list');
  const link = (await call('link.create', {
    fromClaimId: a.id,
    toClaimId: b.id,
    relation: 'same-event',
  })) as { id: string };
  out.links = await call('link.list', { claimId: a.id });
  await call('link.delete', { id: link.id });
  out.review = await call('review.add', { claimId: a.id, verdict: 'citation-ok', comment: 'matches' });
  out.reviews = await call('review.list', { claimId: a.id });
  out.queue = await call('review.queue');
  const suggestions = (await call('suggestion.list', { sourceId })) as { start: number; end: number }[];
  out.suggestions = suggestions.length;
  out.dismissed = await call('suggestion.dismiss', {
    sourceId,
    start: suggestions[0]!.start,
    end: suggestions[0]!.end,
  });
  out.search = await call('search.query', { query: 'rwandan soldiers', kinds: ['claim'] });
  out.window = await call('timeline.window', { from: '2025-01-01', to: '2025-03-31' });
  out.buckets = await call('timeline.buckets', { from: '2025-01-01', to: '2025-03-31', unit: 'month' });
  out.undated = await call('timeline.undated', {});
  out.verify = await call('verify.run');
  out.csvHeader = ((await call('export.csv')) as { csv: string }).csv.split('\r\n')[0];
  const exported = await call('export.json');
  out.jsonKeys = Object.keys(exported as object).sort();
  out.bulk = await call('claim.bulkUpdate', { ids: [a.id, b.id], tags: ['Topics/Bulk'] });
  // The case's own export merged back brings nothing new.
  out.merged = await call('case.merge', {
    fileName: 'copy.json',
    dataBase64: base64(JSON.stringify(exported)),
  });
  out.conflicts = await call('conflict.list');
  called.add('conflict.settle');
  const settle = await client.call('conflict.settle', {
    entityId: a.id,
    field: 'status',
    baseHlc: '000000000000001-000000',
    value: 'verified',
  });
  out.settle = settle.ok ? 'settled' : settle.error.code;
  const annotations = (await call('export.annotations')) as { total: number };
  out.annotationTotal = annotations.total;
  out.reportHasTitle = (
    (await call('export.report', { format: 'html', groupBy: 'date' })) as { text: string }
  ).text.includes('Citation report: Contract case');
  // The case's own annotations, imported again: each claim is there already, so nothing changes.
  const reimported = (await call('annotation.import', {
    fileName: 'annotations.jsonld',
    dataBase64: base64(JSON.stringify(annotations)),
  })) as { annotations: number; created: unknown[]; refused: { problem: string }[] };
  out.annotationImport = [
    reimported.annotations,
    reimported.created,
    reimported.refused.map((r) => r.problem),
  ];
  await call('history.state');
  out.undo = await call('history.undo');
  out.redo = await call('history.redo');
  await call('claim.delete', { id: b.id });
  await call('source.delete', { id: sourceId });
  out.after = await call('case.info');
  return {
    called,
    out: JSON.parse(
      JSON.stringify(out, (key, v) => (/^(id|.*Id|.*At|hlc|caseId|sha256)$/.test(key) ? '·' : v)),
    ),
  };
}

/** Calls that must fail, with the code each must give. */
const BAD_CALLS: [string, unknown, string][] = [
  ['no.such.method', {}, 'unknown-method'],
  ['constructor', {}, 'unknown-method'],
  ['__proto__', {}, 'unknown-method'],
  ['claim.create', { sourceId: 42, statement: 'x' }, 'bad-input'],
  ['claim.create', { sourceId: 'missing', quote: 'x', statement: 'x' }, 'not-found'],
  ['claim.create', { sourceId: 'x', statement: 'x' }, 'bad-input'],
  ['claim.list', { limit: 'ten' }, 'bad-input'],
  ['claim.list', { from: '2025-13-45' }, 'bad-input'],
  ['claim.update', { id: 'missing', statement: 'x' }, 'not-found'],
  ['tag.add', { path: 'A', color: 'red' }, 'bad-input'],
  ['tag.rename', { path: 'Nope', newPath: 'Yes' }, 'not-found'],
  ['link.create', { fromClaimId: 'a', toClaimId: 'b', relation: 'supports' }, 'bad-input'],
  ['review.add', { claimId: 'missing', verdict: 'citation-ok' }, 'not-found'],
  ['timeline.buckets', { from: '2025-01-01', to: '2025-02-01', unit: 'hour' }, 'bad-input'],
  ['timeline.window', { from: '2025-02-01', to: '2025-01-01' }, 'bad-input'],
  ['source.import', { files: [] }, 'bad-input'],
  ['source.import', { files: [{ fileName: 'a.txt', dataBase64: '%%%' }] }, 'bad-input'],
  ['preferences.set', { analystName: '   ' }, 'bad-input'],
  ['history.undo', { extra: true }, 'bad-input'],
  ['case.info', 'not an object', 'bad-input'],
  ['source.get', null, 'bad-input'],
  ['claim.bulkUpdate', { ids: [] }, 'bad-input'],
  ['claim.bulkUpdate', { ids: ['missing'], status: 'verified' }, 'not-found'],
  ['case.merge', { path: '/nowhere/colleague.attest' }, 'not-found'],
  ['case.merge', { fileName: 'notes.txt', dataBase64: 'bm90IGEgY2FzZQ==' }, 'bad-input'],
  ['conflict.settle', { entityId: 'x', field: 'status', baseHlc: 'yesterday', value: 1 }, 'bad-input'],
  ['export.report', { format: 'pdf' }, 'bad-input'],
  ['annotation.import', { fileName: 'a.json', dataBase64: base64('{"type": "Note"}') }, 'bad-input'],
  ['suggestion.dismiss', { sourceId: 'missing', start: 0, end: 1 }, 'not-found'],
  ['suggestion.dismiss', { sourceId: 'x', start: 5, end: 0 }, 'bad-input'],
  ['source.repeats', { sourceId: 'missing' }, 'not-found'],
  ['source.markRepeat', { sourceId: 'missing', repeatsId: 'other' }, 'not-found'],
];

describe.each(['in-process', 'http'] as const)('the contract %s', (kind) => {
  it('answers every method, announces changes, and reports import progress', async () => {
    const client = await newClient(kind);
    const { called, out } = await scenario(client);
    expect([...called].sort()).toEqual([...methodNames].sort());
    expect(out.copyRepeats).toHaveLength(1);
    expect(out.nearCopies).toEqual(out.copyRepeats);
    expect(out.marked.repeats).toHaveLength(1);
    expect(out.unmarked.repeats).toEqual([]);
    await new Promise((r) => setTimeout(r, 50));
    expect(client.events).toContainEqual({ name: 'import.progressed', payload: { done: 2, total: 2 } });
    expect(client.events).toContainEqual({ name: 'case.changed', payload: { method: 'claim.create' } });
    expect(
      client.events.some(
        (e) => e.name === 'case.changed' && (e.payload as { method: string }).method === 'claim.list',
      ),
    ).toBe(false);
  });

  it('refuses bad calls with the right code and a message for people, changing nothing', async () => {
    const client = await newClient(kind);
    const before = await client.fingerprint();
    for (const [method, input, code] of BAD_CALLS) {
      const result = await client.call(method, input);
      expect(result.ok, `${method} ${JSON.stringify(input)}`).toBe(false);
      if (result.ok) continue;
      expect(result.error.code, `${method} ${JSON.stringify(input)}: ${result.error.message}`).toBe(code);
      expect(result.error.message).not.toMatch(/\/tmp|\/work|at .*\.ts:|Error:/);
    }
    // Every method refuses an unknown field.
    for (const method of methodNames) {
      const result = await client.call(method, { unexpectedField: 1 });
      expect(result.ok, method).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('bad-input');
    }
    expect(await client.fingerprint()).toBe(before);
  });
});

describe('both transports agree', () => {
  it('gives the same results and the same error codes', async () => {
    const local = await scenario(await newClient('in-process'));
    const remote = await scenario(await newClient('http'));
    expect(remote.out).toEqual(local.out);
    const codes = async (client: Client) => {
      const out: string[] = [];
      for (const [method, input] of BAD_CALLS) {
        const result = await client.call(method, input);
        out.push(result.ok ? 'ok' : result.error.code);
      }
      return out;
    };
    expect(await codes(await newClient('http'))).toEqual(await codes(await newClient('in-process')));
  });
});

describe('browser mode guards', () => {
  it('requires the token, its own Host and Origin, JSON, and a size limit; each refusal changes nothing', async () => {
    const client = await newHttpClient();
    const { port, token } = client;
    const good = {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      host: `127.0.0.1:${port}`,
      origin: `http://127.0.0.1:${port}`,
    };
    const tagAdd = JSON.stringify({ path: 'Actors/M23' });
    const before = await client.fingerprint();
    const attempts: [Record<string, string>, string | Buffer, string, number, string][] = [
      [{ ...good, authorization: '' }, tagAdd, 'tag.add', 401, 'unauthorized'],
      [{ ...good, authorization: `Bearer ${token}x` }, tagAdd, 'tag.add', 401, 'unauthorized'],
      [{ ...good, origin: 'http://evil.example' }, tagAdd, 'tag.add', 403, 'forbidden'],
      [{ ...good, host: `attacker.example:${port}` }, tagAdd, 'tag.add', 403, 'forbidden'],
      [{ ...good, 'content-type': 'text/plain' }, tagAdd, 'tag.add', 200, 'bad-input'],
      [good, '{not json', 'tag.add', 200, 'bad-input'],
      [good, Buffer.alloc(2 * 1024 * 1024, 32), 'tag.add', 413, 'too-large'],
      [good, tagAdd, 'tag.nope', 404, 'unknown-method'],
    ];
    for (const [headers, body, method, status, code] of attempts) {
      const response = await rawRequest(port, { path: `/api/call/${method}`, headers, body });
      expect(response.status, `${method} ${JSON.stringify(headers)}`).toBe(status);
      const result = JSON.parse(response.body) as Result<unknown>;
      expect(result.ok ? 'ok' : result.error.code).toBe(code);
    }
    expect(await client.fingerprint()).toBe(before);
    // The token in the query works for EventSource-style requests too, and GET is not a way to call methods.
    const viaGet = await rawRequest(port, {
      method: 'GET',
      path: `/api/call/tag.list?token=${token}`,
      headers: { host: good.host },
    });
    expect(viaGet.status).toBe(404);
  });

  it('serves the renderer with a strict CSP and never a file outside it', async () => {
    const client = await newHttpClient();
    const page = await rawRequest(client.port, {
      method: 'GET',
      path: '/',
      headers: { host: `127.0.0.1:${client.port}` },
    });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Attest</title>');
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'; script-src 'self';/);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    for (const path of ['/../../package.json', '/%2e%2e/%2e%2e/package.json', '/..%2f..%2fpackage.json']) {
      const response = await rawRequest(client.port, {
        method: 'GET',
        path,
        headers: { host: `127.0.0.1:${client.port}` },
      });
      expect(response.body, path).not.toContain('"name": "attest"');
    }
  });
});

describe('handler details', () => {
  it("names the tag of each membership in a claim's history, retired tags included", async () => {
    const client = await newClient('in-process');
    const [imported] = value(
      await client.call('source.import', { files: [{ fileName: 'goma.txt', dataBase64: base64(REPORT) }] }),
    ) as { id: string }[];
    const claim = value(
      await client.call('claim.create', {
        sourceId: imported!.id,
        quote: 'last Sunday',
        statement: 'On Sunday.',
        tags: ['Groups/M-23'],
      }),
    ) as { id: string };
    value(await client.call('tag.add', { path: 'Actors/M23' }));
    value(await client.call('tag.merge', { from: 'Groups/M-23', into: 'Actors/M23' }));
    const history = value(await client.call('claim.history', { id: claim.id })) as {
      entity: string;
      field: string;
      tag?: string;
    }[];
    const memberships = history.filter((h) => h.entity === 'claimTag').map((h) => [h.field, h.tag]);
    expect(memberships).toEqual([
      ['*', 'M-23'],
      ['*', 'Actors/M23'],
      ['deleted', 'M-23'],
    ]);
    const undated = value(await client.call('timeline.undated', { claimant: 'nobody' })) as { count: number };
    expect(undated.count).toBe(0);
    expect(value(await client.call('timeline.undated', {}))).toMatchObject({ count: 1, ids: [claim.id] });
  });
});
