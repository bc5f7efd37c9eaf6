/** Runs the CLI in-process (fast) or as a real process (for signals), capturing what a user sees. */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../cli/main.ts';

export const REPO = new URL('../..', import.meta.url).pathname;
export const WEFT_BIN = join(REPO, 'bin', 'weft.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function weft(
  args: readonly string[],
  options: { cwd?: string; home: string; signal?: AbortSignal },
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    isTty: false,
    columns: 80,
    cwd: options.cwd ?? REPO,
    env: { ...process.env, WEFT_HOME: options.home },
    signal: options.signal ?? new AbortController().signal,
  });
  return { code, stdout, stderr };
}

/** Spawns `node bin/weft.js`; onStderrLine may act on progress (e.g. send SIGINT). */
export function weftProcess(
  args: readonly string[],
  options: {
    home: string;
    cwd?: string;
    onStderrLine?: (line: string, kill: (signal: NodeJS.Signals) => void) => void;
  },
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WEFT_BIN, ...args], {
      cwd: options.cwd ?? REPO,
      env: { ...process.env, WEFT_HOME: options.home },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let partial = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      stderr += text;
      partial += text;
      const lines = partial.split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) options.onStderrLine?.(line, (signal) => child.kill(signal));
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

export async function withTempDir<T>(body: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'weft-test-'));
  try {
    return await body(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Parses --json stderr into events. */
export function jsonEvents(
  stderr: string,
): { type: string; nodeId?: string; tier?: string; [key: string]: unknown }[] {
  return stderr
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { type: string; nodeId?: string });
}
