/**
 * Box selection at overview. React Flow still draws the rectangle (Shift and
 * drag on empty canvas) but holds the nodes hidden there, so it selects nothing;
 * this selects the nodes and groups the rectangle touches (even partly, as
 * SelectionMode.Partial does at the other levels), live while it is dragged.
 * React Flow keeps the rectangle in screen pixels relative to the pane.
 * Subscribed to the rectangle only (null unless a box selection is going
 * on), never to the viewport, which changes on every frame of a pan.
 */
import { useStore, useStoreApi, type ReactFlowState } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { useGraphStore } from '../state/graphStore.ts';
import { groupsInRect, nodesInRect } from './overviewHitTest.ts';
import type { OverviewScene } from './overviewScene.ts';

function activeRect(state: ReactFlowState) {
  return state.userSelectionActive ? state.userSelectionRect : null;
}

export function useOverviewBoxSelection(scene: OverviewScene): void {
  const rect = useStore(activeRect);
  const store = useStoreApi();
  // The latest scene without re-running for it: the selection set here rebuilds it.
  const latest = useRef(scene);
  latest.current = scene;
  useEffect(() => {
    if (!rect) return;
    const [x, y, zoom] = store.getState().transform;
    const flowRect = {
      x: (rect.x - x) / zoom,
      y: (rect.y - y) / zoom,
      width: rect.width / zoom,
      height: rect.height / zoom,
    };
    useGraphStore
      .getState()
      .setSelection(
        nodesInRect(latest.current, flowRect),
        [],
        groupsInRect(latest.current, flowRect),
      );
  }, [rect, store]);
}
