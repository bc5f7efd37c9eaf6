/**
 * Tells a clean exit from a crash: a marker file is written when the app
 * starts (and updated with the open graph), and removed when it quits
 * normally. A marker found at start means the last session ended without
 * quitting, so its autosaved changes may be worth restoring.
 */
import { rm } from 'node:fs/promises';
import { z } from 'zod';
import { readJsonFile, writeJsonFile } from './jsonFile.ts';

export const sessionSchema = z.object({
  pid: z.number().int(),
  startedAt: z.number(),
  /** The workspace folder of the open graph. */
  workspace: z.string().min(1).optional(),
  /** Workspace-relative path of the open graph (its autosave key). */
  graph: z.string().min(1).optional(),
});
export type SessionInfo = z.infer<typeof sessionSchema>;

export class SessionMarker {
  readonly #file: string;
  #info: SessionInfo;

  constructor(file: string, pid: number = process.pid, now: number = Date.now()) {
    this.#file = file;
    this.#info = { pid, startedAt: now };
  }

  /** Starts this session; returns the previous one if it never ended (a crash). */
  async begin(): Promise<SessionInfo | undefined> {
    const previous = await readJsonFile<SessionInfo | undefined>(
      this.#file,
      sessionSchema,
      undefined,
    );
    await writeJsonFile(this.#file, this.#info);
    return previous;
  }

  /** Records the open graph, so the next start knows what to offer back. */
  async update(document: { workspace: string; graph: string | undefined }): Promise<void> {
    this.#info = {
      pid: this.#info.pid,
      startedAt: this.#info.startedAt,
      workspace: document.workspace,
      ...(document.graph ? { graph: document.graph } : {}),
    };
    await writeJsonFile(this.#file, this.#info);
  }

  /** A clean exit: nothing to recover next time. */
  async end(): Promise<void> {
    await rm(this.#file, { force: true });
  }
}
