// The app:// scheme: registered as privileged before launch, it serves the built renderer (out/renderer/) and nothing else.
import { protocol, type Session } from 'electron';
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { APP_HOST, APP_SCHEME, CONTENT_SECURITY_POLICY } from './security.ts';

/**
 * Security checklist item 18, "Avoid usage of the file:// protocol and prefer usage of custom protocols"
 * (https://www.electronjs.org/docs/latest/tutorial/security): a standard, secure scheme gives the pages an origin
 * of their own (app://attest) that navigation, requests and IPC senders are checked against, and never grants
 * access to the rest of the disk. Must run before the app's `ready` event.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

/**
 * The file inside `root` that a request URL names, or null when the URL is not ours or would leave `root`
 * (`..`, percent-encoded `..` or separators, NUL bytes). `/` is the entry page.
 */
export function rendererFileFor(root: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host.toLowerCase() !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  if (pathname.split('/').some((segment) => segment === '..')) return null;
  const base = resolve(root);
  const file = resolve(base, `.${pathname.endsWith('/') ? `${pathname}index.html` : pathname}`);
  return file.startsWith(base + sep) ? file : null;
}

const notFound = () => new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain' } });

/** Serves the renderer's files from `root` on app://attest/, each response carrying the app's CSP. */
export function serveRenderer(session: Session, root: string): void {
  session.protocol.handle(APP_SCHEME, async (request) => {
    const file = rendererFileFor(root, request.url);
    if (file === null || request.method !== 'GET') return notFound();
    try {
      if (!(await stat(file)).isFile()) return notFound();
      const body = await readFile(file);
      return new Response(new Uint8Array(body), {
        status: 200,
        headers: {
          'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
          'Content-Security-Policy': CONTENT_SECURITY_POLICY,
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch {
      return notFound();
    }
  });
}
