import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppFileHandler, parseRange, resolveAppUrl } from './appFiles.ts';
import { CONTENT_SECURITY_POLICY } from './security.ts';

let base: string;
let renderer: string;
let workspace: string;
let handler: (request: Request) => Promise<Response>;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'weft-appfiles-'));
  renderer = join(base, 'renderer');
  workspace = join(base, 'workspace');
  await mkdir(join(renderer, 'assets'), { recursive: true });
  await mkdir(join(workspace, 'outputs'), { recursive: true });
  await writeFile(join(renderer, 'index.html'), '<!doctype html><title>Weft</title>');
  await writeFile(join(renderer, 'assets', 'main.js'), 'console.log(1)');
  await writeFile(join(workspace, 'outputs', 'red circle.png'), Buffer.from([1, 2, 3, 4, 5, 6]));
  await writeFile(join(base, 'secret.txt'), 'do not serve');
  await symlink(join(base, 'secret.txt'), join(workspace, 'link.txt'));
  handler = createAppFileHandler({ renderer, workspace: () => workspace });
});
afterAll(() => rm(base, { recursive: true, force: true }));

describe('the weft:// scheme', () => {
  it('serves the editor with the Content-Security-Policy', async () => {
    const response = await handler(new Request('weft://app/index.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Weft</title>');
  });

  it('serves / as index.html and scripts as JavaScript', async () => {
    expect((await handler(new Request('weft://app/'))).status).toBe(200);
    const script = await handler(new Request('weft://app/assets/main.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
  });

  it('serves workspace files under a policy that never runs them', async () => {
    const response = await handler(new Request('weft://workspace/outputs/red%20circle.png'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'none'.*sandbox/);
    expect([...new Uint8Array(await response.arrayBuffer())]).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it.each([
    ['weft://workspace/..%2Fsecret.txt', 403],
    // WHATWG URL parsing treats %2e%2e as .. and drops it: the path lands inside the root.
    ['weft://workspace/%2e%2e/secret.txt', 404],
    ['weft://workspace/outputs%5C..%5C..%5Csecret.txt', 403],
    ['weft://workspace/link.txt', 403],
    ['weft://app/../secret.txt', 404],
    ['weft://workspace/missing.png', 404],
    ['weft://elsewhere/index.html', 404],
    ['weft://workspace/%E0%A4%A', 400],
  ])('refuses %s with %i', async (url, status) => {
    expect((await handler(new Request(url))).status).toBe(status);
  });

  it('confines even a URL that normalises .. away to its root', async () => {
    // WHATWG URL parsing resolves the dots before we see the path: it lands inside the root.
    expect(
      await resolveAppUrl('weft://app/../secret.txt', { renderer, workspace: () => workspace }),
    ).toEqual({ ok: false, status: 404 });
  });

  it('serves no workspace when none is open, and only GET and HEAD', async () => {
    const closed = createAppFileHandler({ renderer, workspace: () => undefined });
    expect((await closed(new Request('weft://workspace/outputs/red%20circle.png'))).status).toBe(
      404,
    );
    const post = await handler(new Request('weft://app/index.html', { method: 'POST', body: 'x' }));
    expect(post.status).toBe(405);
  });

  it('answers a byte range (media seeking)', async () => {
    const response = await handler(
      new Request('weft://workspace/outputs/red%20circle.png', { headers: { range: 'bytes=2-4' } }),
    );
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe('bytes 2-4/6');
    expect([...new Uint8Array(await response.arrayBuffer())]).toEqual([3, 4, 5]);
  });

  it('parses ranges as RFC 9110 says', () => {
    expect(parseRange('bytes=0-', 10)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=-3', 10)).toEqual({ start: 7, end: 9 });
    expect(parseRange('bytes=5-100', 10)).toEqual({ start: 5, end: 9 });
    expect(parseRange('bytes=10-12', 10)).toBe('invalid');
    expect(parseRange('items=1-2', 10)).toBeUndefined();
    expect(parseRange(null, 10)).toBeUndefined();
  });
});
