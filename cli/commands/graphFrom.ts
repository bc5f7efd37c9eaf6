/** `weft graph-from FILE.png`: prints the graph a saved image carries. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { readPngText } from '../../engine/common/media/pngText.ts';
import { loadGraphText } from '../../engine/common/graph/load.ts';
import { serializeGraph } from '../../engine/common/graph/write.ts';
import { GRAPH_TEXT_KEY } from '../../engine/common/graph/provenance.ts';
import { createDefaultRegistry } from '../../nodes/index.ts';
import { parseFlags } from '../args.ts';
import { formatLoadError } from '../graphFile.ts';
import type { CliIo } from '../io.ts';
import { EXIT, UsageError } from '../io.ts';

export async function graphFromCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { positionals } = parseFlags(args, {});
  const [file] = positionals;
  if (!file) throw new UsageError('weft graph-from needs an image: weft graph-from IMAGE.png');
  let bytes: Uint8Array;
  try {
    bytes = await readFile(resolve(io.cwd, file));
  } catch {
    throw new UsageError(`The file "${file}" does not exist or cannot be read.`);
  }
  let text: Record<string, string>;
  try {
    text = readPngText(bytes);
  } catch {
    throw new UsageError(`"${file}" is not a PNG file; only PNGs saved by Weft carry their graph.`);
  }
  const embedded = text[GRAPH_TEXT_KEY];
  if (embedded === undefined)
    throw new UsageError(
      `"${file}" carries no Weft graph (it was not saved by Weft's Save image node, or the metadata was stripped).`,
    );
  const registry = createDefaultRegistry();
  const loaded = loadGraphText(embedded, {
    nodeTypes: (type) => registry.get(type),
    source: `The graph in ${file}`,
  });
  if (!loaded.ok) throw new UsageError(formatLoadError(loaded.error));
  io.stdout(serializeGraph(loaded.graph));
  return EXIT.ok;
}
