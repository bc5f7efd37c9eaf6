/**
 * Test helpers: the bundled ffmpeg (the tests never depend on a system one)
 * and test media made on the fly from ffmpeg's lavfi sources.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { requireFfmpeg } from './locate.ts';
import type { FfmpegInfo } from './probe.ts';
import { probeFfmpeg } from './probe.ts';

/** @ffmpeg-installer's ffmpeg, probed (an env without FFMPEG_PATH or PATH). */
export function bundledFfmpeg(): Promise<FfmpegInfo> {
  const location = requireFfmpeg({ env: {} });
  if (location.source !== '@ffmpeg-installer/ffmpeg')
    throw new Error(`expected the bundled ffmpeg, found ${location.source}`);
  return probeFfmpeg(location);
}

/** Runs the bundled ffmpeg with `args` (quiet, overwriting) to make a test file. */
export async function makeMedia(ffmpeg: FfmpegInfo, args: readonly string[]): Promise<void> {
  await promisify(execFile)(ffmpeg.path, [
    '-hide_banner',
    '-nostdin',
    '-v',
    'error',
    '-y',
    ...args,
  ]);
}

export async function temporaryFolder(): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'weft-ffmpeg-test-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** Whether a process id is gone (reaped: no zombie either). */
export function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Positive-going zero crossings: a 440 Hz tone has 440 per second. */
export function risingZeroCrossings(samples: Float32Array): number {
  let count = 0;
  for (let index = 1; index < samples.length; index++)
    if (samples[index - 1]! < 0 && samples[index]! >= 0) count++;
  return count;
}

/** Ids of running processes whose command line mentions `marker` (Linux /proc; [] elsewhere). */
export async function processesMentioning(marker: string): Promise<number[]> {
  const { readdir, readFile } = await import('node:fs/promises');
  const pids: number[] = [];
  for (const entry of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    const commandLine = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (commandLine.includes(marker)) pids.push(Number(entry));
  }
  return pids;
}
