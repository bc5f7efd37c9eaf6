/**
 * The window's run store: what each node of the open graph is doing in the
 * current run, the validation issues pinned to nodes, and the actions that
 * start, stop and validate. Built by createRunStore.ts; pushes reach it
 * through runConnection.ts (mounted by the run controls).
 *
 * `useRunStore((state) => state.nodes[nodeId])` in components;
 * `useRunStore.getState().startRun()` elsewhere.
 */
import { create } from 'zustand';
import { getClient } from '../client/instance.ts';
import { runStoreCreator, type RunStore } from './createRunStore.ts';
import { useGraphStore } from './graphStore.ts';

export type {
  GraphAccess,
  RunActions,
  RunMessage,
  RunState,
  RunStore,
  RunViewStatus,
} from './createRunStore.ts';

export const useRunStore = create<RunStore>()(
  runStoreCreator({ client: getClient, graph: () => useGraphStore.getState() }),
);
