/**
 * The detail level for the canvas's zoom (detailLevel.ts). The canvas reads
 * it once and provides it to the nodes; the component re-renders only when
 * the zoom crosses a threshold.
 */
import { useStore } from '@xyflow/react';
import { detailAt, type DetailLevel } from './detailLevel.ts';

export function useZoomDetailLevel(): DetailLevel {
  return useStore((state) => detailAt(state.transform[2]));
}
