/**
 * The run store's state and actions, built from its capabilities (client,
 * graph, clock, timer) so tests get a fresh store with fakes; runStore.ts
 * makes the window's one, wired to the real client and graph store. What each
 * node is doing is folded from RunEvents by runReducer.ts; validation issues
 * pin to nodes through runIssues.ts.
 */
import { createStore, type StateCreator, type StoreApi } from 'zustand';
import type { RunEvent } from '../../engine/common/events.ts';
import type { GraphFile } from '../../engine/common/graph/schema.ts';
import type { ValidationIssue } from '../../engine/common/validate/validate.ts';
import { ClientError, type EngineClient } from '../client/types.ts';
import { countErrors, groupIssues } from './runIssues.ts';
import {
  describeCancelled,
  describeFailure,
  describeInterrupted,
  describeStartError,
  type RunMessage,
} from './runMessages.ts';
import {
  beginRun,
  EMPTY_PROGRESS,
  interruptRun,
  reduceRunEvent,
  type RunProgress,
  type RunViewStatus,
} from './runReducer.ts';

export type { RunViewStatus } from './runReducer.ts';
export type { RunMessage } from './runMessages.ts';

export interface RunState extends RunProgress {
  /** The run in progress, if any (the one Stop cancels). */
  activeRunId?: string;
  status: RunViewStatus;
  issuesByNode: Record<string, ValidationIssue[]>;
  /** Issues about the graph as a whole (graph inputs, run targets). */
  graphIssues: ValidationIssue[];
  /** run.start was sent and has not answered yet. */
  starting: boolean;
  /** run.cancel was sent; the run has not ended yet. */
  stopping: boolean;
  /** The run-level outcome worth telling (failed, cancelled, interrupted, refused). */
  message?: RunMessage;
}

export interface RunActions {
  /** Runs the whole graph, or only what `targets` need. Resolves once the engine answered. */
  startRun: (targets?: string[]) => Promise<void>;
  stopRun: () => Promise<void>;
  applyEvent: (event: RunEvent) => void;
  /** Validates the current graph after a short pause (calls within it coalesce). */
  validate: () => void;
  /** After a reconnect: the engine's `hello.activeRunId` says whether the run goes on. */
  resume: (activeRunId: string | undefined) => void;
  dismissMessage: () => void;
}

export type RunStore = RunState & RunActions;

/** What the run store needs of the graph store. */
export interface GraphAccess {
  graph: GraphFile;
  /** Workspace-relative; the engine resolves the graph's relative input files from its folder. */
  filePath?: string | undefined;
  advanceSeeds(): void;
}

export interface RunStoreDeps {
  client: () => EngineClient;
  graph: () => GraphAccess;
  now?: () => number;
  /** Calls `callback` after `ms`; returns a cancel. */
  schedule?: (callback: () => void, ms: number) => () => void;
  validateDelayMs?: number;
}

const DEFAULT_VALIDATE_DELAY_MS = 300;

function defaultSchedule(callback: () => void, ms: number): () => void {
  const timer = setTimeout(callback, ms);
  return () => clearTimeout(timer);
}

export function createRunStore(deps: RunStoreDeps): StoreApi<RunStore> {
  return createStore<RunStore>()(runStoreCreator(deps));
}

export function runStoreCreator(deps: RunStoreDeps): StateCreator<RunStore> {
  const now = deps.now ?? Date.now;
  const schedule = deps.schedule ?? defaultSchedule;
  const validateDelayMs = deps.validateDelayMs ?? DEFAULT_VALIDATE_DELAY_MS;
  let cancelPendingValidation: (() => void) | undefined;
  let validationSequence = 0;

  return (set, get) => {
    /** Applies a new run progress, deriving activeRunId and the outcome message. */
    const setProgress = (progress: RunProgress, extra: Partial<RunState> = {}): void => {
      const before = get().status;
      const ended = before === 'running' && progress.status !== 'running';
      let message = get().message;
      if (progress.status === 'running' && before !== 'running') message = undefined;
      if (ended && progress.status === 'cancelled') message = describeCancelled();
      if (ended && progress.status === 'failed')
        message = describeFailure(progress.errors, progress.nodes);
      if (ended && progress.status === 'done') message = undefined;
      set({
        ...progress,
        activeRunId: progress.status === 'running' ? progress.runId : undefined,
        stopping: progress.status === 'running' ? get().stopping : false,
        message,
        ...extra,
      });
    };

    const runValidation = async (): Promise<void> => {
      const sequence = ++validationSequence;
      try {
        const graph = deps.graph().graph;
        const { issues } = await deps.client().request('graph.validate', { graph });
        if (sequence === validationSequence) set(groupIssues(issues));
      } catch {
        // Not connected or refused: keep the issues shown; the next change validates again.
      }
    };

    return {
      ...EMPTY_PROGRESS,
      issuesByNode: {},
      graphIssues: [],
      starting: false,
      stopping: false,

      async startRun(targets) {
        const state = get();
        if (state.starting || state.status === 'running') return;
        set({ starting: true, message: undefined });
        const access = deps.graph();
        const graph = access.graph;
        try {
          const { runId } = await deps.client().request('run.start', {
            graph,
            ...(targets && targets.length > 0 ? { targets } : {}),
            ...(access.filePath ? { path: access.filePath } : {}),
          });
          // run-start may have arrived before this answer (then the run is known already).
          if (get().runId !== runId) setProgress(beginRun(get(), runId, [], now()));
          set({ starting: false });
          deps.graph().advanceSeeds();
        } catch (error) {
          const failure = error instanceof Error ? error : new Error(String(error));
          if (failure instanceof ClientError && failure.code === 'GRAPH_INVALID') {
            const grouped = groupIssues(failure.issues ?? []);
            set({
              ...grouped,
              status: 'failed',
              durationMs: undefined,
              starting: false,
              message: describeStartError(failure, countErrors(grouped)),
            });
            return;
          }
          set({
            status: 'failed',
            durationMs: undefined,
            starting: false,
            message: describeStartError(failure, 0),
          });
        }
      },

      async stopRun() {
        const runId = get().activeRunId;
        if (!runId) return;
        set({ stopping: true });
        try {
          await deps.client().request('run.cancel', { runId });
        } catch (error) {
          const text = error instanceof Error ? error.message : String(error);
          set({
            stopping: false,
            message: { tone: 'error', text: `The run could not be stopped: ${text}` },
          });
        }
      },

      applyEvent(event) {
        const state = get();
        const next = reduceRunEvent(state, event, now());
        if (next !== state) setProgress(next);
      },

      validate() {
        cancelPendingValidation?.();
        cancelPendingValidation = schedule(() => {
          cancelPendingValidation = undefined;
          void runValidation();
        }, validateDelayMs);
      },

      resume(activeRunId) {
        const state = get();
        if (activeRunId) {
          if (state.runId !== activeRunId || state.status !== 'running') {
            // Ours and still going: keep what we know. Another run (started
            // elsewhere while we were away): show it from here on.
            setProgress(
              state.runId === activeRunId
                ? { ...state, status: 'running' }
                : beginRun(state, activeRunId, [], now()),
            );
          }
          return;
        }
        if (state.status === 'running')
          setProgress(interruptRun(state), { message: describeInterrupted() });
      },

      dismissMessage() {
        set({ message: undefined });
      },
    };
  };
}
