/**
 * Crash recovery for open graphs: the editor autosaves each open document
 * under a key (its workspace path, or an id for an unsaved one); after a
 * crash or a lost connection it reads the copy back. One file per key in
 * <data>/recovery/, named by the key's hash (a key is client text and never
 * becomes a path), written atomically.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../cache/atomicFile.ts';
import type { OperationResults } from '../../common/protocol/messages.ts';
import { errnoCode } from './failure.ts';

interface RecoveryFile {
  key: string;
  text: string;
  savedAt: number;
}

export class RecoveryStore {
  constructor(
    readonly dir: string,
    private readonly now: () => number = Date.now,
  ) {}

  async write(key: string, text: string): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const file: RecoveryFile = { key, text, savedAt: this.now() };
    // No fsync: a copy that a power cut damages is read as missing, and the saved file stays.
    await writeFileAtomic(this.#path(key), Buffer.from(JSON.stringify(file)), { sync: false });
  }

  async read(key: string): Promise<OperationResults['recovery.read']> {
    let text: string;
    try {
      text = await readFile(this.#path(key), 'utf8');
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') return {};
      throw error;
    }
    try {
      const file = JSON.parse(text) as Partial<RecoveryFile>;
      if (file.key !== key || typeof file.text !== 'string') return {};
      return {
        text: file.text,
        ...(typeof file.savedAt === 'number' ? { savedAt: file.savedAt } : {}),
      };
    } catch {
      return {};
    }
  }

  async clear(key: string): Promise<void> {
    await rm(this.#path(key), { force: true });
  }

  #path(key: string): string {
    return join(this.dir, `${createHash('sha256').update(key).digest('hex').slice(0, 40)}.json`);
  }
}
