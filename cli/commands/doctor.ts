/**
 * `weft doctor [--json]`: what this machine gives Weft. ffmpeg (path, where
 * it came from, version, each codec Weft uses), ONNX Runtime (version,
 * execution providers), the model library's folders (from config.json, as
 * configured: no scan and no fixture generation), the cache folder and its
 * size, and Chromium (for the editor's end-to-end tests and benchmarks).
 *
 * Exit 1 when something Weft needs is missing (no ffmpeg, a needed codec,
 * ONNX Runtime not loading); 0 otherwise. Optional things (animated WebP,
 * GPU providers, Chromium) are shown but never fail it.
 */
import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { formatBytes } from '../../engine/common/formatBytes.ts';
import { findOnPath, INSTALL_ADVICE, locateFfmpeg } from '../../engine/node/media/ffmpeg/locate.ts';
import type { CodecCheck } from '../../engine/node/media/ffmpeg/requirements.ts';
import { checkCodecs } from '../../engine/node/media/ffmpeg/requirements.ts';
import { releaseLabel } from '../../engine/node/media/ffmpeg/parseCapabilities.ts';
import { probeFfmpeg } from '../../engine/node/media/ffmpeg/probe.ts';
import { readModelConfig } from '../../engine/node/models/config.ts';
import { weftPaths } from '../../engine/node/paths.ts';
import { parseFlags } from '../args.ts';
import type { CliIo } from '../io.ts';
import { EXIT } from '../io.ts';

interface DoctorReport {
  ffmpeg:
    | {
        found: true;
        path: string;
        source: string;
        version: string;
        release: string;
        codecs: CodecCheck[];
      }
    | { found: false; problem: string };
  onnxRuntime:
    | {
        found: true;
        version: string;
        providers: { name: string; available: boolean; reason?: string }[];
      }
    | { found: false; problem: string };
  models: { root: string; searchPaths: string[]; bundled: string | null } | { problem: string };
  cache: { path: string; bytes: number };
  chromium: string | null;
  /** Sentences for what Weft needs and lacks; empty when all is well. */
  missing: string[];
}

export async function doctorCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(args, { json: { type: 'boolean' } });
  const report = await examine(io.env);
  if (values.json) io.stdout(JSON.stringify(report, null, 2) + '\n');
  else io.stdout(formatReport(report));
  if (!values.json) for (const problem of report.missing) io.stderr(`weft: ${problem}\n`);
  return report.missing.length > 0 ? EXIT.failed : EXIT.ok;
}

async function examine(env: NodeJS.ProcessEnv): Promise<DoctorReport> {
  const missing: string[] = [];
  const paths = weftPaths(env);
  const [ffmpeg, onnxRuntime, models, cacheBytes] = await Promise.all([
    examineFfmpeg(env, missing),
    examineOnnxRuntime(missing),
    examineModels(env, paths),
    folderSize(paths.cache),
  ]);
  return {
    ffmpeg,
    onnxRuntime,
    models,
    cache: { path: paths.cache, bytes: cacheBytes },
    chromium: findChromium(env) ?? null,
    missing,
  };
}

async function examineFfmpeg(
  env: NodeJS.ProcessEnv,
  missing: string[],
): Promise<DoctorReport['ffmpeg']> {
  try {
    const location = locateFfmpeg({ env });
    if (!location) {
      const problem = `Weft needs ffmpeg for audio and video and found none: ${INSTALL_ADVICE}.`;
      missing.push(problem);
      return { found: false, problem };
    }
    const info = await probeFfmpeg(location);
    const codecs = checkCodecs(info);
    const lacking = codecs.filter((codec) => codec.needed && !codec.found);
    if (lacking.length > 0)
      missing.push(
        `The ffmpeg at "${info.path}" lacks ${lacking.map((codec) => `${codec.name} (${codec.direction}, ${codec.purpose})`).join(', ')}: install a full ffmpeg (e.g. Debian's "apt-get install ffmpeg") and set FFMPEG_PATH to it.`,
      );
    return {
      found: true,
      path: info.path,
      source: info.source,
      version: info.version.text,
      release: releaseLabel(info.version),
      codecs,
    };
  } catch (error) {
    // A broken FFMPEG_PATH (FfmpegMissingError) or a program that is not ffmpeg (MediaError).
    const problem = error instanceof Error ? error.message : String(error);
    missing.push(problem);
    return { found: false, problem };
  }
}

async function examineOnnxRuntime(missing: string[]): Promise<DoctorReport['onnxRuntime']> {
  try {
    const [ort, { detectProviders }] = await Promise.all([
      import('onnxruntime-node'),
      import('../../engine/node/onnx/providers.ts'),
    ]);
    return {
      found: true,
      version: ort.env.versions.node ?? 'unknown',
      providers: detectProviders().map((status) => ({ ...status })),
    };
  } catch (error) {
    const problem = `ONNX Runtime does not load (${error instanceof Error ? error.message.split('\n')[0] : String(error)}): run "npm install" in the Weft folder.`;
    missing.push(problem);
    return { found: false, problem };
  }
}

async function examineModels(
  env: NodeJS.ProcessEnv,
  paths: ReturnType<typeof weftPaths>,
): Promise<DoctorReport['models']> {
  try {
    const config = await readModelConfig(paths);
    const { BUNDLED_MODELS } = await import('../../engine/node/models/userLibrary.ts');
    const bundled =
      env.WEFT_BUNDLED_MODELS === undefined ? BUNDLED_MODELS : env.WEFT_BUNDLED_MODELS;
    return { root: config.root, searchPaths: config.searchPaths, bundled: bundled || null };
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
}

/** Bytes of all files under a folder (0 when it does not exist). */
async function folderSize(folder: string): Promise<number> {
  let total = 0;
  const entries = await readdir(folder, { withFileTypes: true, recursive: true }).catch(() => []);
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const size = await stat(join(entry.parentPath, entry.name)).then(
      (stats) => stats.size,
      () => 0,
    );
    total += size;
  }
  return total;
}

function findChromium(env: NodeJS.ProcessEnv): string | undefined {
  if (env.WEFT_CHROMIUM && existsSync(env.WEFT_CHROMIUM)) return env.WEFT_CHROMIUM;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    const found = findOnPath(name, env);
    if (found) return found;
  }
  return undefined;
}

function formatReport(report: DoctorReport): string {
  const lines: string[] = [];
  const mark = (ok: boolean, optional = false) => (ok ? '✓' : optional ? '–' : '✖');
  const { ffmpeg, onnxRuntime, models } = report;
  if (ffmpeg.found) {
    const named =
      ffmpeg.release === ffmpeg.version ? ffmpeg.version : `${ffmpeg.release} (${ffmpeg.version})`;
    lines.push(`${mark(true)} ffmpeg ${named}: ${ffmpeg.path} (from ${ffmpeg.source})`);
    for (const codec of ffmpeg.codecs)
      lines.push(
        `    ${mark(codec.found, !codec.needed)} ${codec.name} ${codec.direction}`.padEnd(34) +
          `${codec.purpose}${codec.found ? '' : codec.needed ? ': missing' : ': missing (optional)'}`,
      );
  } else lines.push(`${mark(false)} ffmpeg: ${ffmpeg.problem}`);
  if (onnxRuntime.found) {
    lines.push(`${mark(true)} ONNX Runtime ${onnxRuntime.version}`);
    for (const provider of onnxRuntime.providers)
      lines.push(
        `    ${mark(provider.available, true)} ${provider.name}${provider.reason ? `: ${provider.reason}` : ''}`,
      );
  } else lines.push(`${mark(false)} ONNX Runtime: ${onnxRuntime.problem}`);
  if ('problem' in models) lines.push(`${mark(false, true)} models: ${models.problem}`);
  else {
    lines.push(
      `${mark(true)} models: ${models.root}${existsSync(models.root) ? '' : ' (not created yet)'}`,
    );
    for (const folder of models.searchPaths)
      lines.push(`    search path: ${folder}${existsSync(folder) ? '' : ' (missing)'}`);
    if (models.bundled)
      lines.push(
        `    bundled: ${models.bundled}${existsSync(models.bundled) ? '' : ' (not generated yet: npm run fixtures)'}`,
      );
  }
  lines.push(`${mark(true)} cache: ${report.cache.path} (${formatBytes(report.cache.bytes)})`);
  lines.push(
    report.chromium
      ? `${mark(true)} Chromium: ${report.chromium}`
      : `${mark(false, true)} Chromium: not found (only the editor's browser tests need it; set WEFT_CHROMIUM)`,
  );
  return lines.join('\n') + '\n';
}
