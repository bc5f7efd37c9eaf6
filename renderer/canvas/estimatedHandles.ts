/**
 * Where a node's handles probably are before React Flow has measured it,
 * from its definition and the row sizes `estimateSize` (frame.ts) uses:
 * ports paired row by row under the header (inputs left, outputs right),
 * then a row per param with a small input handle at its left; a collapsed
 * node keeps them all stacked on its header.
 *
 * Why: React Flow renders every node it has no handle bounds for, on screen
 * or not, so that it can measure it. A large graph opened zoomed out is never
 * measured (the overview draws it on a canvas), so the first zoom in mounted
 * all of its nodes at once (over a second for a thousand). Node objects
 * built before their first measurement carry these estimates (`handles`,
 * and the estimated size as `measured`, toFlow.ts), so React Flow mounts only the
 * nodes on screen, measures them, and the next conversion drops the
 * estimates. A wire to a node never drawn ends at its estimated handle.
 */
import type { NodeHandle } from '@xyflow/react';
import { Position } from '@xyflow/react';
import type { NodeDefinition } from '../../engine/common/catalog.ts';
import type { GraphNode } from '../../engine/common/graph/schema.ts';
import { isCollapsed } from '../graph/nodeUi.ts';
import { HEADER, ROW, TALL_ROW } from './frame.ts';

/** The port handle's size (app/theme.css `.weft-handle`); params use the small one. */
const PORT_HANDLE = 11;
const PARAM_HANDLE = 8;

function handle(
  id: string,
  type: 'source' | 'target',
  width: number,
  middle: number,
  size: number,
): NodeHandle {
  return {
    id,
    type,
    position: type === 'target' ? Position.Left : Position.Right,
    x: type === 'target' ? -size / 2 : width - size / 2,
    y: middle - size / 2,
    width: size,
    height: size,
  };
}

export function estimateHandles(
  node: GraphNode,
  definition: NodeDefinition | undefined,
  width: number,
  placeholderOutputs: readonly string[],
): NodeHandle[] {
  if (!definition) {
    // A placeholder: its known wires, stacked on the header.
    return [
      ...Object.keys(node.inputs ?? {}).map((name) =>
        handle(name, 'target', width, HEADER / 2, PORT_HANDLE),
      ),
      ...placeholderOutputs.map((name) => handle(name, 'source', width, HEADER / 2, PORT_HANDLE)),
    ];
  }
  if (isCollapsed(node)) {
    return [
      ...definition.inputs.map((port) =>
        handle(port.name, 'target', width, HEADER / 2, PORT_HANDLE),
      ),
      ...definition.params.map((spec) =>
        handle(spec.name, 'target', width, HEADER / 2, PORT_HANDLE),
      ),
      ...definition.outputs.map((port) =>
        handle(port.name, 'source', width, HEADER / 2, PORT_HANDLE),
      ),
    ];
  }
  const handles: NodeHandle[] = [];
  definition.inputs.forEach((port, index) =>
    handles.push(handle(port.name, 'target', width, HEADER + ROW * index + ROW / 2, PORT_HANDLE)),
  );
  definition.outputs.forEach((port, index) =>
    handles.push(handle(port.name, 'source', width, HEADER + ROW * index + ROW / 2, PORT_HANDLE)),
  );
  let top = HEADER + ROW * Math.max(definition.inputs.length, definition.outputs.length);
  for (const spec of definition.params) {
    handles.push(handle(spec.name, 'target', width, top + ROW / 2, PARAM_HANDLE));
    top += spec.kind === 'string' && spec.multiline ? TALL_ROW : ROW;
  }
  return handles;
}
