/**
 * A large graph for the editor benchmark: `count` nodes in a grid, each row a
 * chain (solid colour → resize → composite → …) so every node but the first of
 * a row has a wire in, about as dense as a big real graph.
 */
import type { GraphFile } from '../engine/common/graph/schema.ts';

export function buildLargeGraph(count: number, perRow = 25): GraphFile {
  const nodes: GraphFile['nodes'] = {};
  for (let index = 0; index < count; index += 1) {
    const row = Math.floor(index / perRow);
    const column = index % perRow;
    const id = `n${index}`;
    const ui = { x: column * 300, y: row * 220 };
    if (column === 0) {
      nodes[id] = {
        type: 'core/solid-color',
        params: { width: 64, height: 64, color: '#3a6ea5' },
        ui,
      };
    } else if (column % 2 === 1) {
      nodes[id] = {
        type: 'core/resize',
        params: { width: 64 + column, height: 64 },
        inputs: { image: `n${index - 1}.image` },
        ui,
      };
    } else {
      nodes[id] = {
        type: 'core/crop',
        params: { x: 0, y: 0, width: 32, height: 32 },
        inputs: { image: `n${index - 1}.image` },
        ui,
      };
    }
  }
  return {
    format: 'weft/graph',
    version: 1,
    meta: { title: `${count} nodes` },
    nodes,
  };
}
