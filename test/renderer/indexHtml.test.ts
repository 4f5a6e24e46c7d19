// The page's CSP meta tag says what the server's header says (minus frame-ancestors, which a meta tag cannot carry).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/serve/server.ts';

const directives = (policy: string) =>
  policy
    .split(';')
    .map((directive) => directive.trim().replace(/\s+/g, ' '))
    .filter(Boolean)
    .sort();

describe('renderer/index.html', () => {
  const html = readFileSync(join(import.meta.dirname, '../../renderer/index.html'), 'utf8');

  it('carries the same Content-Security-Policy as browser mode', () => {
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    const expected = directives(CONTENT_SECURITY_POLICY).filter((d) => !d.startsWith('frame-ancestors'));
    expect(directives(meta!)).toEqual(expected);
  });

  it('has no inline script: only the module entry, which the build makes an external file', () => {
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts).toHaveLength(1);
    expect(scripts[0]![1]).toMatch(/type="module" src="\.\/main\.tsx"/);
    expect(scripts[0]![2]!.trim()).toBe('');
  });
});
