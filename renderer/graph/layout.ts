/**
 * Positions for nodes whose file has no `ui` (graphs written by hand or by a
 * script): columns by depth along the connections, so data flows left to
 * right, placed after whatever already has a position.
 */
import type { GraphFile } from '../../engine/common/graph/schema.ts';
import { parseReference } from '../../engine/common/graph/schema.ts';
import type { Point } from './edits.ts';

export const COLUMN_WIDTH = 320;
export const ROW_HEIGHT = 240;

export function autoLayout(graph: GraphFile): Record<string, Point> {
  const unplaced = Object.keys(graph.nodes).filter((id) => !graph.nodes[id]!.ui);
  if (unplaced.length === 0) return {};
  const depth = new Map<string, number>();
  const visiting = new Set<string>();
  const depthOf = (id: string): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return 0; // a loop: validation reports it; any column will do
    visiting.add(id);
    let result = 0;
    for (const reference of Object.values(graph.nodes[id]?.inputs ?? {})) {
      const source = parseReference(reference)?.nodeId;
      if (source !== undefined && Object.hasOwn(graph.nodes, source)) {
        result = Math.max(result, depthOf(source) + 1);
      }
    }
    visiting.delete(id);
    depth.set(id, result);
    return result;
  };

  let top = 0;
  for (const node of Object.values(graph.nodes)) {
    if (node.ui) top = Math.max(top, node.ui.y + ROW_HEIGHT);
  }
  const rows = new Map<number, number>();
  const positions: Record<string, Point> = {};
  for (const id of unplaced) {
    const column = depthOf(id);
    const row = rows.get(column) ?? 0;
    rows.set(column, row + 1);
    positions[id] = { x: column * COLUMN_WIDTH, y: top + row * ROW_HEIGHT };
  }
  return positions;
}
