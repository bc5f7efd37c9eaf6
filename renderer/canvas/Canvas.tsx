/**
 * The React Flow canvas, controlled by the graph store: every change React
 * Flow reports becomes a store action (nodeChanges.ts), so the store stays
 * the one truth and undo sees everything. Wires are checked live against the
 * catalog (graph/connections.ts); a refused drop says why; a wire dropped on
 * empty canvas opens the palette filtered to what fits it. Double-click opens
 * the palette; files dropped here are opened or uploaded.
 */
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  SelectionMode,
  type Connection,
  type EdgeChange,
  type FinalConnectionState,
  type IsValidConnection,
  type NodeChange,
} from '@xyflow/react';
import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type DragEvent,
  type MouseEvent,
} from 'react';
import { checkConnection, inputType, outputType } from '../graph/connections.ts';
import { nodesInGroup } from '../graph/edits.ts';
import { dropFiles } from '../files/dropFiles.ts';
import { GroupBox } from './GroupBox.tsx';
import { NodeView } from '../nodes/NodeView.tsx';
import { definitionOf } from '../state/catalogStore.ts';
import { useGraphStore, type WireOrigin } from '../state/graphStore.ts';
import { notify } from '../state/toastStore.ts';
import { useUiStore } from '../state/uiStore.ts';
import { categoryColor } from '../nodes/colors.ts';
import { ConnectionHighlight } from './ConnectionHighlight.tsx';
import type { FlowNode, WeftEdge } from './flowTypes.ts';
import { definitionOfNode, groupIndexOf } from './flowTypes.ts';
import { interpretEdgeSelection, interpretNodeChanges } from './nodeChanges.ts';
import { DetailLevelContext } from './detailLevel.ts';
import { useZoomDetailLevel } from './useZoomDetailLevel.ts';
import { useFlowElements } from './useFlowElements.ts';
import { useHandlesFollowDetail } from './useHandlesFollowDetail.ts';
import { createHider } from './hiddenNodes.ts';
import { OverviewCanvas } from './OverviewCanvas.tsx';
import { useOverviewPointer } from './useOverviewPointer.ts';
import { useOverviewScene } from './useOverviewScene.ts';
import './canvas.css';
import {
  FIT_VIEW_OPTIONS,
  fitView,
  setCanvasElement,
  setFlowInstance,
  takePendingViewport,
  toFlow,
  trackPointer,
} from './viewport.ts';

const nodeTypes = { weft: NodeView, weftGroup: GroupBox };
const GRID = 16;
/**
 * At overview React Flow draws no nodes (it holds them hidden, hiddenNodes.ts)
 * and gets no wires: OverviewCanvas draws them all.
 */
const NO_EDGES: WeftEdge[] = [];

/** A click on empty canvas at overview (React Flow's nodes are hidden there: it deselects nothing). */
function clearSelection() {
  useGraphStore.getState().setSelection([]);
}

function linkOf(connection: Connection | WeftEdge) {
  return {
    source: connection.source,
    output: connection.sourceHandle ?? '',
    target: connection.target,
    input: connection.targetHandle ?? '',
  };
}

const isValidConnection: IsValidConnection<WeftEdge> = (connection) =>
  checkConnection(useGraphStore.getState().graph, definitionOf, linkOf(connection)).ok;

function minimapColor(node: FlowNode): string {
  return node.type === 'weft' ? categoryColor(node.data.definition?.category) : 'transparent';
}

export function Canvas() {
  // Wire-end handles cost two elements per edge; zoomed out nobody aims at them.
  const detail = useZoomDetailLevel();
  const overview = detail === 'overview';
  const { nodes, edges } = useFlowElements(!overview);
  const scene = useOverviewScene(overview, edges);
  const [hide] = useState(createHider);
  const hiddenNodes = useMemo(() => (overview ? hide(nodes) : nodes), [overview, hide, nodes]);
  const overviewPointer = useOverviewPointer(scene, GRID);
  const snapToGrid = useUiStore((state) => state.snapToGrid);
  const documentId = useGraphStore((state) => state.documentId);
  useHandlesFollowDetail(detail);
  const wrapper = useRef<HTMLDivElement>(null);
  /** Members of the group being dragged, fixed when the drag starts. */
  const groupMembers = useRef(new Map<number, string[]>());
  /** A wire end being dragged to another handle (see onReconnectStart). */
  const reconnecting = useRef({ active: false, moved: false });

  useEffect(() => {
    setCanvasElement(wrapper.current ?? undefined);
    return () => setCanvasElement(undefined);
  }, []);

  const [defaultViewport] = useState(takePendingViewport);

  // An opened document was framed from estimated sizes (frameDocument); once
  // its nodes are measured, fit it exactly.
  useEffect(() => {
    if (documentId === 0) return;
    const timer = setTimeout(() => fitView(0), 120);
    return () => clearTimeout(timer);
  }, [documentId]);

  const onNodesChange = useCallback((changes: NodeChange<FlowNode>[]) => {
    const store = useGraphStore.getState();
    const effects = interpretNodeChanges(changes, {
      nodes: store.selection,
      groups: store.selectedGroups,
    });
    if (Object.keys(effects.measured).length > 0)
      useUiStore.getState().setMeasured(effects.measured);
    if (Object.keys(effects.positions).length > 0 || effects.groupMoves.length > 0) {
      const groups = effects.groupMoves.map((move) => {
        const group = store.graph.groups?.[move.index];
        const members =
          groupMembers.current.get(move.index) ?? (group ? nodesInGroup(store.graph, group) : []);
        groupMembers.current.set(move.index, members);
        return { index: move.index, position: move.position, members };
      });
      const dragging = effects.dragging || effects.groupMoves.some((move) => move.dragging);
      store.moveItems(effects.positions, groups, dragging);
    }
    for (const resize of effects.groupResizes) {
      const rect = Object.fromEntries(
        Object.entries(resize.rect).map(([key, value]) => [key, Math.round(value)]),
      );
      store.updateGroup(resize.index, rect, `resize-group:${resize.index}`);
    }
    for (const [id, width] of Object.entries(effects.widths)) store.resizeNode(id, width);
    if (effects.selection) {
      store.setSelection(effects.selection.nodes, store.selectedEdges, effects.selection.groups);
    }
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange<WeftEdge>[]) => {
    const store = useGraphStore.getState();
    const selected = interpretEdgeSelection(changes, store.selectedEdges);
    if (selected) store.setSelection(store.selection, selected, store.selectedGroups);
  }, []);

  const onConnect = useCallback((connection: Connection) => {
    useGraphStore.getState().connect(linkOf(connection));
  }, []);

  const onConnectEnd = useCallback(
    (event: globalThis.MouseEvent | TouchEvent, state: FinalConnectionState) => {
      const { fromHandle, fromNode, toHandle, isValid } = state;
      if (!fromHandle?.id || !fromNode || reconnecting.current.active) return;
      if (toHandle && !isValid) {
        const sourceIsFrom = fromHandle.type === 'source';
        const from = sourceIsFrom ? fromHandle : toHandle;
        const to = sourceIsFrom ? toHandle : fromHandle;
        const check = checkConnection(useGraphStore.getState().graph, definitionOf, {
          source: from.nodeId,
          output: from.id ?? '',
          target: to.nodeId,
          input: to.id ?? '',
        });
        if (!check.ok) notify('warning', check.reason);
        return;
      }
      if (toHandle) return;
      // Dropped on empty canvas: offer the nodes that fit this wire, and connect the one chosen.
      const definition = definitionOfNode(fromNode);
      if (!definition) return;
      const type =
        fromHandle.type === 'source'
          ? outputType(definition, fromHandle.id)
          : inputType(definition, fromHandle.id);
      if (!type) return;
      const point = 'changedTouches' in event ? event.changedTouches[0]! : event;
      const screen = { x: point.clientX, y: point.clientY };
      const origin: WireOrigin = {
        nodeId: fromNode.id,
        handle: fromHandle.id,
        kind: fromHandle.type,
        type,
      };
      useUiStore.getState().openPalette({ screen, flow: toFlow(screen), origin });
    },
    [],
  );

  // Dragging a wire's end elsewhere moves it; dropping it on empty canvas removes
  // it. React Flow calls onConnectEnd too (before onReconnectEnd): it must not
  // open the palette then.
  const onReconnectStart = useCallback(() => {
    reconnecting.current = { active: true, moved: false };
  }, []);
  const onReconnect = useCallback((edge: WeftEdge, connection: Connection) => {
    reconnecting.current.moved = true;
    useGraphStore
      .getState()
      .reconnect({ target: edge.target, input: edge.targetHandle ?? '' }, linkOf(connection));
  }, []);
  const onReconnectEnd = useCallback((_event: unknown, edge: WeftEdge) => {
    if (!reconnecting.current.moved) {
      useGraphStore.getState().disconnect(edge.target, edge.targetHandle ?? '');
    }
    reconnecting.current = { active: false, moved: false };
  }, []);

  const onNodeDragStart = useCallback((_event: unknown, node: FlowNode) => {
    const index = groupIndexOf(node.id);
    if (index === undefined) return;
    const { graph } = useGraphStore.getState();
    const group = graph.groups?.[index];
    if (group) groupMembers.current.set(index, nodesInGroup(graph, group));
  }, []);

  const onNodeDragStop = useCallback(() => {
    groupMembers.current.clear();
    useGraphStore.getState().endGesture();
  }, []);

  const onDoubleClick = useCallback((event: MouseEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    if (!target.classList.contains('react-flow__pane')) return;
    const screen = { x: event.clientX, y: event.clientY };
    useUiStore.getState().openPalette({ screen, flow: toFlow(screen) });
  }, []);

  const onDragOver = useCallback((event: DragEvent<HTMLDivElement>) => {
    if (!event.dataTransfer.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback((event: DragEvent<HTMLDivElement>) => {
    if (event.dataTransfer.files.length === 0) return;
    event.preventDefault();
    void dropFiles([...event.dataTransfer.files], toFlow({ x: event.clientX, y: event.clientY }));
  }, []);

  return (
    <div
      className={`weft-canvas detail-${detail}`}
      ref={wrapper}
      data-testid="canvas"
      onPointerDownCapture={overviewPointer.onPointerDownCapture}
      onClickCapture={overviewPointer.onClickCapture}
      onDoubleClickCapture={overviewPointer.onDoubleClickCapture}
      onDoubleClick={onDoubleClick}
      onPointerMove={(event) => {
        trackPointer({ x: event.clientX, y: event.clientY });
        overviewPointer.onPointerMove(event);
      }}
      onDragOver={onDragOver}
      onDrop={onDrop}
    >
      <DetailLevelContext.Provider value={detail}>
        <ReactFlow<FlowNode, WeftEdge>
          nodes={hiddenNodes}
          edges={overview ? NO_EDGES : edges}
          nodeTypes={nodeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onConnect={onConnect}
          onConnectEnd={onConnectEnd}
          edgesReconnectable={detail === 'full'}
          onReconnectStart={onReconnectStart}
          onReconnect={onReconnect}
          onReconnectEnd={onReconnectEnd}
          isValidConnection={isValidConnection}
          onNodeDragStart={onNodeDragStart}
          onNodeDragStop={onNodeDragStop}
          onInit={setFlowInstance}
          onPaneClick={overview ? clearSelection : undefined}
          defaultViewport={defaultViewport}
          deleteKeyCode={null}
          selectionKeyCode="Shift"
          multiSelectionKeyCode={['Control', 'Meta', 'Shift']}
          selectionMode={SelectionMode.Partial}
          zoomOnDoubleClick={false}
          snapToGrid={snapToGrid}
          snapGrid={[GRID, GRID]}
          onlyRenderVisibleElements
          minZoom={0.1}
          maxZoom={2.5}
          connectionRadius={24}
          defaultEdgeOptions={{ type: 'default' }}
          proOptions={{ hideAttribution: true }}
          colorMode="dark"
        >
          {/* Zoomed out, the grid's dots fall a few pixels apart: a haze that costs a
              full-canvas raster on every frame of a pan. */}
          {detail !== 'overview' && (
            <Background variant={BackgroundVariant.Dots} gap={GRID} size={1} color="#2b303a" />
          )}
          {scene && <OverviewCanvas scene={scene} />}
          {/* At overview the whole graph is on screen already, and the minimap
              costs a store subscriber and a rect per node on every frame. */}
          {detail !== 'overview' && (
            <MiniMap<FlowNode>
              pannable
              zoomable
              nodeColor={minimapColor}
              nodeStrokeWidth={0}
              maskColor="rgba(12,14,18,0.7)"
            />
          )}
          <Controls showInteractive={false} fitViewOptions={FIT_VIEW_OPTIONS} />
          <ConnectionHighlight />
        </ReactFlow>
      </DetailLevelContext.Provider>
    </div>
  );
}
