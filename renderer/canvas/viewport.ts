/**
 * The canvas's React Flow instance and the last pointer position, for code
 * outside the canvas component (shortcuts, paste, drops) that needs canvas
 * coordinates or to fit the view. Set by Canvas on init.
 */
import type { ReactFlowInstance } from '@xyflow/react';
import type { GraphFile } from '../../engine/common/graph/schema.ts';
import type { Point } from '../graph/edits.ts';
import { definitionOf } from '../state/catalogStore.ts';
import type { FlowNode, WeftEdge } from './flowTypes.ts';
import { frameGraph, type Viewport } from './frame.ts';

let instance: ReactFlowInstance<FlowNode, WeftEdge> | undefined;
let pointer: Point | undefined;
let canvasElement: HTMLElement | undefined;
let pendingViewport: Viewport | undefined;

export function setFlowInstance(flow: ReactFlowInstance<FlowNode, WeftEdge> | undefined): void {
  instance = flow;
}

export function flowInstance(): ReactFlowInstance<FlowNode, WeftEdge> | undefined {
  return instance;
}

export function setCanvasElement(element: HTMLElement | undefined): void {
  canvasElement = element ?? undefined;
}

/** Remembers where the pointer is, in window pixels. */
export function trackPointer(point: Point): void {
  pointer = point;
}

/** The pointer when it is over the canvas, else the canvas's centre, in window pixels. */
export function pointerOrCentre(): Point {
  const box = canvasElement?.getBoundingClientRect();
  if (
    pointer &&
    box &&
    pointer.x >= box.left &&
    pointer.x <= box.right &&
    pointer.y >= box.top &&
    pointer.y <= box.bottom
  ) {
    return pointer;
  }
  if (box) return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
  return { x: window.innerWidth / 2, y: window.innerHeight / 2 };
}

export function toFlow(screen: Point): Point {
  return instance ? instance.screenToFlowPosition(screen) : screen;
}

/** Hidden nodes too: at overview React Flow holds them hidden (OverviewCanvas draws them). */
export const FIT_VIEW_OPTIONS = { padding: 0.1, maxZoom: 1.2, includeHiddenNodes: true };

export function fitView(duration = 200): void {
  void instance?.fitView({ ...FIT_VIEW_OPTIONS, duration });
}

/**
 * Points the canvas at a graph about to be opened, before its nodes are drawn
 * (frame.ts); a canvas not mounted yet starts there (takePendingViewport).
 */
export function frameDocument(graph: GraphFile): void {
  const box = canvasElement?.getBoundingClientRect();
  const pane =
    box && box.width > 0
      ? { width: box.width, height: box.height }
      : { width: window.innerWidth - 340, height: window.innerHeight - 44 };
  const viewport = frameGraph(graph, definitionOf, pane);
  if (instance) void instance.setViewport(viewport);
  else pendingViewport = viewport;
}

export function takePendingViewport(): Viewport {
  const viewport = pendingViewport ?? { x: 0, y: 0, zoom: 1 };
  pendingViewport = undefined;
  return viewport;
}
