// The app:// scheme: registered privileged, serving only files inside the built renderer folder, each with the CSP.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as electron from '../../fakes/electron.ts';
import { registerAppScheme, rendererFileFor, serveRenderer } from '../../../electron/main/appProtocol.ts';
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/security.ts';
import { tempDir } from '../../helpers.ts';

vi.mock('electron', () => import('../../fakes/electron.ts'));

beforeEach(() => electron.resetFake());

describe('rendererFileFor', () => {
  const root = '/srv/out/renderer';

  it('maps app://attest paths into the renderer folder, / to index.html', () => {
    expect(rendererFileFor(root, 'app://attest/')).toBe(join(root, 'index.html'));
    expect(rendererFileFor(root, 'app://attest/index.html')).toBe(join(root, 'index.html'));
    expect(rendererFileFor(root, 'app://attest/assets/main-1a2b.js?v=1#x')).toBe(
      join(root, 'assets/main-1a2b.js'),
    );
    expect(rendererFileFor(root, 'app://attest/fonts/Source%20Serif.woff2')).toBe(
      join(root, 'fonts/Source Serif.woff2'),
    );
  });

  it('never leaves the renderer folder', () => {
    for (const url of [
      'app://attest/a%2f..%2f..%2f..%2fetc%2fpasswd',
      'app://attest/..%5c..%5cwindows%5cwin.ini',
      'app://attest/assets/%2e%2e%2f%2e%2e%2fsecret',
      'app://attest/x%00.html',
      'app://attest/%E0%A4%A',
      'app://other/index.html',
      'file:///srv/out/renderer/index.html',
      'not a url',
    ]) {
      expect(rendererFileFor(root, url), url).toBeNull();
    }
    // The URL parser removes dot segments, so these stay inside the folder (and are simply not found there).
    expect(rendererFileFor(root, 'app://attest/../../etc/passwd')).toBe(join(root, 'etc/passwd'));
    expect(rendererFileFor(root, 'app://attest/%2e%2e/%2e%2e/etc/passwd')).toBe(join(root, 'etc/passwd'));
  });
});

describe('the app:// protocol', () => {
  it('is registered as a standard, secure scheme (before ready)', () => {
    registerAppScheme();
    expect(electron.protocol.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('serves the renderer files with their type, the CSP and nosniff, and 404 for anything else', async () => {
    const root = join(tempDir(), 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Attest</title>');
    writeFileSync(join(root, 'assets', 'main.js'), 'console.log(1)');
    writeFileSync(join(root, '..', 'secret.txt'), 'not for the page');
    const ses = electron.session.defaultSession;
    serveRenderer(ses as never, root);
    const handler = ses.protocolHandlers.get('app')!;

    const page = await handler(new Request('app://attest/'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>Attest</title>');

    const script = await handler(new Request('app://attest/assets/main.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');

    for (const url of ['app://attest/missing.js', 'app://attest/assets', 'app://attest/..%2fsecret.txt']) {
      expect((await handler(new Request(url))).status, url).toBe(404);
    }
    expect((await handler(new Request('app://attest/index.html', { method: 'POST' }))).status).toBe(404);
  });
});
