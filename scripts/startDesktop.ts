/**
 * `npm start`'s desktop half: is Electron's binary here (or can its own
 * installer fetch it), is there a display to open a window on, and launching
 * it on the built shell.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
export const ELECTRON_PACKAGE = join(ROOT, 'node_modules', 'electron');

/**
 * The Electron executable electron's own package would run, without
 * requiring it (its index.js starts a download when the binary is missing).
 */
export function findElectronBinary(
  packageFolder: string = ELECTRON_PACKAGE,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  let relativePath: string;
  try {
    relativePath = readFileSync(join(packageFolder, 'path.txt'), 'utf8').trim();
  } catch {
    return undefined;
  }
  if (!relativePath) return undefined;
  const binary = env.ELECTRON_OVERRIDE_DIST_PATH
    ? join(env.ELECTRON_OVERRIDE_DIST_PATH, relativePath)
    : join(packageFolder, 'dist', relativePath);
  return existsSync(binary) ? binary : undefined;
}

/** Runs electron's installer (a download) once; resolves with its last error line on failure. */
export function installElectron(
  timeoutMs: number,
  packageFolder: string = ELECTRON_PACKAGE,
): Promise<{ ok: true } | { ok: false; error: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(packageFolder, 'install.js')], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve({ ok: false, error: `it took longer than ${Math.round(timeoutMs / 1000)} s` });
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ ok: false, error: error.message });
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve({ ok: true });
      else resolve({ ok: false, error: firstErrorLine(stderr) ?? `exit code ${code}` });
    });
  });
}

function firstErrorLine(text: string): string | undefined {
  const line = text
    .split('\n')
    .map((entry) => entry.trim())
    .find((entry) => entry && !entry.startsWith('at '));
  return line?.replace(/^\w*Error: /, '');
}

/** Linux needs an X11 or Wayland display for a window; macOS and Windows always have one. */
export function hasDisplay(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): boolean {
  return platform !== 'linux' || Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

export type DesktopCheck = { ok: true; binary: string } | { ok: false; reason: string };

export interface DesktopCheckOptions {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  /** The user asked for the browser (`npm start -- --browser`). */
  browserRequested: boolean;
  find(): string | undefined;
  install(): Promise<{ ok: true } | { ok: false; error: string }>;
}

/** Whether the desktop app can start here, and if not, why (one clause, for one sentence). */
export async function checkDesktop(options: DesktopCheckOptions): Promise<DesktopCheck> {
  if (options.browserRequested) return { ok: false, reason: 'you asked for browser mode' };
  const display = hasDisplay(options.env, options.platform);
  let binary = options.find();
  if (!binary) {
    if (!display) {
      return {
        ok: false,
        reason: "Electron's binary is not installed and there is no display to open a window on",
      };
    }
    if (options.env.WEFT_ELECTRON_INSTALL === '0') {
      return {
        ok: false,
        reason: "Electron's binary is not installed (WEFT_ELECTRON_INSTALL=0 skips its download)",
      };
    }
    const installed = await options.install();
    binary = installed.ok ? options.find() : undefined;
    if (!binary) {
      const why = installed.ok ? 'its installer left no binary' : installed.error;
      return {
        ok: false,
        reason: `Electron's binary is not installed and could not be downloaded (${why})`,
      };
    }
  }
  if (!display) {
    return { ok: false, reason: 'there is no display to open a window on (DISPLAY is not set)' };
  }
  return { ok: true, binary };
}

/** Starts the desktop app; resolves with its exit code. */
export function launchElectron(
  binary: string,
  mainBundle: string,
  args: string[],
): Promise<number> {
  return new Promise((resolve) => {
    const env = { ...process.env };
    // Set by some tools; it would make Electron run as plain Node.
    delete env.ELECTRON_RUN_AS_NODE;
    const child = spawn(binary, [mainBundle, ...args], { stdio: 'inherit', env });
    const forward = (signal: NodeJS.Signals): void => {
      child.kill(signal);
    };
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', (error) => {
      console.error(`Weft could not start Electron: ${error.message}`);
      resolve(1);
    });
  });
}
