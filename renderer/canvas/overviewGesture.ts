/**
 * The rules of pressing, clicking and dragging nodes at overview, where the
 * canvas answers the pointer itself (useOverviewPointer.ts). They follow
 * React Flow's behaviour at the other zoom levels:
 *   - pressing an unselected node selects it alone; with Shift, Ctrl or Cmd
 *     it is added to the selection;
 *   - pressing a selected node keeps the selection (so a drag moves all of
 *     it); with a modifier, a click without a drag deselects it;
 *   - a drag moves every selected node by the pointer's travel divided by
 *     the zoom, each snapped to the grid when snapping is on.
 * Pure: the component feeds it store state and pointer positions.
 */
import type { Point } from '../graph/edits.ts';

export interface Press {
  /** The selection from the press on. */
  selection: string[];
  /** A click without a drag (modifier held, node already selected) deselects it. */
  deselectOnClick: boolean;
}

export function pressNode(selection: readonly string[], id: string, additive: boolean): Press {
  if (selection.includes(id)) return { selection: [...selection], deselectOnClick: additive };
  return { selection: additive ? [...selection, id] : [id], deselectOnClick: false };
}

/** The selection after a press that ended without a drag. */
export function clickNode(press: Press, id: string): string[] {
  return press.deselectOnClick ? press.selection.filter((other) => other !== id) : press.selection;
}

/** Screen pixels the pointer must travel before a press becomes a drag. */
export const DRAG_THRESHOLD = 3;

export function isDrag(from: Point, to: Point): boolean {
  return Math.hypot(to.x - from.x, to.y - from.y) > DRAG_THRESHOLD;
}

/**
 * Where the dragged nodes go: their positions when the drag began, moved by
 * the pointer's travel in screen pixels over the zoom, snapped to `grid`
 * when given (as React Flow snaps each dragged node).
 */
export function draggedPositions(
  start: Readonly<Record<string, Point>>,
  travel: Point,
  zoom: number,
  grid: number | undefined,
): Record<string, Point> {
  const dx = travel.x / zoom;
  const dy = travel.y / zoom;
  const result: Record<string, Point> = {};
  for (const [id, position] of Object.entries(start)) {
    const x = position.x + dx;
    const y = position.y + dy;
    result[id] = grid
      ? { x: Math.round(x / grid) * grid, y: Math.round(y / grid) * grid }
      : { x: Math.round(x), y: Math.round(y) };
  }
  return result;
}

/**
 * The viewport that shows `box` large in a pane (a double-click on a node at
 * overview): centred, filling at most 60 % of the pane, no closer than
 * `maxZoom` (the zoom fitting the view uses).
 */
export function viewportForBox(
  box: { x: number; y: number; width: number; height: number },
  pane: { width: number; height: number },
  maxZoom = 1.2,
): { x: number; y: number; zoom: number } {
  const zoom = Math.min(maxZoom, (pane.width * 0.6) / box.width, (pane.height * 0.6) / box.height);
  return {
    x: pane.width / 2 - (box.x + box.width / 2) * zoom,
    y: pane.height / 2 - (box.y + box.height / 2) * zoom,
    zoom,
  };
}
