/**
 * The canvas's nodes and edges, derived from the graph store, the catalog
 * and the measured sizes through one converter with a cache (toFlow.ts).
 */
import { useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useCatalogStore } from '../state/catalogStore.ts';
import { useGraphStore } from '../state/graphStore.ts';
import { useUiStore } from '../state/uiStore.ts';
import type { FlowNode, WeftEdge } from './flowTypes.ts';
import { createFlowConverter } from './toFlow.ts';

export function useFlowElements(): { nodes: FlowNode[]; edges: WeftEdge[] } {
  const converter = useRef(createFlowConverter()).current;
  const { graph, selection, selectedEdges, selectedGroups } = useGraphStore(
    useShallow((state) => ({
      graph: state.graph,
      selection: state.selection,
      selectedEdges: state.selectedEdges,
      selectedGroups: state.selectedGroups,
    })),
  );
  const byType = useCatalogStore((state) => state.byType);
  const measured = useUiStore((state) => state.measured);

  const selectionSet = useMemo(() => new Set(selection), [selection]);
  const edgeSet = useMemo(() => new Set(selectedEdges), [selectedEdges]);
  const groupSet = useMemo(() => new Set(selectedGroups), [selectedGroups]);
  const definitionOf = useMemo(() => (type: string) => byType.get(type), [byType]);

  const nodes = useMemo(
    () =>
      converter.nodes({
        graph,
        definitionOf,
        selection: selectionSet,
        selectedEdges: edgeSet,
        selectedGroups: groupSet,
        measured,
      }),
    [converter, graph, definitionOf, selectionSet, edgeSet, groupSet, measured],
  );
  const edges = useMemo(
    () =>
      converter.edges({
        graph,
        definitionOf,
        selection: selectionSet,
        selectedEdges: edgeSet,
        selectedGroups: groupSet,
        measured: {},
      }),
    [converter, graph, definitionOf, selectionSet, edgeSet, groupSet],
  );
  return { nodes, edges };
}
