/**
 * Graph text into the editor: through the one loader the CLI uses, with
 * every outcome told to the artist (why a file cannot be opened, what was
 * upgraded, which node types are missing and kept as placeholders).
 */
import type { GraphLoadError } from '../../engine/common/graph/load.ts';
import { loadGraphText } from '../../engine/common/graph/load.ts';
import type { GraphFile } from '../../engine/common/graph/schema.ts';
import { frameDocument } from '../canvas/viewport.ts';
import type { DefinitionOf } from '../graph/lookup.ts';
import { definitionOf } from '../state/catalogStore.ts';
import { useGraphStore } from '../state/graphStore.ts';
import { notify } from '../state/toastStore.ts';

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function loadErrorDetails(error: GraphLoadError): string | undefined {
  if (!error.issues || error.issues.length <= 1) return undefined;
  return error.issues.map((issue) => `${issue.path || '(top level)'}: ${issue.message}`).join('\n');
}

/** One sentence naming the node types that are not installed, or undefined when all are. */
export function missingTypesMessage(graph: GraphFile, lookup: DefinitionOf): string | undefined {
  const missing = new Map<string, string[]>();
  for (const [id, node] of Object.entries(graph.nodes)) {
    if (lookup(node.type)) continue;
    missing.set(node.type, [...(missing.get(node.type) ?? []), id]);
  }
  if (missing.size === 0) return undefined;
  const count = [...missing.values()].reduce((sum, ids) => sum + ids.length, 0);
  const types = [...missing.keys()].join(', ');
  const one = count === 1;
  return `${one ? '1 node uses a type' : `${count} nodes use types`} this Weft does not have (${types}). ${one ? 'It is shown as a placeholder' : 'They are shown as placeholders'} and saved unchanged; install the node pack to run ${one ? 'it' : 'them'}.`;
}

/** Loads `text` as the open document; false (and a message) when it is not a usable graph. */
export function loadIntoEditor(
  text: string,
  options: { filePath: string | undefined; source: string; dirty: boolean },
): boolean {
  const loaded = loadGraphText(text, { source: options.source });
  if (!loaded.ok) {
    notify('error', loaded.error.message, loadErrorDetails(loaded.error));
    return false;
  }
  frameDocument(loaded.graph);
  useGraphStore
    .getState()
    .openDocument(loaded.graph, { filePath: options.filePath, dirty: options.dirty });
  if (loaded.notes.length > 0) {
    notify(
      'info',
      `${options.source} was upgraded; saving will write the new format.`,
      loaded.notes.join('\n'),
    );
  }
  const missing = missingTypesMessage(loaded.graph, definitionOf);
  if (missing) notify('warning', missing);
  return true;
}
