/**
 * Undo and redo as whole-graph snapshots. Edits share untouched nodes with
 * the graph before them (graph/edits.ts), so a step costs about one node,
 * and a deep history is cheap.
 *
 * Grouping: an edit may carry a key ("param:sampler:steps", "move:a,b").
 * While the last step is still open with the same key, the edit joins it,
 * so typing in one field or one drag is one step. A different key, an edit
 * without a key, `closeGroup` (a field losing focus, a drag ending), undo
 * and redo all close it.
 */
import type { GraphFile } from '../../engine/common/graph/schema.ts';

export const HISTORY_LIMIT = 500;

export interface HistoryEntry {
  graph: GraphFile;
  /** What the step did ("Change steps", "Move 3 nodes"), for menus and tests. */
  label: string;
}

export interface History {
  /** Graphs before each step, oldest first. */
  past: readonly HistoryEntry[];
  /** Graphs undone, the next redo last. */
  future: readonly HistoryEntry[];
  openKey?: string;
}

export const emptyHistory: History = { past: [], future: [] };

/** Records that `before` was changed by a step called `label`. */
export function record(history: History, before: GraphFile, label: string, key?: string): History {
  if (key !== undefined && history.openKey === key && history.past.length > 0) {
    return history.future.length === 0 ? history : { ...history, future: [] };
  }
  const past = [...history.past, { graph: before, label }];
  if (past.length > HISTORY_LIMIT) past.splice(0, past.length - HISTORY_LIMIT);
  return key === undefined ? { past, future: [] } : { past, future: [], openKey: key };
}

export function closeGroup(history: History): History {
  return history.openKey === undefined ? history : { past: history.past, future: history.future };
}

export interface Travel {
  history: History;
  graph: GraphFile;
  label: string;
}

export function undo(history: History, current: GraphFile): Travel | undefined {
  const step = history.past.at(-1);
  if (!step) return undefined;
  return {
    graph: step.graph,
    label: step.label,
    history: {
      past: history.past.slice(0, -1),
      future: [...history.future, { graph: current, label: step.label }],
    },
  };
}

export function redo(history: History, current: GraphFile): Travel | undefined {
  const step = history.future.at(-1);
  if (!step) return undefined;
  return {
    graph: step.graph,
    label: step.label,
    history: {
      past: [...history.past, { graph: current, label: step.label }],
      future: history.future.slice(0, -1),
    },
  };
}
