/** Reading a graph file for a command, with errors that say what is wrong and where. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { GraphLoadError } from '../engine/common/graph/load.ts';
import type { GraphFile } from '../engine/common/graph/schema.ts';
import type { Engine } from '../engine/node/engine.ts';
import { UsageError } from './io.ts';

export interface LoadedGraph {
  path: string;
  graph: GraphFile;
  notes: string[];
}

export async function readGraphFile(
  engine: Engine,
  cwd: string,
  file: string,
): Promise<LoadedGraph> {
  const path = resolve(cwd, file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new UsageError(`The graph file "${file}" does not exist (looked at ${path}).`);
    if (code === 'EISDIR') throw new UsageError(`"${file}" is a folder, not a graph file.`);
    throw new UsageError(`Could not read the graph file "${file}": ${(error as Error).message}`);
  }
  const loaded = engine.load(text, file);
  if (!loaded.ok) throw new UsageError(formatLoadError(loaded.error));
  return { path, graph: loaded.graph, notes: loaded.notes };
}

/** The loader's message already names the file and the line; list every schema issue when there are several. */
export function formatLoadError(error: GraphLoadError): string {
  const issues = error.issues ?? [];
  if (issues.length < 2) return error.message;
  return `${error.message}\n${issues.map((issue) => `  ${issue.path}: ${issue.message}`).join('\n')}`;
}
