/**
 * A node's detail level (detailLevel.ts), from the canvas's context. Not a
 * React Flow store subscription per node: the store changes on every frame
 * of a pan or zoom, and a thousand nodes each re-running a selector cost
 * milliseconds a frame. Nodes re-render only when the level changes.
 */
import { useContext } from 'react';
import { DetailLevelContext, type DetailLevel } from './detailLevel.ts';

export type { DetailLevel } from './detailLevel.ts';

export function useDetailLevel(): DetailLevel {
  return useContext(DetailLevelContext);
}
