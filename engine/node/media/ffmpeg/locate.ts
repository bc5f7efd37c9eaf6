/**
 * Which ffmpeg Weft runs, in this order (issue #12):
 *
 * 1. `FFMPEG_PATH` from the environment passed in. When set it is the
 *    artist's explicit choice: if it is not an executable file that is an
 *    error, never a silent fall-through to another ffmpeg.
 * 2. ffmpeg-static's binary, where that package is installed (it is not a
 *    dependency: its install script downloads the binary, which needs the
 *    network).
 * 3. `@ffmpeg-installer/ffmpeg` (a dependency: the binary ships inside the
 *    platform's npm package, so it works offline). The bundled default.
 * 4. `ffmpeg` on PATH.
 *
 * Packages are resolved with `createRequire`, so a missing optional one is
 * just "not there". Synchronous on purpose: a handful of stat calls, once
 * per process (probe.ts caches what follows).
 */
import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';

export type FfmpegSource = 'FFMPEG_PATH' | 'ffmpeg-static' | '@ffmpeg-installer/ffmpeg' | 'PATH';

export interface FfmpegLocation {
  readonly path: string;
  readonly source: FfmpegSource;
}

export class FfmpegMissingError extends Error {
  override readonly name = 'FfmpegMissingError';
}

export interface LocateOptions {
  /** The environment to read FFMPEG_PATH and PATH from (never process.env implicitly). */
  env: NodeJS.ProcessEnv;
  /** Loads a package's main export; replaceable in tests. Undefined when not installed. */
  loadPackage?: (name: string) => unknown;
  platform?: NodeJS.Platform;
}

const require = createRequire(import.meta.url);

function loadInstalledPackage(name: string): unknown {
  try {
    return require(name) as unknown;
  } catch {
    // Not installed, or (for @ffmpeg-installer) no binary for this platform.
    return undefined;
  }
}

export const INSTALL_ADVICE =
  'install ffmpeg (Debian/Ubuntu: "apt-get install ffmpeg", macOS: "brew install ffmpeg", Windows: a build from ffmpeg.org), or run "npm install" in the Weft folder to get the bundled one, or set FFMPEG_PATH to an ffmpeg program';

/** The ffmpeg to use, or undefined when there is none; throws only for a broken FFMPEG_PATH. */
export function locateFfmpeg(options: LocateOptions): FfmpegLocation | undefined {
  const { env } = options;
  const platform = options.platform ?? process.platform;
  const load = options.loadPackage ?? loadInstalledPackage;

  const explicit = env.FFMPEG_PATH;
  if (explicit !== undefined && explicit !== '') {
    if (isExecutableFile(explicit, platform)) return { path: explicit, source: 'FFMPEG_PATH' };
    throw new FfmpegMissingError(
      `FFMPEG_PATH is set to "${explicit}", which is not an executable file: point it at an ffmpeg program, or unset it to use the ffmpeg bundled with Weft.`,
    );
  }

  const fromStatic = load('ffmpeg-static');
  if (typeof fromStatic === 'string' && isExecutableFile(fromStatic, platform))
    return { path: fromStatic, source: 'ffmpeg-static' };

  const installer = load('@ffmpeg-installer/ffmpeg') as { path?: unknown } | undefined;
  if (typeof installer?.path === 'string' && isExecutableFile(installer.path, platform))
    return { path: installer.path, source: '@ffmpeg-installer/ffmpeg' };

  const onPath = findOnPath('ffmpeg', env, platform);
  return onPath === undefined ? undefined : { path: onPath, source: 'PATH' };
}

/** Like locateFfmpeg, but a missing ffmpeg is an error with one sentence saying what to install. */
export function requireFfmpeg(options: LocateOptions): FfmpegLocation {
  const location = locateFfmpeg(options);
  if (location === undefined)
    throw new FfmpegMissingError(
      `Weft needs ffmpeg for audio and video files and could not find one: ${INSTALL_ADVICE}.`,
    );
  return location;
}

/** The first executable `name` on the environment's PATH (with PATHEXT on Windows). */
export function findOnPath(
  name: string,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
): string | undefined {
  const folders = (env.PATH ?? env.Path ?? '').split(delimiter).filter((folder) => folder !== '');
  const extensions =
    platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').filter(Boolean) : [''];
  for (const folder of folders) {
    for (const extension of extensions) {
      const candidate = join(folder, name + extension);
      if (isExecutableFile(candidate, platform)) return candidate;
    }
  }
  return undefined;
}

export function isExecutableFile(path: string, platform: NodeJS.Platform): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    // Windows has no execute bit: a file that exists is the best we can check.
    if (platform !== 'win32') accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
