/**
 * The folder the editor opens when no graph is named: WEFT_WORKSPACE, else
 * `<WEFT_HOME>/workspace` (tests and CI stay in their temp folder), else
 * `~/Weft`. On first use it gets a copy of the toy text-to-image example, so
 * a new user sees a full run before downloading anything. Shared by the
 * desktop app and `npm start`'s browser mode, which open the same folder.
 */
import { access, copyFile, mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const STARTER_GRAPH = 'txt2img.weft.json';

export function defaultWorkspaceFolder(env: NodeJS.ProcessEnv = process.env): string {
  if (env.WEFT_WORKSPACE) return env.WEFT_WORKSPACE;
  if (env.WEFT_HOME) return join(env.WEFT_HOME, 'workspace');
  return join(homedir(), 'Weft');
}

/**
 * Creates the folder if needed; the starter graph is copied only when the
 * folder is new (a user who deleted it does not get it back).
 * Returns the graph to open, if there is one.
 */
export async function ensureDefaultWorkspace(
  folder: string,
  examplesFolder: string,
): Promise<{ workspace: string; graph: string | undefined }> {
  const existed = await exists(folder);
  await mkdir(folder, { recursive: true });
  const starter = join(folder, STARTER_GRAPH);
  if (!existed) await copyFile(join(examplesFolder, STARTER_GRAPH), starter);
  return { workspace: folder, graph: (await exists(starter)) ? STARTER_GRAPH : undefined };
}

function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
