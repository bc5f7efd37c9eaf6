/**
 * The viewport that shows a whole graph, worked out before its nodes are
 * drawn (from positions and sizes estimated from the catalog), so a large
 * graph mounts once, already zoomed out, instead of once at full detail and
 * again after fitting.
 */
import type { GraphFile } from '../../engine/common/graph/schema.ts';
import { autoLayout } from '../graph/layout.ts';
import type { DefinitionOf } from '../graph/lookup.ts';

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

export const DEFAULT_WIDTH = 240;
export const HEADER = 30;
export const ROW = 21;
export const TALL_ROW = 100;

/** A node's likely size before it is measured. */
export function estimateSize(
  node: GraphFile['nodes'][string],
  definitionOf: DefinitionOf,
): { width: number; height: number } {
  const width = node.ui?.width ?? DEFAULT_WIDTH;
  if (node.ui?.collapsed === true) return { width, height: HEADER };
  const definition = definitionOf(node.type);
  if (!definition)
    return { width, height: HEADER + ROW * (2 + Object.keys(node.params ?? {}).length) };
  const ports = Math.max(definition.inputs.length, definition.outputs.length);
  const params = definition.params.reduce(
    (sum, spec) => sum + (spec.kind === 'string' && spec.multiline ? TALL_ROW : ROW),
    0,
  );
  return { width, height: HEADER + ports * ROW + params + 8 };
}

export function frameGraph(
  graph: GraphFile,
  definitionOf: DefinitionOf,
  pane: { width: number; height: number },
  limits: { minZoom: number; maxZoom: number; padding: number } = {
    minZoom: 0.1,
    maxZoom: 1.2,
    padding: 0.1,
  },
): Viewport {
  const layout = autoLayout(graph);
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const [id, node] of Object.entries(graph.nodes)) {
    const position = node.ui ?? layout[id] ?? { x: 0, y: 0 };
    const size = estimateSize(node, definitionOf);
    left = Math.min(left, position.x);
    top = Math.min(top, position.y);
    right = Math.max(right, position.x + size.width);
    bottom = Math.max(bottom, position.y + size.height);
  }
  for (const group of graph.groups ?? []) {
    left = Math.min(left, group.x);
    top = Math.min(top, group.y);
    right = Math.max(right, group.x + group.width);
    bottom = Math.max(bottom, group.y + group.height);
  }
  if (!Number.isFinite(left)) return { x: 0, y: 0, zoom: 1 };
  const width = Math.max(1, right - left);
  const height = Math.max(1, bottom - top);
  const usable = 1 - 2 * limits.padding;
  const zoom = Math.min(
    limits.maxZoom,
    Math.max(
      limits.minZoom,
      Math.min((pane.width * usable) / width, (pane.height * usable) / height),
    ),
  );
  return {
    x: pane.width / 2 - (left + width / 2) * zoom,
    y: pane.height / 2 - (top + height / 2) * zoom,
    zoom,
  };
}
