/**
 * `weft serve`'s server over real HTTP and a real `ws` socket: the token on
 * every request and socket, the cookie flow, the socket's Origin, the
 * editor's files with their security headers, and the workspace file route
 * against traversal.
 */
import { readFile, symlink, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { Response } from '../engine/common/protocol/messages.ts';
import type { ServedHost } from './support/serve.ts';
import { INDEX_HTML, rawGet, serveTestHost } from './support/serve.ts';

let served: ServedHost;
let port: number;
let token: string;
beforeAll(async () => {
  served = await serveTestHost();
  port = served.server.port;
  token = served.server.token;
  const outside = join(served.host.home, 'outside');
  await mkdir(outside);
  await writeFile(join(outside, 'secret.txt'), 'secret');
  await symlink(outside, join(served.host.workspace, 'escape'));
});
afterAll(async () => {
  await served.cleanup();
});

const cookieName = () => `weft-token-${port}`;

describe('the token', () => {
  it('is 32 random bytes in hex, in the printed URL on 127.0.0.1', () => {
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect(served.server.url).toBe(`http://127.0.0.1:${port}/?token=${token}`);
    expect(served.server.host).toBe('127.0.0.1');
  });

  it('no token or a wrong one: 401 with a page that says to use the printed address', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Bearer nope' },
      { cookie: `${cookieName()}=x` },
    ];
    for (const headers of attempts) {
      const response = await rawGet(port, '/', headers);
      expect(response.status).toBe(401);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.body.toString()).toContain('address that weft serve printed');
      expect(response.body.toString()).not.toContain(token);
    }
    // One character off (never the same character: a token ending in 0 made this pass the real token).
    const almost = `${token.slice(0, -1)}${token.endsWith('0') ? '1' : '0'}`;
    expect((await rawGet(port, `/?token=${almost}`)).status).toBe(401);
    expect((await rawGet(port, '/assets/app.js')).status).toBe(401);
    expect((await rawGet(port, '/api/files/poster.weft.json')).status).toBe(401);
  });

  it('?token= sets an HttpOnly SameSite=Strict cookie and redirects without the token', async () => {
    const opened = await rawGet(port, `/?token=${token}&graph=a`);
    expect(opened.status).toBe(302);
    expect(opened.headers.location).toBe('/?graph=a');
    expect(opened.headers['set-cookie']).toEqual([
      `${cookieName()}=${token}; Path=/; HttpOnly; SameSite=Strict`,
    ]);
    const page = await rawGet(port, '/?graph=a', { cookie: `${cookieName()}=${token}` });
    expect(page.status).toBe(200);
    expect(page.body.toString()).toBe(INDEX_HTML);
  });

  it('Authorization: Bearer works too', async () => {
    const page = await rawGet(port, '/', { authorization: `Bearer ${token}` });
    expect(page.status).toBe(200);
  });
});

describe('the editor files', () => {
  const auth = () => ({ authorization: `Bearer ${token}` });

  it('are served with a strict CSP, nosniff and their content type', async () => {
    const page = await rawGet(port, '/', auth());
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const csp = page.headers['content-security-policy'];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("img-src 'self' data: blob:");
    expect(csp).toContain("media-src 'self' blob:");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${port}`);
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    const script = await rawGet(port, '/assets/app.js', auth());
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('never leave the build folder, nor list it, nor show hidden files', async () => {
    for (const path of [
      '/../package.json',
      '/%2e%2e/package.json',
      '/assets/..%2f..%2fpackage.json',
      '/assets/%2e%2e%2f%2e%2e%2fpackage.json',
      '/assets/',
      '/.weft-build-stamp',
      '/%00',
    ]) {
      const response = await rawGet(port, path, auth());
      expect(response.status, path).toBe(404);
      expect(response.body.toString(), path).not.toContain('"name": "weft"');
    }
  });

  it('only GET and HEAD', async () => {
    expect((await rawGet(port, '/', auth(), 'POST')).status).toBe(405);
    const head = await rawGet(port, '/', auth(), 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers['content-length']).toBe(String(INDEX_HTML.length));
  });

  it('another Host (DNS rebinding) is refused', async () => {
    const response = await rawGet(port, '/', { ...auth(), host: `evil.example:${port}` });
    expect(response.status).toBe(403);
    expect((await rawGet(port, '/', { ...auth(), host: `localhost:${port}` })).status).toBe(200);
  });
});

describe('GET /api/files/<workspace path>', () => {
  const auth = () => ({ authorization: `Bearer ${token}` });

  it('streams a workspace file with its type, and byte ranges', async () => {
    const expected = await readFile(join(served.host.workspace, 'assets/weft-mark.png'));
    const file = await rawGet(port, '/api/files/assets/weft-mark.png', auth());
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    expect(file.body.equals(expected)).toBe(true);
    const part = await rawGet(port, '/api/files/assets/weft-mark.png', {
      ...auth(),
      range: 'bytes=1-3',
    });
    expect(part.status).toBe(206);
    expect(part.body.toString('latin1')).toBe('PNG');
    expect(part.headers['content-range']).toBe(`bytes 1-3/${expected.length}`);
  });

  it('percent-encoded names work, with ?token= as EngineClient.fileUrl writes it', async () => {
    await writeFile(join(served.host.workspace, 'a b#1.txt'), 'hello');
    const file = await rawGet(port, `/api/files/a%20b%231.txt?token=${token}`);
    expect(file.status).toBe(200);
    expect(file.body.toString()).toBe('hello');
  });

  it('refuses traversal, encoded traversal and symlinks out of the workspace', async () => {
    for (const path of [
      '/api/files/../outside/secret.txt',
      '/api/files/%2e%2e/outside/secret.txt',
      '/api/files/..%2foutside%2fsecret.txt',
      '/api/files/assets%2f..%2f..%2foutside%2fsecret.txt',
      '/api/files/%2fetc%2fpasswd',
      '/api/files/escape/secret.txt',
      '/api/files/..%5coutside%5csecret.txt',
    ]) {
      const response = await rawGet(port, path, auth());
      expect([403, 404], path).toContain(response.status);
      expect(response.body.toString(), path).not.toContain('secret\n');
      expect(response.body.toString(), path).not.toBe('secret');
    }
    expect((await rawGet(port, '/api/files/escape/secret.txt', auth())).status).toBe(403);
    expect((await rawGet(port, '/api/files/missing.png', auth())).status).toBe(404);
    expect((await rawGet(port, '/api/files/assets', auth())).status).toBe(404);
  });
});

describe('the socket', () => {
  const socketUrl = (query = `?token=${token}`) => `ws://127.0.0.1:${port}/api/ws${query}`;

  /** The HTTP status a refused upgrade answered with (0: it was accepted). */
  function upgradeStatus(
    url: string,
    options: { origin?: string; headers?: Record<string, string> } = {},
  ) {
    return new Promise<number>((resolve) => {
      const socket = new WebSocket(url, options);
      socket.on('unexpected-response', (_request, response) => {
        resolve(response.statusCode ?? -1);
        socket.terminate();
      });
      socket.on('open', () => {
        resolve(0);
        socket.close();
      });
      socket.on('error', () => resolve(-1));
    });
  }

  it('needs the token and a page of this server as its origin', async () => {
    expect(await upgradeStatus(socketUrl(''))).toBe(401);
    expect(await upgradeStatus(socketUrl('?token=wrong'))).toBe(401);
    expect(await upgradeStatus(socketUrl(), { origin: 'http://evil.example' })).toBe(403);
    expect(await upgradeStatus(socketUrl(), { origin: `http://localhost:${port + 1}` })).toBe(403);
    expect(await upgradeStatus(`ws://127.0.0.1:${port}/other?token=${token}`)).toBe(404);
    expect(await upgradeStatus(socketUrl(), { origin: `http://127.0.0.1:${port}` })).toBe(0);
    expect(
      await upgradeStatus(socketUrl(''), {
        origin: `http://127.0.0.1:${port}`,
        headers: { cookie: `${cookieName()}=${token}` },
      }),
    ).toBe(0);
  });

  it('answers requests (validated) and refuses what is not JSON', async () => {
    const socket = new WebSocket(socketUrl());
    const answers: Response[] = [];
    socket.on('message', (data: Buffer) => answers.push(JSON.parse(data.toString()) as Response));
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ id: 1, op: 'hello', params: {} }));
    socket.send('not json');
    socket.send(JSON.stringify({ id: 2, op: 'files.read', params: { path: '../x' } }));
    await expect.poll(() => answers.length).toBe(3);
    socket.close();
    const byId = new Map(answers.map((answer) => [answer.id, answer]));
    expect(byId.get(1)).toMatchObject({ ok: true, result: { protocol: 1 } });
    expect(byId.get(-1)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(byId.get(2)).toMatchObject({ ok: false, error: { code: 'OUTSIDE_WORKSPACE' } });
  });
});
