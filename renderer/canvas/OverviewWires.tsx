/**
 * Every wire of the graph as one SVG path, drawn while the canvas is at the
 * overview detail level (detailLevel.ts). React Flow's own wires cost a
 * component, a store subscriber and a few SVG elements each: with a thousand
 * of them, every frame of a pan ran a thousand selectors and the browser
 * hit-tested a thousand more elements. Zoomed out nobody aims at a wire, so
 * the canvas hands React Flow no edges at overview and this draws them
 * instead, side to side between node boxes (the overview nodes draw no
 * handles). See docs/PERFORMANCE.md, section 4 "Editor".
 */
import { useStore, ViewportPortal, type ReactFlowState } from '@xyflow/react';
import { useCallback } from 'react';
import type { WeftEdge } from './flowTypes.ts';
import { overviewWirePath, type WireBox } from './overviewWirePath.ts';

export function OverviewWires({ edges }: { edges: readonly WeftEdge[] }) {
  // Recomputed on every store update (a pan too), but it is one pass over the
  // wires and a string compare: the component re-renders only when a wire moves.
  const path = useStore(
    useCallback(
      (state: ReactFlowState) =>
        overviewWirePath(edges, (id): WireBox | undefined => {
          const node = state.nodeLookup.get(id);
          if (!node) return undefined;
          const { x, y } = node.internals.positionAbsolute;
          return {
            x,
            y,
            width: node.measured.width ?? node.width ?? 0,
            height: node.measured.height ?? node.height ?? 0,
          };
        }),
      [edges],
    ),
  );
  return (
    <ViewportPortal>
      <svg className="weft-overview-wires" aria-hidden="true">
        <path d={path} />
      </svg>
    </ViewportPortal>
  );
}
