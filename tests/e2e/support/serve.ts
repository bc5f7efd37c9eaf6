/**
 * Starts a real `weft serve` process for a browser test or benchmark: its own
 * WEFT_HOME and workspace in temp folders, a free port, and the URL (with its
 * token) read from what it prints, exactly as a user would copy it.
 *
 * A server stopped and started again on the same `port` with the same
 * `token`, `workspace` and `home` is what an open editor sees as its engine
 * coming back (the reconnect tests). `noBuild` serves dist/renderer as it is
 * (the caller built it once, see rendererBuilt.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const REPO = new URL('../../..', import.meta.url).pathname;

export interface ServedEditor {
  /** The printed URL, token included. */
  url: string;
  origin: string;
  token: string;
  workspace: string;
  home: string;
  /** Everything the server printed so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

export interface ServeOptions {
  workspace?: string;
  home?: string;
  /** Default 0: any free port. */
  port?: number;
  /** Default: the server makes a random one. */
  token?: string;
  noBuild?: boolean;
  timeoutMs?: number;
}

export async function startServe(options: ServeOptions = {}): Promise<ServedEditor> {
  const ownHome = !options.home;
  const ownWorkspace = !options.workspace;
  const home = options.home ?? (await mkdtemp(join(tmpdir(), 'weft-e2e-home-')));
  const workspace = options.workspace ?? (await mkdtemp(join(tmpdir(), 'weft-e2e-ws-')));
  const args = [join(REPO, 'bin', 'weft.js'), 'serve', '--port', String(options.port ?? 0)];
  args.push('--workspace', workspace);
  if (options.token !== undefined) args.push('--token', options.token);
  if (options.noBuild) args.push('--no-build');
  const child = spawn(process.execPath, args, {
    cwd: REPO,
    env: { ...process.env, WEFT_HOME: home },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  child.stdout.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const url = await waitForUrl(child, () => printed, options.timeoutMs ?? 120_000);
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token:
      parsed.searchParams.get('token') ??
      new URLSearchParams(parsed.hash.slice(1)).get('token') ??
      '',
    workspace,
    home,
    output: () => printed,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGINT');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      if (ownHome) await rm(home, { recursive: true, force: true });
      if (ownWorkspace) await rm(workspace, { recursive: true, force: true });
    },
  };
}

function waitForUrl(
  child: ChildProcess,
  printed: () => string,
  timeoutMs: number,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`weft serve printed no URL within ${timeoutMs} ms:\n${printed()}`));
    }, timeoutMs);
    const check = (): void => {
      const match = /https?:\/\/[^\s]+token=[0-9A-Za-z_-]+/.exec(printed());
      if (match) {
        clearTimeout(timer);
        child.stdout?.off('data', check);
        resolve(match[0]);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`weft serve exited (${code}) before printing its URL:\n${printed()}`));
    });
  });
}
