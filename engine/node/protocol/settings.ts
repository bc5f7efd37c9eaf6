/**
 * The editor's settings, kept in `<data>/config.json` beside the `models`
 * section that engine/node/models/config.ts reads (its format is kept:
 * `models.root`, `models.searchPaths`). Engine settings live under their own
 * key; only what the user changed is written, and every other key in the
 * file is left as it was:
 *
 *   { "models": { "root": "D:/models", "searchPaths": [] },
 *     "engine": { "provider": "cuda", "memoryBudgetMiB": 4096,
 *                 "diskBudgetMiB": 20480, "cacheDir": "D:/weft-cache" } }
 */
import { mkdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import type { ProviderInfo, Settings } from '../../common/protocol/messages.ts';
import { PROVIDER_CHOICES, settingsSchema } from '../../common/protocol/messages.ts';
import { writeFileAtomic } from '../cache/atomicFile.ts';
import { DEFAULT_DISK_BUDGET, DEFAULT_MEMORY_BUDGET } from '../host.ts';
import { CONFIG_FILE, readModelConfig } from '../models/config.ts';
import type { WeftPaths } from '../paths.ts';
import { errnoCode, ProtocolFailure } from './failure.ts';

const MIB = 1024 * 1024;

const engineSection = z.looseObject({
  provider: z.enum(PROVIDER_CHOICES).optional(),
  memoryBudgetMiB: settingsSchema.shape.memoryBudgetMiB.optional(),
  diskBudgetMiB: settingsSchema.shape.diskBudgetMiB.optional(),
  cacheDir: z.string().min(1).optional(),
});

export async function readSettings(
  paths: WeftPaths,
  onWarning: (message: string) => void = () => {},
): Promise<Settings> {
  const raw = await readConfig(paths).catch((error: Error): Record<string, unknown> => {
    onWarning(error.message);
    return {};
  });
  const parsed = engineSection.safeParse(raw.engine ?? {});
  if (!parsed.success)
    onWarning(
      `${configPath(paths)}: "engine" has a value Weft cannot use (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}); the defaults are used for it.`,
    );
  const engine = parsed.success ? parsed.data : {};
  const models = await readModelConfig(paths).catch((error: Error) => {
    onWarning(error.message);
    return { root: paths.models, searchPaths: [] };
  });
  return {
    provider: engine.provider ?? 'auto',
    memoryBudgetMiB: engine.memoryBudgetMiB ?? DEFAULT_MEMORY_BUDGET / MIB,
    diskBudgetMiB: engine.diskBudgetMiB ?? DEFAULT_DISK_BUDGET / MIB,
    cacheDir: engine.cacheDir ? place(paths, engine.cacheDir) : paths.cache,
    modelsRoot: models.root,
    modelSearchPaths: models.searchPaths,
  };
}

/** Applies a change and returns the settings now in force. */
export async function writeSettings(
  paths: WeftPaths,
  change: Partial<Settings>,
  onWarning?: (message: string) => void,
): Promise<Settings> {
  for (const field of ['cacheDir', 'modelsRoot'] as const) {
    const value = change[field];
    if (value !== undefined) checkFolder(value, field);
  }
  change.modelSearchPaths?.forEach((path) => checkFolder(path, 'modelSearchPaths'));

  let raw: Record<string, unknown>;
  try {
    raw = await readConfig(paths);
  } catch (error) {
    throw new ProtocolFailure('INTERNAL', (error as Error).message);
  }
  const engine = { ...asObject(raw.engine) };
  const models = { ...asObject(raw.models) };
  if (change.provider !== undefined) engine.provider = change.provider;
  if (change.memoryBudgetMiB !== undefined) engine.memoryBudgetMiB = change.memoryBudgetMiB;
  if (change.diskBudgetMiB !== undefined) engine.diskBudgetMiB = change.diskBudgetMiB;
  if (change.cacheDir !== undefined) engine.cacheDir = change.cacheDir;
  if (change.modelsRoot !== undefined) models.root = change.modelsRoot;
  if (change.modelSearchPaths !== undefined) models.searchPaths = change.modelSearchPaths;
  const next = {
    ...raw,
    ...(Object.keys(models).length > 0 ? { models } : {}),
    ...(Object.keys(engine).length > 0 ? { engine } : {}),
  };
  await mkdir(paths.data, { recursive: true });
  await writeFileAtomic(configPath(paths), Buffer.from(`${JSON.stringify(next, null, 2)}\n`));
  return readSettings(paths, onWarning);
}

/** Whether a change needs a new engine (every setting does: cache, provider, library). */
export function engineSettingsDiffer(a: Settings, b: Settings): boolean {
  return JSON.stringify(a) !== JSON.stringify(b);
}

/** The execution providers this machine offers, for the settings screen. */
export async function providerInfo(): Promise<ProviderInfo[]> {
  const { detectProviders, providerLabel } = await import('../onnx/providers.ts');
  return detectProviders().map((status) => ({
    name: status.name,
    label: providerLabel(status.name),
    available: status.available,
    ...(status.reason !== undefined ? { reason: status.reason } : {}),
  }));
}

function configPath(paths: WeftPaths): string {
  return join(paths.data, CONFIG_FILE);
}

async function readConfig(paths: WeftPaths): Promise<Record<string, unknown>> {
  const file = configPath(paths);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return {};
    throw new Error(`Could not read ${file}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(
      `${file} is not valid JSON (${(error as Error).message}). Fix it or remove it.`,
    );
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new Error(`${file} should hold a JSON object ({ … }). Fix it or remove it.`);
  return json as Record<string, unknown>;
}

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function checkFolder(path: string, field: string): void {
  if (!isAbsolute(path) && path !== '~' && !path.startsWith('~/'))
    throw new ProtocolFailure(
      'BAD_REQUEST',
      `"${path}" is not a full folder path; write the whole path (e.g. /home/me/models or D:\\models).`,
      { field },
    );
}

/** Same rules as the models section: "~" is the home folder, relative is from the data folder. */
function place(paths: WeftPaths, path: string): string {
  return path === '~' || path.startsWith('~/') || path.startsWith('~\\')
    ? join(homedir(), path.slice(1))
    : resolve(paths.data, path);
}
