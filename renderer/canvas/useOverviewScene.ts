/**
 * The overview scene (overviewScene.ts) for the open graph while the canvas
 * is at the overview detail level; undefined at the other levels, where
 * React Flow draws the nodes. Rebuilt when the graph, the selection, the
 * catalog or the wires change: one pass over the nodes, so a drag at
 * overview (a graph change per frame) costs a rebuild and a redraw, not a
 * React render per node. Measured sizes are read, not subscribed to: at
 * overview React Flow holds the nodes hidden, so nothing is measured there.
 */
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useCatalogStore } from '../state/catalogStore.ts';
import { useGraphStore } from '../state/graphStore.ts';
import { useUiStore } from '../state/uiStore.ts';
import type { WeftEdge } from './flowTypes.ts';
import { buildOverviewScene, type OverviewScene } from './overviewScene.ts';

export function useOverviewScene(
  active: boolean,
  edges: readonly WeftEdge[],
): OverviewScene | undefined {
  const { graph, selection, selectedGroups } = useGraphStore(
    useShallow((state) => ({
      graph: state.graph,
      selection: state.selection,
      selectedGroups: state.selectedGroups,
    })),
  );
  const byType = useCatalogStore((state) => state.byType);
  return useMemo(
    () =>
      active
        ? buildOverviewScene({
            graph,
            definitionOf: (type) => byType.get(type),
            measured: useUiStore.getState().measured,
            selection: new Set(selection),
            selectedGroups: new Set(selectedGroups),
            edges,
          })
        : undefined,
    [active, graph, selection, selectedGroups, byType, edges],
  );
}
