/**
 * The recent files list: most recent first, no duplicates (paths compared as
 * the OS does: case-insensitively on Windows and macOS), at most MAX entries,
 * files that disappeared dropped when the list is read.
 */
import { access } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { z } from 'zod';
import type { RecentFile } from '../common/bridge.ts';
import { readJsonFile, writeJsonFile } from './jsonFile.ts';

export const MAX_RECENT_FILES = 10;

const recentSchema = z.object({ files: z.array(z.string().min(1)).max(100) });

export function samePath(a: string, b: string, platform: NodeJS.Platform): boolean {
  return platform === 'linux' ? a === b : a.toLowerCase() === b.toLowerCase();
}

/** The list with `path` (absolute: from a dialog, argv or the OS) added at the front. */
export function addRecent(
  list: readonly string[],
  path: string,
  platform: NodeJS.Platform,
): string[] {
  return [path, ...list.filter((entry) => !samePath(entry, path, platform))].slice(
    0,
    MAX_RECENT_FILES,
  );
}

export function describeRecent(path: string): RecentFile {
  return { path, name: basename(path), folder: dirname(path) };
}

export class RecentFiles {
  readonly #file: string;
  readonly #platform: NodeJS.Platform;
  #list: string[] = [];

  constructor(file: string, platform: NodeJS.Platform = process.platform) {
    this.#file = file;
    this.#platform = platform;
  }

  /** Loads the list, dropping files that no longer exist. */
  async load(): Promise<string[]> {
    const stored = await readJsonFile(this.#file, recentSchema, { files: [] });
    const present = await Promise.all(
      stored.files.map((path) =>
        access(path).then(
          () => path,
          () => undefined,
        ),
      ),
    );
    this.#list = present.filter((path): path is string => path !== undefined);
    this.#list = this.#list.slice(0, MAX_RECENT_FILES);
    return this.list;
  }

  get list(): string[] {
    return [...this.#list];
  }

  has(path: string): boolean {
    return this.#list.some((entry) => samePath(entry, path, this.#platform));
  }

  async add(path: string): Promise<string[]> {
    this.#list = addRecent(this.#list, path, this.#platform);
    await writeJsonFile(this.#file, { files: this.#list });
    return this.list;
  }

  async remove(path: string): Promise<string[]> {
    this.#list = this.#list.filter((entry) => !samePath(entry, path, this.#platform));
    await writeJsonFile(this.#file, { files: this.#list });
    return this.list;
  }

  async clear(): Promise<void> {
    this.#list = [];
    await writeJsonFile(this.#file, { files: [] });
  }
}
