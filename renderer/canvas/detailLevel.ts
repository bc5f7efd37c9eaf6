/**
 * How much a node draws at the current zoom. Zoomed out, widgets are
 * unreadable anyway, so nodes draw less, and a 1,000-node graph loads and
 * pans several times faster:
 *   full      every widget
 *   compact   params as plain text (no inputs, selects or spare handles)
 *   overview  React Flow draws no nodes and no wires: the whole graph is
 *             drawn on one <canvas> (OverviewCanvas.tsx)
 * The canvas works the level out from the zoom (useZoomDetailLevel) and
 * hands it to the nodes through DetailLevelContext (useDetailLevel).
 *
 * Less detail applies at once; more detail waits until the zoom has rested
 * (SETTLE_MS): mounting a few hundred nodes when a wheel zoom crosses from
 * overview into compact froze the page for 0.3–0.55 s in the middle of the
 * gesture, while the canvas can draw any zoom meanwhile (docs/PERFORMANCE.md
 * section 4).
 */
import { createContext } from 'react';

export type DetailLevel = 'full' | 'compact' | 'overview';

export const COMPACT_BELOW_ZOOM = 0.45;
export const OVERVIEW_BELOW_ZOOM = 0.25;

export function detailAt(zoom: number): DetailLevel {
  if (zoom < OVERVIEW_BELOW_ZOOM) return 'overview';
  return zoom < COMPACT_BELOW_ZOOM ? 'compact' : 'full';
}

/** How long the zoom must stay still before nodes gain detail. */
export const SETTLE_MS = 150;

const RANK: Record<DetailLevel, number> = { overview: 0, compact: 1, full: 2 };

/** The level to show now: the zoom's own if it shows less than what is shown, else what is shown. */
export function shownDetail(atZoom: DetailLevel, shown: DetailLevel): DetailLevel {
  return RANK[atZoom] < RANK[shown] ? atZoom : shown;
}

export const DetailLevelContext = createContext<DetailLevel>('full');
