/**
 * At overview React Flow draws no nodes (OverviewCanvas.tsx does), but it
 * keeps them, hidden: React Flow then remembers each node's measured handles
 * (a node object that carries `measured` inherits them when it comes back),
 * so zooming back in mounts only the nodes on screen. Nodes handed to it
 * without handles are all mounted, on screen or not, until measured: with
 * an empty node list at overview, every zoom in past the threshold mounted
 * a thousand nodes. Hidden nodes cost React Flow no element, no subscriber
 * and no hit test. They are unselected too, so nothing React Flow does at
 * overview (a pane click, a selection rectangle) reports a change for them:
 * the overview's own handlers own the selection there.
 */
import type { FlowNode } from './flowTypes.ts';

/**
 * A function giving hidden copies of nodes, the same copy for the same node
 * object (so React Flow skips nodes that did not change).
 */
export function createHider(): (nodes: readonly FlowNode[]) => FlowNode[] {
  const copies = new WeakMap<FlowNode, FlowNode>();
  return (nodes) =>
    nodes.map((node) => {
      let copy = copies.get(node);
      if (!copy) {
        copy = { ...node, hidden: true, selected: false };
        copies.set(node, copy);
      }
      return copy;
    });
}
