/**
 * What a command may touch of the process: injected, so tests run commands
 * in-process and read exactly what a user would see.
 */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stderr is a terminal: draw a progress bar and colours. */
  isTty: boolean;
  /** Terminal width for the progress bar. */
  columns: number;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Aborted on Ctrl+C. */
  signal: AbortSignal;
}

export const EXIT = { ok: 0, failed: 1, usage: 2, cancelled: 130 } as const;

export function processIo(signal: AbortSignal): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    isTty: process.stderr.isTTY === true,
    columns: process.stderr.columns ?? 80,
    cwd: process.cwd(),
    env: process.env,
    signal,
  };
}

/** A problem with how Weft was called or with its input: exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
