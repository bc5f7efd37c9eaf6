/** `weft nodes [--json]`: the catalog of node types. */
import { createHostEngine } from '../../engine/node/host.ts';
import { weftPaths } from '../../engine/node/paths.ts';
import { parseFlags } from '../args.ts';
import type { CliIo } from '../io.ts';
import { EXIT } from '../io.ts';

export async function nodesCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(args, { json: { type: 'boolean' } });
  // The host engine fills model params with the library's models (the editor's dropdowns).
  const engine = await createHostEngine({ paths: weftPaths(io.env), env: io.env, cacheDir: false });
  await engine.openModels();
  const catalog = engine.catalog();
  if (values.json) {
    io.stdout(JSON.stringify(catalog, null, 2) + '\n');
    return EXIT.ok;
  }
  const byCategory = new Map<string, typeof catalog.nodes>();
  for (const node of catalog.nodes)
    byCategory.set(node.category, [...(byCategory.get(node.category) ?? []), node]);
  for (const [category, nodes] of [...byCategory].sort(([a], [b]) => a.localeCompare(b))) {
    io.stdout(`${category}\n`);
    for (const node of nodes) {
      const inputs = node.inputs.map((port) => `${port.name}:${port.type}`).join(', ');
      const outputs = node.outputs.map((port) => `${port.name}:${port.type}`).join(', ');
      io.stdout(
        `  ${node.type.padEnd(24)} ${node.title}  (${inputs || '–'}) → (${outputs || '–'})\n`,
      );
    }
  }
  return EXIT.ok;
}
