/**
 * Crash recovery on the next start. The editor autosaves the open graph
 * through the protocol (`recovery.write`, keyed by its workspace path, or
 * "untitled"); when
 * the last session ended without quitting, main reads that copy back through
 * the engine and, if it differs from the file, offers it. Restoring writes it
 * beside the original as `<name>.recovered.weft.json` (the saved file is never
 * overwritten without the user saving) and opens that; either way the copy
 * is cleared.
 */
import type {
  Operation,
  OperationParams,
  OperationResult,
} from '../../engine/common/protocol/messages.ts';

/** The editor's autosave key for a graph not saved yet (renderer/files/recovery.ts). */
export const UNTITLED_KEY = 'untitled';

export type EngineCall = <Op extends Operation>(
  op: Op,
  params: OperationParams<Op>,
) => Promise<OperationResult<Op>>;

export interface RecoveryOffer {
  graph: string;
  savedAt: number | undefined;
}

export interface RecoveryOptions {
  call: EngineCall;
  /** The open graph of the session that crashed (workspace-relative). */
  graph: string;
  /** Asks the user; true means restore. */
  ask(offer: RecoveryOffer): Promise<boolean>;
}

/** The workspace path of the restored copy to open, or undefined when nothing was restored. */
export async function offerRecovery(options: RecoveryOptions): Promise<string | undefined> {
  const { call, graph } = options;
  const saved = await call('recovery.read', { key: graph });
  if (saved.text === undefined) return undefined;
  const onDisk = await call('files.read', { path: graph }).then(
    (file) => file.text,
    () => undefined,
  );
  if (onDisk !== undefined && sameGraph(onDisk, saved.text)) {
    await call('recovery.clear', { key: graph });
    return undefined;
  }
  const restore = await options.ask({ graph, savedAt: saved.savedAt });
  let restored: string | undefined;
  if (restore) restored = await writeRecoveredCopy(call, graph, saved.text);
  await call('recovery.clear', { key: graph });
  return restored;
}

/** Equal as JSON (the autosave and the writer may differ in whitespace only). */
function sameGraph(a: string, b: string): boolean {
  try {
    return JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b));
  } catch {
    return a === b;
  }
}

export function recoveredName(graph: string, attempt: number): string {
  const stem = graph.replace(/\.weft\.json$/i, '').replace(/\.json$/i, '');
  return `${stem}.recovered${attempt > 1 ? `-${attempt}` : ''}.weft.json`;
}

async function writeRecoveredCopy(call: EngineCall, graph: string, text: string): Promise<string> {
  for (let attempt = 1; attempt <= 100; attempt += 1) {
    const path = recoveredName(graph, attempt);
    try {
      return (await call('files.write', { path, text, overwrite: false })).path;
    } catch (error) {
      // An older recovered copy is there: keep it and try the next name.
      if ((error as { code?: unknown }).code !== 'FILE_EXISTS' || attempt === 100) throw error;
    }
  }
  throw new Error('unreachable');
}
