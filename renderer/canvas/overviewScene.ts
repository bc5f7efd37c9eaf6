/**
 * What the overview canvas draws (OverviewCanvas.tsx), in flow coordinates,
 * worked out from the graph store alone: a box per node (its measured size
 * when React Flow measured it at another zoom, else the size estimated from
 * the catalog), a rectangle per group, and a straight segment per wire, box
 * side to box side. Pure, so the geometry is tested without a browser; hit
 * testing (overviewHitTest.ts) and drawing (overviewDraw.ts) read the same
 * scene, so what is clicked is what is drawn.
 */
import type { GraphFile, NodeMode } from '../../engine/common/graph/schema.ts';
import { nodeMode } from '../../engine/common/graph/modes.ts';
import type { Point } from '../graph/edits.ts';
import { autoLayout } from '../graph/layout.ts';
import type { DefinitionOf } from '../graph/lookup.ts';
import { valueTypeColor } from '../nodes/colors.ts';
import { nodeAccent, nodeTitle } from '../nodes/nodeLabel.ts';
import { estimateSize } from './frame.ts';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface OverviewBox extends Rect {
  id: string;
  /** The header's colour: the node's own colour, else its category's. */
  color: string;
  title: string;
  selected: boolean;
  mode: NodeMode | undefined;
}

export interface OverviewGroupBox extends Rect {
  index: number;
  color: string;
  title: string;
  selected: boolean;
}

export interface OverviewWire {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** The value type's colour (nodes/colors.ts), as React Flow's wires have. */
  color: string;
}

export interface OverviewScene {
  /** In graph order; later boxes are drawn over earlier ones. */
  nodes: OverviewBox[];
  groups: OverviewGroupBox[];
  wires: OverviewWire[];
  /** Everything drawn, or undefined for an empty graph. */
  bounds: Rect | undefined;
}

export interface OverviewInput {
  graph: GraphFile;
  definitionOf: DefinitionOf;
  /** Sizes React Flow measured (uiStore.measured), keyed by node id. */
  measured: Readonly<Record<string, { width: number; height: number }>>;
  selection: ReadonlySet<string>;
  selectedGroups: ReadonlySet<number>;
  /** The wires as the canvas converted them (toFlow.ts): only those whose two ends are drawn. */
  edges: readonly { source: string; target: string; data?: { valueType?: string | undefined } }[];
}

const DEFAULT_GROUP_COLOR = '#7d8aa3';

export function buildOverviewScene(input: OverviewInput): OverviewScene {
  const { graph, definitionOf, measured, selection } = input;
  const layout = autoLayout(graph);
  const nodes: OverviewBox[] = [];
  const byId = new Map<string, OverviewBox>();
  for (const [id, node] of Object.entries(graph.nodes)) {
    const position: Point = node.ui ?? layout[id] ?? { x: 0, y: 0 };
    const size = measured[id] ?? estimateSize(node, definitionOf);
    const definition = definitionOf(node.type);
    const box: OverviewBox = {
      id,
      x: position.x,
      y: position.y,
      width: size.width,
      height: size.height,
      color: nodeAccent(node, definition),
      title: nodeTitle(node, definition),
      selected: selection.has(id),
      mode: nodeMode(node),
    };
    nodes.push(box);
    byId.set(id, box);
  }
  const groups = (graph.groups ?? []).map((group, index): OverviewGroupBox => ({
    index,
    x: group.x,
    y: group.y,
    width: group.width,
    height: group.height,
    color: group.color ?? DEFAULT_GROUP_COLOR,
    title: group.title,
    selected: input.selectedGroups.has(index),
  }));
  const wires: OverviewWire[] = [];
  for (const edge of input.edges) {
    const from = byId.get(edge.source);
    const to = byId.get(edge.target);
    if (!from || !to) continue;
    wires.push({
      x1: from.x + from.width,
      y1: from.y + from.height / 2,
      x2: to.x,
      y2: to.y + to.height / 2,
      color: valueTypeColor(edge.data?.valueType),
    });
  }
  return { nodes, groups, wires, bounds: boundsOf([...groups, ...nodes]) };
}

function boundsOf(rects: readonly Rect[]): Rect | undefined {
  if (rects.length === 0) return undefined;
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const rect of rects) {
    left = Math.min(left, rect.x);
    top = Math.min(top, rect.y);
    right = Math.max(right, rect.x + rect.width);
    bottom = Math.max(bottom, rect.y + rect.height);
  }
  return { x: left, y: top, width: right - left, height: bottom - top };
}
