/**
 * The open document: the graph exactly as it will be saved, where it is
 * saved, whether it changed, what is selected, and the undo history. Every
 * action that changes `graph` goes through `commit`, so undo covers all of
 * them; the edits themselves are the pure functions of graph/.
 *
 * `createGraphStore(deps)` gives tests a fresh store with their own catalog
 * and randomness; `useGraphStore` is the app's one store (a zustand hook with
 * getState/setState/subscribe).
 */
import { create } from 'zustand';
import { createStore, type StateCreator } from 'zustand/vanilla';
import type { ParamValue } from '../../engine/common/catalog.ts';
import type { GraphFile, GraphGroup } from '../../engine/common/graph/schema.ts';
import { GRAPH_FORMAT, GRAPH_VERSION } from '../../engine/common/graph/schema.ts';
import { extractFragment, pasteFragment } from '../graph/clipboard.ts';
import { firstInputTaking, firstOutputGiving } from '../graph/connections.ts';
import * as edits from '../graph/edits.ts';
import type { Link, Point } from '../graph/edits.ts';
import { freshId, idStem } from '../graph/ids.ts';
import type { DefinitionOf } from '../graph/lookup.ts';
import { isCollapsed, nodeMode, type NodeMode, type SeedMode } from '../graph/nodeUi.ts';
import { renameNode } from '../graph/rename.ts';
import { advanceSeeds } from '../graph/seeds.ts';
import type { ValueType } from '../../engine/common/valueTypes.ts';
import { definitionOf as catalogDefinition } from './catalogStore.ts';
import { closeGroup, emptyHistory, record, redo, undo, type History } from './history.ts';

export function emptyGraph(): GraphFile {
  return { format: GRAPH_FORMAT, version: GRAPH_VERSION, nodes: {} };
}

/** Edge ids are "<target>:<input>": an input has at most one connection. */
export function edgeId(target: string, input: string): string {
  return `${target}:${input}`;
}

export function parseEdgeId(id: string): { target: string; input: string } | undefined {
  const colon = id.indexOf(':');
  return colon > 0 ? { target: id.slice(0, colon), input: id.slice(colon + 1) } : undefined;
}

export interface GraphState {
  /** The document as it will be saved. */
  graph: GraphFile;
  /** Workspace-relative; undefined for a graph never saved. */
  filePath: string | undefined;
  dirty: boolean;
  /** Selected node ids. */
  selection: string[];
  /** Selected connections, as edge ids ("<target>:<input>"). */
  selectedEdges: string[];
  /** Selected group boxes, as indices into graph.groups. */
  selectedGroups: number[];
  /** The graph as last opened or saved: `dirty` is `graph !== savedGraph`. */
  savedGraph: GraphFile | undefined;
  history: History;
  /** Changes when a different document is loaded (the canvas fits it into view). */
  documentId: number;
}

/** Where a node being added should be wired: the handle a wire was dragged from. */
export interface WireOrigin {
  nodeId: string;
  handle: string;
  /** 'source': dragged from an output; 'target': dragged back from an input. */
  kind: 'source' | 'target';
  type: ValueType;
}

export interface GroupMove {
  index: number;
  position: Point;
  /** The nodes inside the group when the drag started. */
  members: readonly string[];
}

export interface GraphActions {
  /** Undoable. Keeps filePath unless options name one; dirty unless told otherwise. */
  /**
   * Replaces the graph inside the open document as one undoable step (History's
   * Restore); the file path and saved state stay those of the document.
   */
  replaceGraph: (graph: GraphFile, options?: { dirty?: boolean }) => void;
  /**
   * Makes `graph` the open document (a file opened, a dropped PNG, New): a
   * fresh undo history, since undoing into another file's graph while keeping
   * this one's path would let Save overwrite it with the wrong graph.
   */
  openDocument: (
    graph: GraphFile,
    options: { filePath: string | undefined; dirty: boolean },
  ) => void;
  /** A fresh, empty, untitled document (undoable). */
  newGraph: () => void;
  /** The file now holds `graph` (a save finished). */
  markSaved: (filePath: string, graph: GraphFile) => void;
  setParam: (nodeId: string, name: string, value: ParamValue) => void;
  /** Ends the open undo group (a field lost focus, a drag ended). */
  endGesture: () => void;
  connect: (link: Link) => void;
  disconnect: (target: string, input: string) => void;
  /** Moves the wire that fed `from` to `link`, in one step (a wire end dragged elsewhere). */
  reconnect: (from: { target: string; input: string }, link: Link) => void;
  /** Adds a node of `type` at `position` (wired to `origin`, with `params`, when given); returns its id. */
  addNode: (
    type: string,
    position: Point,
    origin?: WireOrigin,
    params?: Record<string, ParamValue>,
  ) => string;
  removeNodes: (ids: readonly string[]) => void;
  /** Deletes the selected nodes, connections and groups in one step. */
  removeSelection: () => void;
  /** `dragging`: part of one drag, merged into one undo step until endGesture. */
  moveNodes: (positions: Readonly<Record<string, Point>>, dragging?: boolean) => void;
  /** Moves group `index` to `position`, carrying `members` by the same offset. */
  moveGroup: (
    index: number,
    position: Point,
    members: readonly string[],
    dragging?: boolean,
  ) => void;
  /**
   * One drag's batch: nodes to new positions and groups with their members
   * (a member that is itself in `positions` is not moved twice), one step.
   */
  moveItems: (
    positions: Readonly<Record<string, Point>>,
    groups: readonly GroupMove[],
    dragging?: boolean,
  ) => void;
  resizeNode: (id: string, width: number, height?: number) => void;
  duplicateSelection: () => void;
  /** Adds a pasted fragment, selects it and returns the new ids. */
  paste: (fragment: GraphFile, at?: Point) => string[];
  /** Returns an error message when the new id cannot be used. */
  renameNode: (from: string, to: string) => string | undefined;
  /** The label shown instead of the type's title; empty restores the type's. */
  setTitle: (id: string, title: string) => void;
  /** Collapses them all, or expands them all when all are collapsed. */
  toggleCollapsed: (ids: readonly string[]) => void;
  /** Sets `mode` on them all, or clears it when all have it already. */
  toggleMode: (ids: readonly string[], mode: NodeMode) => void;
  setSeedMode: (nodeId: string, param: string, mode: SeedMode) => void;
  addGroup: (group: GraphGroup) => void;
  updateGroup: (index: number, patch: Partial<GraphGroup>, mergeKey?: string) => void;
  removeGroups: (indices: readonly number[]) => void;
  setSelection: (
    nodes: readonly string[],
    edges?: readonly string[],
    groups?: readonly number[],
  ) => void;
  selectAll: () => void;
  /** Applies every seed widget's randomize/increment mode (called when a run starts). */
  advanceSeeds: () => void;
  undo: () => void;
  redo: () => void;
}

export type GraphStore = GraphState & GraphActions;

export interface GraphStoreDeps {
  definitionOf: DefinitionOf;
  random: () => number;
}

const sameList = <T>(a: readonly T[], b: readonly T[]) =>
  a.length === b.length && a.every((item, index) => item === b[index]);

function plural(count: number, one: string): string {
  return count === 1 ? `1 ${one}` : `${count} ${one}s`;
}

function graphStore(deps: GraphStoreDeps): StateCreator<GraphStore> {
  return (set, get) => {
    /** The one way `graph` changes: one undo step (or part of the open one). */
    const commit = (
      next: GraphFile,
      label: string,
      key?: string,
      extra: Partial<GraphState> = {},
    ) => {
      const state = get();
      if (next === state.graph) {
        if (Object.keys(extra).length > 0) set(extra);
        return;
      }
      set({
        graph: next,
        dirty: next !== state.savedGraph,
        history: record(state.history, state.graph, label, key),
        ...extra,
      });
    };

    /** After undo/redo/replace: drop selections that point at nothing now. */
    const pruneSelection = (graph: GraphFile, state: GraphState): Partial<GraphState> => ({
      selection: state.selection.filter((id) => Object.hasOwn(graph.nodes, id)),
      selectedEdges: state.selectedEdges.filter((id) => {
        const edge = parseEdgeId(id);
        return edge !== undefined && graph.nodes[edge.target]?.inputs?.[edge.input] !== undefined;
      }),
      selectedGroups: state.selectedGroups.filter((index) => index < (graph.groups?.length ?? 0)),
    });

    const travel = (direction: typeof undo) => {
      const state = get();
      const moved = direction(state.history, state.graph);
      if (!moved) return;
      set({
        graph: moved.graph,
        history: moved.history,
        dirty: moved.graph !== state.savedGraph,
        ...pruneSelection(moved.graph, state),
      });
    };

    return {
      graph: emptyGraph(),
      filePath: undefined,
      dirty: false,
      selection: [],
      selectedEdges: [],
      selectedGroups: [],
      savedGraph: undefined,
      history: emptyHistory,
      documentId: 0,

      replaceGraph(graph, options = {}) {
        const state = get();
        const clean = options.dirty === false;
        set({
          graph,
          savedGraph: clean ? graph : state.savedGraph,
          dirty: clean ? false : graph !== state.savedGraph,
          history: record(closeGroup(state.history), state.graph, 'Replace graph'),
          selection: [],
          selectedEdges: [],
          selectedGroups: [],
          documentId: state.documentId + 1,
        });
      },

      openDocument(graph, { filePath, dirty }) {
        set({
          graph,
          filePath,
          savedGraph: dirty ? undefined : graph,
          dirty,
          history: emptyHistory,
          selection: [],
          selectedEdges: [],
          selectedGroups: [],
          documentId: get().documentId + 1,
        });
      },

      newGraph() {
        get().openDocument(emptyGraph(), { filePath: undefined, dirty: false });
      },

      markSaved(filePath, graph) {
        set({ filePath, savedGraph: graph, dirty: get().graph !== graph });
      },

      setParam(nodeId, name, value) {
        commit(
          edits.setParam(get().graph, nodeId, name, value),
          `Change ${name}`,
          `param:${nodeId}:${name}`,
        );
      },

      endGesture() {
        const history = closeGroup(get().history);
        if (history !== get().history) set({ history });
      },

      connect(link) {
        commit(edits.connect(get().graph, link), 'Connect');
      },

      disconnect(target, input) {
        commit(edits.disconnect(get().graph, target, input), 'Disconnect');
      },

      reconnect(from, link) {
        const moved = edits.disconnect(get().graph, from.target, from.input);
        commit(edits.connect(moved, link), 'Reconnect');
      },

      addNode(type, position, origin, params) {
        const graph = get().graph;
        const definition = deps.definitionOf(type);
        const id = freshId(idStem(type), (candidate) => Object.hasOwn(graph.nodes, candidate));
        // Params left out take the definition's defaults, so files stay short ([F] Params).
        let next = edits.addNode(graph, id, {
          type,
          ...(definition ? { version: definition.version } : {}),
          ...(params ? { params: { ...params } } : {}),
          ui: { x: Math.round(position.x), y: Math.round(position.y) },
        });
        if (origin && definition) {
          if (origin.kind === 'source') {
            const input = firstInputTaking(definition, origin.type);
            if (input) {
              next = edits.connect(next, {
                source: origin.nodeId,
                output: origin.handle,
                target: id,
                input,
              });
            }
          } else {
            const output = firstOutputGiving(definition, origin.type);
            if (output) {
              next = edits.connect(next, {
                source: id,
                output,
                target: origin.nodeId,
                input: origin.handle,
              });
            }
          }
        }
        commit(next, `Add ${definition?.title ?? type}`, undefined, {
          selection: [id],
          selectedEdges: [],
          selectedGroups: [],
        });
        return id;
      },

      removeNodes(ids) {
        const state = get();
        const next = edits.removeNodes(state.graph, ids);
        commit(
          next,
          `Delete ${plural(ids.length, 'node')}`,
          undefined,
          pruneSelection(next, state),
        );
      },

      removeSelection() {
        const state = get();
        let next = edits.removeNodes(state.graph, state.selection);
        for (const id of state.selectedEdges) {
          const edge = parseEdgeId(id);
          if (edge) next = edits.disconnect(next, edge.target, edge.input);
        }
        next = edits.removeGroups(next, state.selectedGroups);
        commit(next, 'Delete selection', undefined, {
          selection: [],
          selectedEdges: [],
          selectedGroups: [],
        });
      },

      moveNodes(positions, dragging = false) {
        get().moveItems(positions, [], dragging);
      },

      moveGroup(index, position, members, dragging = false) {
        get().moveItems({}, [{ index, position, members }], dragging);
      },

      moveItems(positions, groups, dragging = false) {
        const graph = get().graph;
        let next = edits.moveNodes(graph, positions);
        const carried: Record<string, Point> = {};
        const titles: string[] = [];
        for (const move of groups) {
          const group = graph.groups?.[move.index];
          if (!group) continue;
          const dx = Math.round(move.position.x) - group.x;
          const dy = Math.round(move.position.y) - group.y;
          if (dx === 0 && dy === 0) continue;
          titles.push(group.title);
          next = edits.updateGroup(next, move.index, { x: group.x + dx, y: group.y + dy });
          for (const id of move.members) {
            const ui = graph.nodes[id]?.ui;
            if (ui && !(id in positions) && !(id in carried))
              carried[id] = { x: ui.x + dx, y: ui.y + dy };
          }
        }
        next = edits.moveNodes(next, carried);
        const ids = Object.keys(positions).sort();
        const label =
          titles.length > 0
            ? `Move group ${titles.join(', ')}`
            : ids.length === 1
              ? `Move ${ids[0]}`
              : `Move ${ids.length} nodes`;
        const key = `move:${ids.join(',')}|${groups.map((move) => move.index).join(',')}`;
        commit(next, label, dragging ? key : undefined);
      },

      resizeNode(id, width, height) {
        const patch: Record<string, number | undefined> = { width: Math.round(width) };
        if (height !== undefined) patch.height = Math.round(height);
        commit(edits.patchNodeUi(get().graph, { [id]: patch }), `Resize ${id}`, `resize:${id}`);
      },

      duplicateSelection() {
        const state = get();
        if (state.selection.length === 0 && state.selectedGroups.length === 0) return;
        const fragment = extractFragment(state.graph, state.selection, state.selectedGroups);
        const pasted = pasteFragment(state.graph, fragment);
        commit(pasted.graph, 'Duplicate', undefined, {
          selection: [...pasted.ids.values()],
          selectedEdges: [],
          selectedGroups: pasted.groupIndices,
        });
      },

      paste(fragment, at) {
        const state = get();
        const pasted = pasteFragment(state.graph, fragment, at);
        const ids = [...pasted.ids.values()];
        commit(pasted.graph, `Paste ${plural(ids.length, 'node')}`, undefined, {
          selection: ids,
          selectedEdges: [],
          selectedGroups: pasted.groupIndices,
        });
        return ids;
      },

      renameNode(from, to) {
        const state = get();
        const result = renameNode(state.graph, from, to.trim());
        if (!result.ok) return result.message;
        commit(result.graph, `Rename ${from} to ${to.trim()}`, undefined, {
          selection: state.selection.map((id) => (id === from ? to.trim() : id)),
          selectedEdges: [],
        });
        return undefined;
      },

      setTitle(id, title) {
        commit(edits.setNodeTitle(get().graph, id, title), `Retitle ${id}`);
      },

      toggleCollapsed(ids) {
        const graph = get().graph;
        const present = ids.filter((id) => graph.nodes[id]);
        if (present.length === 0) return;
        const collapse = !present.every((id) => isCollapsed(graph.nodes[id]!));
        const patches = Object.fromEntries(
          present.map((id) => [id, { collapsed: collapse ? true : undefined }]),
        );
        commit(edits.patchNodeUi(graph, patches), collapse ? 'Collapse' : 'Expand');
      },

      toggleMode(ids, mode) {
        const graph = get().graph;
        const present = ids.filter((id) => graph.nodes[id]);
        if (present.length === 0) return;
        const clear = present.every((id) => nodeMode(graph.nodes[id]!) === mode);
        const modes = Object.fromEntries(present.map((id) => [id, clear ? undefined : mode]));
        const verb = mode === 'bypass' ? 'Bypass' : 'Mute';
        commit(edits.setNodeModes(graph, modes), clear ? `Un-${verb.toLowerCase()}` : verb);
      },

      setSeedMode(nodeId, param, mode) {
        const graph = get().graph;
        const node = graph.nodes[nodeId];
        if (!node) return;
        const current = node.ui?.seedModes;
        const modes: Record<string, unknown> =
          typeof current === 'object' && current !== null ? { ...current } : {};
        if (mode === 'fixed') delete modes[param];
        else modes[param] = mode;
        const seedModes = Object.keys(modes).length > 0 ? modes : undefined;
        commit(edits.patchNodeUi(graph, { [nodeId]: { seedModes } }), `Seed ${mode}`);
      },

      addGroup(group) {
        const graph = get().graph;
        commit(edits.addGroup(graph, group), 'Add group', undefined, {
          selectedGroups: [graph.groups?.length ?? 0],
        });
      },

      updateGroup(index, patch, mergeKey) {
        commit(edits.updateGroup(get().graph, index, patch), 'Edit group', mergeKey);
      },

      removeGroups(indices) {
        commit(edits.removeGroups(get().graph, indices), 'Delete group', undefined, {
          selectedGroups: [],
        });
      },

      setSelection(nodes, edges = [], groups = []) {
        const state = get();
        if (
          sameList(state.selection, nodes) &&
          sameList(state.selectedEdges, edges) &&
          sameList(state.selectedGroups, groups)
        ) {
          return;
        }
        set({ selection: [...nodes], selectedEdges: [...edges], selectedGroups: [...groups] });
      },

      selectAll() {
        const graph = get().graph;
        set({
          selection: Object.keys(graph.nodes),
          selectedEdges: [],
          selectedGroups: (graph.groups ?? []).map((_, index) => index),
        });
      },

      advanceSeeds() {
        commit(advanceSeeds(get().graph, deps.definitionOf, deps.random), 'New seeds after run');
      },

      undo() {
        travel(undo);
      },

      redo() {
        travel(redo);
      },
    };
  };
}

const appDeps: GraphStoreDeps = { definitionOf: catalogDefinition, random: Math.random };

export function createGraphStore(deps: Partial<GraphStoreDeps> = {}) {
  return createStore<GraphStore>()(graphStore({ ...appDeps, ...deps }));
}

export const useGraphStore = create<GraphStore>()(graphStore(appDeps));
