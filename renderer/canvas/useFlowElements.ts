/**
 * The canvas's nodes and edges, derived from the graph store and the catalog
 * through one converter with a cache (toFlow.ts).
 *
 * Measured sizes are read, not subscribed to: React Flow already holds what
 * it measured, and re-converting on every measurement gave React Flow a new
 * object for every node it had just measured (a second full render of a
 * large graph while it loads, and again whenever zooming changed the sizes).
 */
import { useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useCatalogStore } from '../state/catalogStore.ts';
import { useGraphStore } from '../state/graphStore.ts';
import { useUiStore } from '../state/uiStore.ts';
import type { FlowNode, WeftEdge } from './flowTypes.ts';
import { createFlowConverter } from './toFlow.ts';

const NO_SIZES = {};

export function useFlowElements(syncSizes: boolean): { nodes: FlowNode[]; edges: WeftEdge[] } {
  const converter = useRef(createFlowConverter()).current;
  const { graph, selection, selectedEdges, selectedGroups, documentId } = useGraphStore(
    useShallow((state) => ({
      graph: state.graph,
      selection: state.selection,
      selectedEdges: state.selectedEdges,
      selectedGroups: state.selectedGroups,
      documentId: state.documentId,
    })),
  );
  const byType = useCatalogStore((state) => state.byType);
  const convertedDocument = useRef(documentId);
  // Subscribed only while sizes are synced (see FlowInput.syncSizes).
  const measuredNow = useUiStore((state) => (syncSizes ? state.measured : NO_SIZES));

  const selectionSet = useMemo(() => new Set(selection), [selection]);
  const edgeSet = useMemo(() => new Set(selectedEdges), [selectedEdges]);
  const groupSet = useMemo(() => new Set(selectedGroups), [selectedGroups]);
  const definitionOf = useMemo(() => (type: string) => byType.get(type), [byType]);

  const nodes = useMemo(() => {
    // Another document's nodes may share ids: their sizes and handles do not
    // apply, so React Flow measures the new ones afresh.
    if (convertedDocument.current !== documentId) {
      convertedDocument.current = documentId;
      useUiStore.getState().forgetMeasured();
    }
    return converter.nodes({
      graph,
      definitionOf,
      selection: selectionSet,
      selectedEdges: edgeSet,
      selectedGroups: groupSet,
      measured: useUiStore.getState().measured,
      syncSizes,
    });
    // measuredNow is a dependency only to re-run the conversion when sizes are synced.
  }, [
    converter,
    graph,
    definitionOf,
    selectionSet,
    edgeSet,
    groupSet,
    documentId,
    syncSizes,
    measuredNow,
  ]);
  const edges = useMemo(
    () =>
      converter.edges({
        graph,
        definitionOf,
        selection: selectionSet,
        selectedEdges: edgeSet,
        selectedGroups: groupSet,
        measured: NO_SIZES,
      }),
    [converter, graph, definitionOf, selectionSet, edgeSet, groupSet],
  );
  return { nodes, edges };
}
