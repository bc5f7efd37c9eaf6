/**
 * NodeView's memo comparison. Only `id`, `data` and `selected` are drawn.
 * React Flow also passes positions, sizes, z-index and drag state, which
 * change on every move and every measurement: comparing all of them
 * re-rendered every node body while a large graph loaded. `data` is kept
 * across moves and selection by canvas/toFlow.ts, so it changes only when
 * the node itself (or its definition) does.
 */
import type { NodeProps } from '@xyflow/react';
import type { WeftFlowNode } from '../canvas/flowTypes.ts';

export type DrawnNodeProps = Pick<NodeProps<WeftFlowNode>, 'id' | 'data' | 'selected'>;

export function sameNodeProps(previous: DrawnNodeProps, next: DrawnNodeProps): boolean {
  return (
    previous.id === next.id && previous.data === next.data && previous.selected === next.selected
  );
}
