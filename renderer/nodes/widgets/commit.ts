/** Widgets write through the graph store, so every change is undoable. */
import type { ParamValue } from '../../../engine/common/catalog.ts';
import { useGraphStore } from '../../state/graphStore.ts';

export function commitParam(nodeId: string, name: string, value: ParamValue): void {
  useGraphStore.getState().setParam(nodeId, name, value);
}

/** Ends the widget's undo step (focus left it, a drag or slide ended). */
export function endEdit(): void {
  useGraphStore.getState().endGesture();
}
