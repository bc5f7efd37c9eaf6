/**
 * Runs `weft run … --json` in a child process, as a user would, and times it
 * from spawn to exit (Node start-up, loading the engine and sharp, opening
 * the disk cache and the run itself). With --json the CLI writes one event
 * per line on stderr and the result as one JSON object on stdout.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { RunEvent } from '../engine/common/events.ts';

const WEFT = fileURLToPath(new URL('../bin/weft.js', import.meta.url));

export interface CliRun {
  wallMs: number;
  exitCode: number | null;
  events: RunEvent[];
  /** The stdout result object ({ status, files, … }). */
  result: { status?: string; files?: string[] };
  stderr: string;
}

export async function runWeftProcess(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<CliRun> {
  const started = performance.now();
  const child = spawn(process.execPath, [WEFT, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  const wallMs = performance.now() - started;
  const events = stderr
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as RunEvent);
  const lastLine = stdout.trim().split('\n').pop() ?? '';
  const result = (lastLine.startsWith('{') ? JSON.parse(lastLine) : {}) as CliRun['result'];
  return { wallMs, exitCode, events, result, stderr };
}
