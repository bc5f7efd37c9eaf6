/**
 * ffmpeg as a child process. The contract every media function relies on:
 *
 * - `exited` settles only after the child is gone (its 'close' event: exit
 *   status collected, pipes closed), so no caller can leave a zombie behind;
 * - aborting the signal (or calling `stop()`) sends SIGTERM, then SIGKILL
 *   after a short grace, and `exited` rejects with the signal's reason;
 * - a non-zero exit rejects with an `FfmpegError` quoting the last meaningful
 *   line of stderr (kept bounded, see stderrTail.ts).
 */
import { spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { StderrTail } from './stderrTail.ts';

/** How long ffmpeg gets to exit after SIGTERM before SIGKILL. */
export const KILL_GRACE_MS = 500;

export class FfmpegError extends Error {
  override readonly name = 'FfmpegError';
  constructor(
    message: string,
    /** ffmpeg's exit code, or undefined when a signal ended it. */
    readonly exitCode: number | undefined,
    /** The last meaningful stderr line, when there was one. */
    readonly reason: string | undefined,
  ) {
    super(message);
  }
}

export interface FfmpegProcessOptions {
  signal?: AbortSignal;
  /** Give the child a stdin pipe (for raw samples or frames in). */
  stdin?: boolean;
  /** Give the child a stdout pipe (for raw samples or frames out). */
  stdout?: boolean;
  /** What ffmpeg was doing, for the error: 'ffmpeg could not decode "a.mp3"'. */
  describe?: string;
}

export interface FfmpegProcess {
  readonly pid: number | undefined;
  readonly stdin: Writable | null;
  readonly stdout: Readable | null;
  /** Resolves on exit 0; rejects with an FfmpegError or the abort reason. Settles after the child is gone. */
  readonly exited: Promise<void>;
  /** Kills the child (if still running) and waits until it is gone; never rejects. */
  stop(): Promise<void>;
  readonly stderr: StderrTail;
}

export function startFfmpeg(
  binary: string,
  args: readonly string[],
  options: FfmpegProcessOptions = {},
): FfmpegProcess {
  const { signal } = options;
  const describe = options.describe ?? 'ffmpeg failed';
  const child = spawn(binary, args, {
    stdio: [options.stdin ? 'pipe' : 'ignore', options.stdout ? 'pipe' : 'ignore', 'pipe'],
    windowsHide: true,
  });
  const stderr = new StderrTail();
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => stderr.append(chunk));
  // A consumer that stops reading or writing early must not crash the process with EPIPE.
  child.stdin?.on('error', () => {});
  child.stdout?.on('error', () => {});

  let killTimer: NodeJS.Timeout | undefined;
  let stopping = false;
  const kill = (): void => {
    if (stopping || child.exitCode !== null || child.signalCode !== null) return;
    stopping = true;
    child.kill('SIGTERM');
    killTimer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
    killTimer.unref();
  };
  const onAbort = (): void => kill();
  signal?.addEventListener('abort', onAbort, { once: true });
  if (signal?.aborted) kill();

  const exited = new Promise<void>((resolve, reject) => {
    let spawnError: Error | undefined;
    child.once('error', (error) => (spawnError = error));
    child.once('close', (code, killedBy) => {
      clearTimeout(killTimer);
      signal?.removeEventListener('abort', onAbort);
      // The abort reason is the caller's own (an AbortError unless they chose otherwise).
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
      if (signal?.aborted) return reject(abortReason(signal));
      if (spawnError) {
        return reject(
          new FfmpegError(
            `${describe}: ffmpeg could not be started (${spawnError.message}). Check that FFMPEG_PATH (or the bundled ffmpeg) is an ffmpeg program.`,
            undefined,
            spawnError.message,
          ),
        );
      }
      if (code === 0 && !stopping) return resolve();
      if (stopping) return reject(new DOMException('ffmpeg was stopped', 'AbortError'));
      const reason = stderr.lastMeaningfulLine();
      const how = code === null ? `was ended by ${killedBy ?? 'a signal'}` : `exited with ${code}`;
      reject(
        new FfmpegError(
          `${describe}: ${reason ?? `ffmpeg ${how} without saying why`}.`.replace(/\.\.$/, '.'),
          code ?? undefined,
          reason,
        ),
      );
    });
  });
  // Callers that only stop() must not see an unhandled rejection.
  exited.catch(() => {});

  return {
    pid: child.pid,
    stdin: child.stdin,
    stdout: child.stdout,
    exited,
    stderr,
    async stop() {
      kill();
      await exited.catch(() => {});
    },
  };
}

export interface FfmpegResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs ffmpeg to completion and returns what it printed, whatever its exit
 * code (inspecting a file exits 1 by design). Output is bounded: stdout to
 * `maxStdout` characters (an error past it), stderr to its last 64 kB.
 */
export async function runFfmpeg(
  binary: string,
  args: readonly string[],
  options: { signal?: AbortSignal; maxStdout?: number } = {},
): Promise<FfmpegResult> {
  const maxStdout = options.maxStdout ?? 64 * 1024 * 1024;
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
  const stderr = new StderrTail();
  let stdout = '';
  let overflow = false;
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    if (stdout.length + chunk.length > maxStdout) {
      overflow = true;
      child.kill('SIGKILL');
    } else stdout += chunk;
  });
  child.stderr.on('data', (chunk: string) => stderr.append(chunk));
  const onAbort = (): void => void child.kill('SIGKILL');
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) onAbort();
  try {
    const code = await new Promise<number>((resolve, reject) => {
      let spawnError: Error | undefined;
      child.once('error', (error) => (spawnError = error));
      child.once('close', (exitCode) =>
        spawnError ? reject(spawnError) : resolve(exitCode ?? -1),
      );
    });
    if (options.signal?.aborted) throw abortReason(options.signal);
    if (overflow) throw new Error(`ffmpeg printed more than ${maxStdout} characters.`);
    return { code, stdout, stderr: stderr.toString() };
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
}

export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('Cancelled', 'AbortError');
}
