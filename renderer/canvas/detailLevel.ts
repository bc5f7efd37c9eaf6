/**
 * How much a node draws at the current zoom. Zoomed out, widgets are
 * unreadable anyway, so nodes draw less, and a 1,000-node graph loads and
 * pans several times faster:
 *   full      every widget
 *   compact   params as plain text (no inputs, selects or spare handles)
 *   overview  a titled box of about the node's size, handles stacked
 * The canvas works the level out from the zoom (useZoomDetailLevel) and
 * hands it to the nodes through DetailLevelContext (useDetailLevel).
 */
import { createContext } from 'react';

export type DetailLevel = 'full' | 'compact' | 'overview';

export const COMPACT_BELOW_ZOOM = 0.45;
export const OVERVIEW_BELOW_ZOOM = 0.25;

export function detailAt(zoom: number): DetailLevel {
  if (zoom < OVERVIEW_BELOW_ZOOM) return 'overview';
  return zoom < COMPACT_BELOW_ZOOM ? 'compact' : 'full';
}

export const DetailLevelContext = createContext<DetailLevel>('full');
