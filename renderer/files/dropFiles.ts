/**
 * Files dropped on the canvas: a graph (or a PNG carrying one) replaces the
 * document (after asking about unsaved changes); an image is uploaded to the
 * workspace and gets a Load Image node where it was dropped; anything else
 * gets a sentence saying what can be dropped.
 */
import { getClient } from '../client/instance.ts';
import type { Point } from '../graph/edits.ts';
import { useGraphStore } from '../state/graphStore.ts';
import { notify } from '../state/toastStore.ts';
import { classifyDrop, toBase64 } from './dropKind.ts';
import { guardUnsaved } from './fileActions.ts';
import { loadIntoEditor } from './loadGraph.ts';

export const LOAD_IMAGE_TYPE = 'core/load-image';

export async function dropFiles(files: readonly File[], at: Point): Promise<void> {
  let offset = 0;
  for (const file of files) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const kind = classifyDrop(file.name, bytes);
    if (kind.kind === 'unsupported') {
      notify('error', kind.message);
    } else if (kind.kind === 'graph') {
      guardUnsaved(() => {
        loadIntoEditor(kind.text, { filePath: undefined, source: kind.source, dirty: true });
      });
    } else {
      await addImage(file.name, bytes, { x: at.x + offset, y: at.y + offset });
      offset += 40;
    }
  }
}

async function addImage(name: string, bytes: Uint8Array, at: Point): Promise<void> {
  let path: string;
  try {
    path = (await getClient().request('files.upload', { name, dataBase64: toBase64(bytes) })).path;
  } catch (error) {
    notify(
      'error',
      `Could not upload ${name}: ${error instanceof Error ? error.message : String(error)}`,
    );
    return;
  }
  useGraphStore.getState().addNode(LOAD_IMAGE_TYPE, at, undefined, { file: path });
}
