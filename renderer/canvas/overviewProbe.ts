/**
 * The overview scene on screen, for code outside the canvas that must know
 * whether a point is on a node drawn there: React Flow draws no nodes at
 * overview, so `document.elementFromPoint` answers "the pane" over them.
 * The editor benchmark and the end-to-end tests use `nodeAt` (exposed on
 * `window.__weft.overview` by main.tsx) to start a pan on empty canvas.
 */
import { nodeAt } from './overviewHitTest.ts';
import type { OverviewScene } from './overviewScene.ts';
import { toFlow } from './viewport.ts';

let shown: OverviewScene | undefined;

/** Set by OverviewCanvas while it is mounted (undefined when it is not). */
export function showOverviewScene(scene: OverviewScene | undefined): void {
  shown = scene;
}

/** The id of the overview node under a window point, if the overview is shown and one is. */
export function overviewNodeAt(x: number, y: number): string | undefined {
  return shown ? nodeAt(shown, toFlow({ x, y }))?.id : undefined;
}
