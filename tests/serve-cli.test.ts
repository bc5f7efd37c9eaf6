/**
 * `weft serve` as a user runs it: a real process prints the URL with its
 * token and the workspace on stdout, serves the socket and the workspace,
 * and Ctrl+C (SIGINT) stops it cleanly with exit 0. Usage errors exit 2.
 */
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { weft, WEFT_BIN, REPO, withTempDir } from './support/cli.ts';

describe('weft serve', () => {
  it('--port 0 prints the URL and workspace, serves, and stops on SIGINT with exit 0', async () => {
    await withTempDir(async (home) => {
      await writeFile(join(home, 'note.txt'), 'hello');
      const child = spawn(
        process.execPath,
        [WEFT_BIN, 'serve', '--port', '0', '--no-build', '--workspace', home],
        { cwd: REPO, env: { ...process.env, WEFT_HOME: join(home, '.weft') }, stdio: 'pipe' },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
      try {
        await expect.poll(() => stdout, { timeout: 30_000 }).toContain('Workspace:');
        const match = /^Weft editor: (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([0-9a-f]{64}))\n/.exec(
          stdout,
        );
        expect(match, stdout + stderr).not.toBeNull();
        const [, url, port, token] = match!;
        expect(stdout).toContain(`Workspace: ${home}\n`);

        // The printed URL sets the cookie and redirects; the file route serves the workspace.
        const opened = await fetch(url!, { redirect: 'manual' });
        expect(opened.status).toBe(302);
        const file = await fetch(`http://127.0.0.1:${port}/api/files/note.txt?token=${token}`);
        expect(await file.text()).toBe('hello');
        expect((await fetch(`http://127.0.0.1:${port}/api/files/note.txt`)).status).toBe(401);

        // The protocol answers over the socket.
        const socket = new WebSocket(`ws://127.0.0.1:${port}/api/ws?token=${token}`);
        const hello = await new Promise<unknown>((resolve, reject) => {
          socket.on('open', () => socket.send(JSON.stringify({ id: 1, op: 'hello', params: {} })));
          socket.on('message', (data: Buffer) => resolve(JSON.parse(data.toString())));
          socket.on('error', reject);
        });
        expect(hello).toMatchObject({ id: 1, ok: true, result: { workspace: home } });
        const closed = new Promise((resolve) => socket.on('close', resolve));

        child.kill('SIGINT');
        expect(await exited).toBe(0);
        await closed; // the server closed the socket on its way out
        expect(stderr).toContain('stopped.');
      } finally {
        if (child.exitCode === null) child.kill('SIGKILL');
      }
    });
  }, 60_000);

  it('usage errors exit 2 and say what to do', async () => {
    await withTempDir(async (home) => {
      const extra = await weft(['serve', 'graph.weft.json'], { home });
      expect(extra.code).toBe(2);
      expect(extra.stderr).toContain('--workspace DIR');

      const port = await weft(['serve', '--port', '70000'], { home });
      expect(port.code).toBe(2);
      expect(port.stderr).toMatch(/port/);

      const missing = await weft(['serve', '--no-build', '--workspace', join(home, 'nope')], {
        home,
      });
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('does not exist');

      // A port another program holds.
      const blocker = createServer();
      await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
      try {
        const taken = (blocker.address() as AddressInfo).port;
        const busy = await weft(['serve', '--no-build', '--port', String(taken)], {
          home,
          cwd: home,
        });
        expect(busy.code).toBe(2);
        expect(busy.stderr).toContain(`Port ${taken} is already in use`);
        expect(busy.stdout).toBe('');
      } finally {
        await new Promise((resolve) => blocker.close(resolve));
      }
    });
  }, 30_000);
});
