/**
 * The models section of Weft's settings file, `<data>/config.json`:
 *
 *   { "models": { "root": "D:/models", "searchPaths": ["~/shared-models"] } }
 *
 * `root` moves the library folder (default `<data>/models`); `searchPaths`
 * are more folders laid out the same way, read but never written. Relative
 * paths are relative to the data folder; `~` is the home folder. Other keys
 * belong to other parts of Weft and are left alone.
 */
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import type { WeftPaths } from '../paths.ts';

export const CONFIG_FILE = 'config.json';

const configSchema = z.looseObject({
  models: z
    .looseObject({
      root: z.string().min(1).optional(),
      searchPaths: z.array(z.string().min(1)).optional(),
    })
    .optional(),
});

export interface ModelConfig {
  root: string;
  searchPaths: string[];
}

export class ModelConfigError extends Error {
  override readonly name = 'ModelConfigError';
}

export async function readModelConfig(paths: WeftPaths): Promise<ModelConfig> {
  const file = join(paths.data, CONFIG_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { root: paths.models, searchPaths: [] };
    throw new ModelConfigError(`Could not read ${file}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ModelConfigError(
      `${file} is not valid JSON (${(error as Error).message}). Fix it or remove it.`,
    );
  }
  const parsed = configSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ModelConfigError(
      `${file}: ${issue.path.join('.')}: ${issue.message}. Expected { "models": { "root": "folder", "searchPaths": ["folder", …] } }.`,
    );
  }
  const models = parsed.data.models ?? {};
  const place = (path: string) =>
    path === '~' || path.startsWith('~/') || path.startsWith('~\\')
      ? join(homedir(), path.slice(1))
      : resolve(paths.data, path);
  return {
    root: models.root ? place(models.root) : paths.models,
    searchPaths: (models.searchPaths ?? []).map(place),
  };
}
