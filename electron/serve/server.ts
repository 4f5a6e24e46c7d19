// Browser mode: the built renderer and the contract over loopback HTTP (127.0.0.1 only), guarded by a random
// token, Host and Origin checks (no DNS rebinding, no cross-site calls) and request size limits.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, extname, join, normalize, resolve, sep } from 'node:path';
import { checkedForWriting, closeCase, openCase } from '../../db/caseFile.ts';
import { AttestError } from '../../db/errors.ts';
import { dispatch, type Handlers } from '../api/dispatch.ts';
import { createHandlers, type Session } from '../api/handlers.ts';
import {
  CONTENT_SECURITY_POLICY,
  isMethodName,
  methodNames,
  type ErrorCode,
  type EventName,
  type Events,
  type Result,
} from '../contract/index.ts';

export interface ServerOptions {
  casePath: string;
  author: string;
  /** 0 or absent: a free port chosen by the system. */
  port?: number;
  /** The built renderer; absent: out/renderer in the project. */
  rendererDir?: string;
  /** Fixed for tests; random otherwise. */
  token?: string;
  /**
   * Serve the case at once and check the whole file beside the first screen, as the desktop does (a damaged file
   * is then closed, and every call refused with why); absent: the file is checked in full before serving.
   */
  deferIntegrityCheck?: boolean;
  /** For tests of a deferred check: the module its thread runs. */
  integrityWorkerFile?: string;
}

export interface RunningServer {
  url: string;
  origin: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

/** Body limits: an import (sources, annotations) carries files (50 MiB each, base64); every other call is small. */
export const MAX_CALL_BYTES = 1024 * 1024;
export const MAX_IMPORT_BODY_BYTES = 96 * 1024 * 1024;

export { CONTENT_SECURITY_POLICY };

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  unauthorized: 401,
  forbidden: 403,
  'too-large': 413,
  'unknown-method': 404,
};

function send(response: ServerResponse, status: number, body: string | Buffer, type: string): void {
  response.writeHead(status, {
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    // The token is in the page's URL: never send it on as a referrer.
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  });
  response.end(body);
}

const sendResult = (response: ServerResponse, result: Result<unknown>): void =>
  send(
    response,
    result.ok ? 200 : (HTTP_STATUS[result.error.code] ?? 200),
    JSON.stringify(result),
    'application/json; charset=utf-8',
  );

const refuse = (response: ServerResponse, code: ErrorCode, message: string) =>
  sendResult(response, { ok: false, error: { code, message } });

function sameToken(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Reads a request body up to a limit; null when it is larger (the rest is not read). */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer | null> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.resolve(null);
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.removeAllListeners('data');
        request.resume();
        resolvePromise(null);
      } else chunks.push(chunk);
    });
    request.on('end', () => resolvePromise(size > limit ? null : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const rendererDir = resolve(options.rendererDir ?? join(import.meta.dirname, '../../out/renderer'));
  const token = options.token ?? randomBytes(24).toString('base64url');
  const c = openCase(options.casePath, {
    author: options.author,
    deferIntegrityCheck: options.deferIntegrityCheck,
    integrityWorkerFile: options.integrityWorkerFile,
  });
  const listeners = new Set<ServerResponse>();
  const session: Session = {
    case: c,
    emit<E extends EventName>(event: E, payload: Events[E]) {
      const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
      for (const listener of listeners) listener.write(frame);
    },
  };
  let handlers: Handlers = createHandlers(session);
  // The verdict of a deferred check, told to the page; a damaged file is closed and every call then says why.
  const check = c.pendingCheck;
  if (check) {
    void check.settled().then(() => {
      if (!c.db.open) return;
      const fileName = basename(c.path);
      try {
        checkedForWriting(c);
      } catch (error) {
        const problem =
          error instanceof AttestError ? error.message : `${fileName} could not be checked; it was closed.`;
        closeCase(c);
        const refuse = (): never => {
          throw new AttestError('corrupt', problem);
        };
        handlers = Object.fromEntries(methodNames.map((name) => [name, refuse])) as unknown as Handlers;
        session.emit('case.checked', { fileName, problem });
        return;
      }
      session.emit('case.checked', { fileName, problem: null });
    });
  }
  let origins: Set<string> = new Set();
  let hosts: Set<string> = new Set();

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error('attest serve:', error);
      if (!response.headersSent) refuse(response, 'internal', 'The request could not be handled.');
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // DNS rebinding: a page on another name that resolves to 127.0.0.1 sends its own Host; refuse it.
    if (!hosts.has(request.headers.host ?? '')) {
      return refuse(response, 'forbidden', 'This server answers only to its own address.');
    }
    const origin = request.headers.origin;
    if (origin !== undefined && !origins.has(origin)) {
      return refuse(response, 'forbidden', 'Calls from other sites are not allowed.');
    }
    const url = new URL(request.url ?? '/', `http://${request.headers.host}`);

    if (url.pathname.startsWith('/api/')) {
      const given = request.headers.authorization?.replace(/^Bearer /, '') ?? url.searchParams.get('token');
      if (!sameToken(given, token))
        return refuse(response, 'unauthorized', 'The access token is missing or wrong.');
      if (url.pathname === '/api/events' && request.method === 'GET') return subscribe(response);
      const match = /^\/api\/call\/([\w.]+)$/.exec(url.pathname);
      if (!match || request.method !== 'POST')
        return refuse(response, 'unknown-method', 'There is no such API route.');
      const method = match[1]!;
      if (!isMethodName(method)) return sendResult(response, await dispatch(handlers, method, {}));
      // A simple (CORS-safelisted) content type would let other sites post without a preflight.
      if (!/^application\/json\b/.test(request.headers['content-type'] ?? '')) {
        return refuse(response, 'bad-input', 'Send the input as application/json.');
      }
      const limit =
        method === 'source.import' || method === 'annotation.import' ? MAX_IMPORT_BODY_BYTES : MAX_CALL_BYTES;
      const body = await readBody(request, limit);
      if (body === null) {
        return refuse(
          response,
          'too-large',
          `The request is larger than ${Math.round(limit / 1024 / 1024)} MiB.`,
        );
      }
      let input: unknown;
      try {
        input = body.length ? JSON.parse(body.toString('utf8')) : {};
      } catch {
        return refuse(response, 'bad-input', 'The input is not valid JSON.');
      }
      return sendResult(response, await dispatch(handlers, method, input));
    }

    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return send(response, 405, 'Method not allowed', 'text/plain; charset=utf-8');
    }
    return serveFile(url.pathname, response);
  }

  function subscribe(response: ServerResponse): void {
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      Connection: 'keep-alive',
    });
    response.write(': connected\n\n');
    listeners.add(response);
    response.on('close', () => listeners.delete(response));
  }

  function serveFile(pathname: string, response: ServerResponse): void {
    let relative: string;
    try {
      relative = decodeURIComponent(pathname);
    } catch {
      return send(response, 400, 'Bad path', 'text/plain; charset=utf-8');
    }
    const file = normalize(join(rendererDir, relative === '/' ? 'index.html' : relative));
    if (file !== rendererDir && !file.startsWith(rendererDir + sep)) {
      return send(response, 404, 'Not found', 'text/plain; charset=utf-8');
    }
    const target = existsSync(file) && statSync(file).isFile() ? file : join(rendererDir, 'index.html');
    if (!existsSync(target)) {
      return send(
        response,
        503,
        'The user interface has not been built yet: run `npm run build`, then reload.',
        'text/plain; charset=utf-8',
      );
    }
    send(response, 200, readFileSync(target), CONTENT_TYPES[extname(target)] ?? 'application/octet-stream');
  }

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolvePromise());
  }).catch((error: NodeJS.ErrnoException) => {
    closeCase(c);
    throw new Error(
      error.code === 'EADDRINUSE'
        ? `Port ${options.port} is in use; choose another with --port.`
        : error.message,
    );
  });
  const { port } = server.address() as AddressInfo;
  origins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
  hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    port,
    close: () =>
      new Promise<void>((resolvePromise) => {
        for (const listener of listeners) listener.end();
        server.closeAllConnections();
        server.close(() => {
          closeCase(c);
          resolvePromise();
        });
      }),
  };
}
