/**
 * Zoomed-out nodes drop the handles of unconnected params (detailLevel.ts),
 * and React Flow re-measures a node's handles only when its size changes. So
 * when the detail level changes, the drawn nodes it had measured are
 * measured again, in one store update. (Each node asking for itself, as
 * NodeView once did, costs a DOM query and a store update per node, and each
 * update runs every subscriber: seconds of frozen zooming with a thousand
 * nodes.) Nodes not measured yet, such as a document's that just opened
 * zoomed out, are measured by React Flow when they first show.
 */
import { useStoreApi, type ReactFlowState } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import type { DetailLevel } from './detailLevel.ts';

type NodeUpdates = Parameters<ReactFlowState['updateNodeInternals']>[0];

export function useHandlesFollowDetail(detail: DetailLevel): void {
  const store = useStoreApi();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const measured = new Set<string>();
    for (const [id, node] of store.getState().nodeLookup) {
      if (node.internals.handleBounds) measured.add(id);
    }
    if (measured.size === 0) return;
    // After the nodes have re-rendered at the new level (as React Flow's own useUpdateNodeInternals).
    const frame = requestAnimationFrame(() => {
      const { domNode, updateNodeInternals } = store.getState();
      const updates: NodeUpdates = new Map();
      for (const element of domNode?.querySelectorAll<HTMLDivElement>('.react-flow__node') ?? []) {
        const id = element.dataset.id;
        if (id !== undefined && measured.has(id))
          updates.set(id, { id, nodeElement: element, force: true });
      }
      if (updates.size > 0) updateNodeInternals(updates, { triggerFitView: false });
    });
    return () => cancelAnimationFrame(frame);
  }, [detail, store]);
}
