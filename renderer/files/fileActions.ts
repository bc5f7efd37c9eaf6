/**
 * New, open, save, save as: the document's way to and from workspace files
 * (ops files.read / files.write), with recovery copies cleared once saved
 * and the recent list kept. Save-as never overwrites silently: the host
 * answers FILE_EXISTS and the dialog asks.
 */
import { serializeGraph } from '../../engine/common/graph/write.ts';
import { getClient } from '../client/instance.ts';
import { ClientError } from '../client/types.ts';
import { useGraphStore } from '../state/graphStore.ts';
import { notify } from '../state/toastStore.ts';
import { useUiStore } from '../state/uiStore.ts';
import { baseName, loadIntoEditor } from './loadGraph.ts';
import { rememberRecent } from './recent.ts';
import { recoveryKey, shouldOfferRecovery } from './recovery.ts';

export const GRAPH_EXTENSION = '.weft.json';

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Runs `action` now, or after the artist agreed to drop unsaved changes. */
export function guardUnsaved(action: () => void): void {
  if (!useGraphStore.getState().dirty) {
    action();
    return;
  }
  useUiStore.getState().openDialog({ kind: 'confirm-discard', then: action });
}

export function newDocument(): void {
  guardUnsaved(() => {
    const previous = useGraphStore.getState().filePath;
    useGraphStore.getState().newGraph();
    if (previous === undefined) void clearRecovery(recoveryKey(undefined));
  });
}

/** "graphs/a" → "graphs/a.weft.json"; leaves other extensions alone. */
export function withGraphExtension(path: string): string {
  const trimmed = path.trim().replace(/^\/+/, '');
  if (trimmed.endsWith(GRAPH_EXTENSION) || /\.[a-z0-9]+$/i.test(baseName(trimmed))) return trimmed;
  return `${trimmed}${GRAPH_EXTENSION}`;
}

/** Opens a workspace file (call through guardUnsaved); offers its recovery copy when newer. */
export async function openFile(path: string): Promise<boolean> {
  const client = getClient();
  let text: string;
  try {
    text = (await client.request('files.read', { path })).text;
  } catch (error) {
    notify('error', `Could not open ${path}: ${reason(error)}`);
    return false;
  }
  if (!loadIntoEditor(text, { filePath: path, source: baseName(path), dirty: false })) return false;
  rememberRecent(path);
  await offerRecovery(path, { text, modified: await modifiedTime(path) });
  return true;
}

/** The file's modification time from its folder listing, when the host tells it. */
export async function modifiedTime(path: string): Promise<number | undefined> {
  const slash = path.lastIndexOf('/');
  try {
    const listing = await getClient().request(
      'files.list',
      slash < 0 ? {} : { dir: path.slice(0, slash) },
    );
    return listing.entries.find((entry) => entry.path === path)?.modified;
  } catch {
    return undefined;
  }
}

/** Asks to restore the recovery copy of `path` (or of the untitled document) when it is worth it. */
export async function offerRecovery(
  path: string | undefined,
  file: { text: string; modified?: number } | undefined,
): Promise<void> {
  const key = recoveryKey(path);
  try {
    const copy = await getClient().request('recovery.read', { key });
    if (!shouldOfferRecovery(copy, file) || copy.text === undefined) return;
    useUiStore.getState().openDialog({
      kind: 'recovery',
      key,
      text: copy.text,
      ...(copy.savedAt !== undefined ? { savedAt: copy.savedAt } : {}),
      ...(path !== undefined ? { filePath: path } : {}),
    });
  } catch {
    // No recovery store reachable: nothing to offer.
  }
}

export async function clearRecovery(key: string): Promise<void> {
  try {
    await getClient().request('recovery.clear', { key });
  } catch {
    // A stale copy is only offered if it differs from the file and is newer; harmless.
  }
}

/** Saves to the document's file, or asks for a name when it has none. */
export async function save(): Promise<boolean> {
  const { filePath } = useGraphStore.getState();
  if (filePath === undefined) {
    useUiStore.getState().openDialog({ kind: 'save-as' });
    return false;
  }
  return (await writeDocument(filePath, true)) === 'saved';
}

export type SaveOutcome = 'saved' | 'exists' | 'failed';

/** Writes the document to `path`; 'exists' when `overwrite` is false and the file is there. */
export async function writeDocument(path: string, overwrite: boolean): Promise<SaveOutcome> {
  const state = useGraphStore.getState();
  const graph = state.graph;
  const previousKey = recoveryKey(state.filePath);
  try {
    await getClient().request('files.write', { path, text: serializeGraph(graph), overwrite });
  } catch (error) {
    if (error instanceof ClientError && error.code === 'FILE_EXISTS') return 'exists';
    notify(
      'error',
      `Could not save ${path}: ${reason(error)} Your changes are still here (and in the recovery copy).`,
    );
    return 'failed';
  }
  useGraphStore.getState().markSaved(path, graph);
  rememberRecent(path);
  // Edits made while the write was under way keep their recovery copy.
  if (!useGraphStore.getState().dirty) await clearRecovery(recoveryKey(path));
  if (previousKey !== recoveryKey(path)) await clearRecovery(previousKey);
  notify('info', `Saved ${path}`);
  return 'saved';
}
