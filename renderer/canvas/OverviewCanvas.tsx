/**
 * The whole graph on one <canvas> at the overview detail level
 * (detailLevel.ts), where React Flow draws no nodes and gets no edges: a thousand
 * node boxes in the DOM cost style, layout, hit testing and paint on every
 * frame of a pan (docs/PERFORMANCE.md, section 4 "Editor"). The canvas sits
 * in React Flow's viewport in flow coordinates (ViewportPortal), so panning
 * moves it with the viewport's transform and redraws nothing; it is redrawn
 * when the scene changes (graph, selection, wires), when run states change,
 * and when the zoom passes a raster step (overviewRaster.ts).
 *
 * It draws only; the pointer is answered by useOverviewPointer (press, drag,
 * double-click) and useOverviewBoxSelection (Shift-drag rectangle), both
 * from the same scene. `data-painted-nodes` says how many node boxes the
 * last paint drew (the editor benchmark waits for it).
 */
import { useStore, ViewportPortal } from '@xyflow/react';
import { useLayoutEffect, useMemo, useRef } from 'react';
import { useRunStore } from '../state/runStore.ts';
import { drawOverview } from './overviewDraw.ts';
import { showOverviewScene } from './overviewProbe.ts';
import { planRaster, rasterScale } from './overviewRaster.ts';
import type { OverviewScene } from './overviewScene.ts';
import { useOverviewBoxSelection } from './useOverviewBoxSelection.ts';

export function OverviewCanvas({ scene }: { scene: OverviewScene }) {
  const pixelRatio = window.devicePixelRatio || 1;
  // A number that changes only at a raster step: panning and small zooms re-render nothing.
  const scale = useStore((state) => rasterScale(state.transform[2], pixelRatio));
  const runNodes = useRunStore((state) => state.nodes);
  const canvas = useRef<HTMLCanvasElement>(null);
  const plan = useMemo(
    () => (scene.bounds ? planRaster(scene.bounds, scale) : undefined),
    [scene.bounds, scale],
  );
  useOverviewBoxSelection(scene);
  useLayoutEffect(() => {
    showOverviewScene(scene);
    return () => showOverviewScene(undefined);
  }, [scene]);

  useLayoutEffect(() => {
    const element = canvas.current;
    if (!element || !plan) return;
    // Setting a size clears the bitmap even when it is the same: only when it changes.
    if (element.width !== plan.pixelWidth) element.width = plan.pixelWidth;
    if (element.height !== plan.pixelHeight) element.height = plan.pixelHeight;
    const context = element.getContext('2d');
    if (!context) return;
    drawOverview(context, scene, plan, {
      pixelRatio,
      statusOf: (id) => runNodes[id]?.status,
    });
    element.dataset.paintedNodes = String(scene.nodes.length);
  }, [scene, plan, runNodes, pixelRatio]);

  if (!plan) return null;
  return (
    <ViewportPortal>
      <canvas
        ref={canvas}
        className="weft-overview-canvas"
        data-testid="overview-canvas"
        aria-hidden="true"
        style={{ left: plan.x, top: plan.y, width: plan.width, height: plan.height }}
      />
    </ViewportPortal>
  );
}
