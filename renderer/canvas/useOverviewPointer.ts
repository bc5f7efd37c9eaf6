/**
 * The pointer on nodes at overview, where they are drawn on a canvas
 * (OverviewCanvas.tsx) and React Flow holds them hidden. Capture handlers on the
 * canvas's wrapper look at each press on React Flow's pane: on a node box
 * (overviewHitTest.ts) the press is taken from React Flow (no pan, no
 * selection rectangle) and becomes a selection, a click or a drag
 * (overviewGesture.ts) through the graph store's actions: one undo step per
 * drag, snapped like React Flow's drags; a double-click zooms to the node.
 * Presses on empty canvas stay React Flow's (pan, Shift-drag box selection,
 * the palette on double-click). Handlers are stable; they read the latest
 * scene from a ref.
 */
import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  type MouseEvent as ReactMouseEvent,
  type PointerEvent as ReactPointerEvent,
} from 'react';
import type { Point } from '../graph/edits.ts';
import { useGraphStore } from '../state/graphStore.ts';
import { useUiStore } from '../state/uiStore.ts';
import { nodeAt } from './overviewHitTest.ts';
import {
  clickNode,
  draggedPositions,
  isDrag,
  pressNode,
  viewportForBox,
} from './overviewGesture.ts';
import type { OverviewScene } from './overviewScene.ts';
import { flowInstance, toFlow } from './viewport.ts';

export interface OverviewPointerHandlers {
  onPointerDownCapture: (event: ReactPointerEvent<HTMLElement>) => void;
  /** Hovering a node shows a hand and a tooltip with its title and type. */
  onPointerMove: (event: ReactPointerEvent<HTMLElement>) => void;
  onClickCapture: (event: ReactMouseEvent<HTMLElement>) => void;
  onDoubleClickCapture: (event: ReactMouseEvent<HTMLElement>) => void;
}

function unhover(hovered: { current: { pane: HTMLElement; id: string } | undefined }): void {
  if (!hovered.current) return;
  hovered.current.pane.style.cursor = '';
  hovered.current.pane.removeAttribute('title');
  hovered.current = undefined;
}

function onPane(target: EventTarget | null): boolean {
  return target instanceof Element && target.classList.contains('react-flow__pane');
}

export function useOverviewPointer(
  scene: OverviewScene | undefined,
  grid: number,
): OverviewPointerHandlers {
  const latest = useRef(scene);
  latest.current = scene;
  /** The click that ends a press on a node is not React Flow's (it would clear the selection). */
  const swallowClick = useRef(false);
  /** The pane showing a node's hand and tooltip, and which node. */
  const hovered = useRef<{ pane: HTMLElement; id: string } | undefined>(undefined);

  const hitAt = useCallback(
    (event: { clientX: number; clientY: number; target: EventTarget | null }) => {
      const current = latest.current;
      if (!current || !onPane(event.target)) return undefined;
      return nodeAt(current, toFlow({ x: event.clientX, y: event.clientY }));
    },
    [],
  );

  const onPointerDownCapture = useCallback(
    (event: ReactPointerEvent<HTMLElement>) => {
      swallowClick.current = false;
      if (event.button !== 0 || !event.isPrimary) return;
      const hit = hitAt(event);
      const current = latest.current;
      if (!hit || !current) return;
      // Ours: React Flow's pane would start a pan or a selection rectangle.
      event.preventDefault();
      event.stopPropagation();
      // preventDefault keeps focus where it was: a field keeping it would swallow Delete.
      if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
      const store = useGraphStore.getState();
      const additive = event.shiftKey || event.ctrlKey || event.metaKey;
      const press = pressNode(store.selection, hit.id, additive);
      const keepOthers = (selection: string[]) =>
        additive
          ? store.setSelection(selection, store.selectedEdges, store.selectedGroups)
          : store.setSelection(selection);
      keepOthers(press.selection);

      const start: Record<string, Point> = {};
      const dragged = new Set(press.selection);
      for (const box of current.nodes)
        if (dragged.has(box.id)) start[box.id] = { x: box.x, y: box.y };
      const zoom = flowInstance()?.getZoom() ?? 1;
      const snap = useUiStore.getState().snapToGrid ? grid : undefined;
      const origin = { x: event.clientX, y: event.clientY };
      let pointer = origin;
      let dragging = false;
      let frame = 0;
      const move = () => {
        frame = 0;
        const travel = { x: pointer.x - origin.x, y: pointer.y - origin.y };
        useGraphStore.getState().moveItems(draggedPositions(start, travel, zoom, snap), [], true);
      };
      const onMove = (moved: PointerEvent) => {
        if (moved.pointerId !== event.pointerId) return;
        pointer = { x: moved.clientX, y: moved.clientY };
        if (!dragging && !isDrag(origin, pointer)) return;
        dragging = true;
        // One store update per frame, however fast the pointer reports.
        if (frame === 0) frame = requestAnimationFrame(move);
      };
      const finish = (ended: PointerEvent) => {
        if (ended.pointerId !== event.pointerId) return;
        window.removeEventListener('pointermove', onMove);
        window.removeEventListener('pointerup', finish);
        window.removeEventListener('pointercancel', finish);
        if (frame !== 0) cancelAnimationFrame(frame);
        if (dragging) {
          move();
          useGraphStore.getState().endGesture();
        } else if (ended.type === 'pointerup') {
          keepOthers(clickNode(press, hit.id));
        }
        swallowClick.current = true;
      };
      window.addEventListener('pointermove', onMove);
      window.addEventListener('pointerup', finish);
      window.addEventListener('pointercancel', finish);
    },
    [grid, hitAt],
  );

  const onPointerMove = useCallback(
    (event: ReactPointerEvent<HTMLElement>) => {
      if (event.buttons !== 0) return;
      const hit = hitAt(event);
      if (hit?.id === hovered.current?.id) return;
      unhover(hovered);
      if (!hit || !(event.target instanceof HTMLElement)) return;
      event.target.style.cursor = 'pointer';
      event.target.title = `${hit.title} (${hit.id})`;
      hovered.current = { pane: event.target, id: hit.id };
    },
    [hitAt],
  );

  // Leaving overview: the pane stays, the hand and tooltip must not.
  useEffect(() => {
    if (!scene) unhover(hovered);
  }, [scene]);

  const onClickCapture = useCallback((event: ReactMouseEvent<HTMLElement>) => {
    if (!swallowClick.current) return;
    swallowClick.current = false;
    event.stopPropagation();
  }, []);

  const onDoubleClickCapture = useCallback(
    (event: ReactMouseEvent<HTMLElement>) => {
      const hit = hitAt(event);
      const instance = flowInstance();
      if (!hit || !instance) return;
      // Not the palette (the canvas's double-click on empty canvas): zoom to this node.
      event.stopPropagation();
      const pane = event.currentTarget.getBoundingClientRect();
      void instance.setViewport(viewportForBox(hit, pane), { duration: 200 });
    },
    [hitAt],
  );

  return useMemo(
    () => ({ onPointerDownCapture, onPointerMove, onClickCapture, onDoubleClickCapture }),
    [onPointerDownCapture, onPointerMove, onClickCapture, onDoubleClickCapture],
  );
}
