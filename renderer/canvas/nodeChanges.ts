/**
 * React Flow reports what the user did to nodes as a list of changes; this
 * turns one batch into what the stores need: node moves (one undo step per
 * drag), group moves and resizes, new widths, measured sizes, and the new
 * selection. Pure, so the rules are tested without a browser.
 */
import type { Edge, EdgeChange, NodeChange } from '@xyflow/react';
import type { Point } from '../graph/edits.ts';
import type { FlowNode } from './flowTypes.ts';
import { groupIndexOf } from './flowTypes.ts';

export interface Size {
  width: number;
  height: number;
}

export interface NodeChangeEffects {
  /** Graph node positions, and whether they are part of a drag still going on. */
  positions: Record<string, Point>;
  dragging: boolean;
  /** Group boxes moved by dragging (their members follow). */
  groupMoves: { index: number; position: Point; dragging: boolean }[];
  /** Group boxes resized (position included when resized from the left or top). */
  groupResizes: { index: number; rect: Partial<Size & Point> }[];
  /** Node widths set with the resize handle. */
  widths: Record<string, number>;
  measured: Record<string, Size>;
  /** Set when the batch changed what is selected. */
  selection?: { nodes: string[]; groups: number[] };
}

export function interpretNodeChanges(
  changes: readonly NodeChange<FlowNode>[],
  current: { nodes: readonly string[]; groups: readonly number[] },
): NodeChangeEffects {
  const effects: NodeChangeEffects = {
    positions: {},
    dragging: false,
    groupMoves: [],
    groupResizes: [],
    widths: {},
    measured: {},
  };
  const resizing = new Set<string>();
  for (const change of changes) {
    if (change.type === 'dimensions' && change.resizing) resizing.add(change.id);
  }
  const nodes = new Set(current.nodes);
  const groups = new Set(current.groups);
  let selectionChanged = false;

  for (const change of changes) {
    if (change.type === 'position' && change.position) {
      const group = groupIndexOf(change.id);
      if (group !== undefined && resizing.has(change.id)) {
        effects.groupResizes.push({ index: group, rect: { ...change.position } });
      } else if (group !== undefined) {
        effects.groupMoves.push({
          index: group,
          position: change.position,
          dragging: change.dragging ?? false,
        });
      } else {
        effects.positions[change.id] = change.position;
        effects.dragging ||= change.dragging ?? false;
      }
    } else if (change.type === 'dimensions' && change.dimensions) {
      const group = groupIndexOf(change.id);
      if (change.resizing || change.setAttributes) {
        if (group !== undefined) {
          effects.groupResizes.push({ index: group, rect: { ...change.dimensions } });
        } else {
          effects.widths[change.id] = change.dimensions.width;
        }
      }
      effects.measured[change.id] = change.dimensions;
    } else if (change.type === 'select') {
      const group = groupIndexOf(change.id);
      const set: Set<string | number> = group === undefined ? nodes : groups;
      const key = group ?? change.id;
      if (change.selected === set.has(key)) continue;
      if (change.selected) set.add(key);
      else set.delete(key);
      selectionChanged = true;
    }
  }
  if (selectionChanged) effects.selection = { nodes: [...nodes], groups: [...groups] };
  return effects;
}

/** The same for edges: only selection matters (deleting goes through the store). */
export function interpretEdgeSelection<E extends Edge>(
  changes: readonly EdgeChange<E>[],
  current: readonly string[],
): string[] | undefined {
  const selected = new Set(current);
  let changed = false;
  for (const change of changes) {
    if (change.type !== 'select' || change.selected === selected.has(change.id)) continue;
    if (change.selected) selected.add(change.id);
    else selected.delete(change.id);
    changed = true;
  }
  return changed ? [...selected] : undefined;
}
