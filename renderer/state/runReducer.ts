/**
 * The run as the editor shows it, folded from the engine's RunEvents by one
 * pure function, so the canvas, the run controls and the tests agree on what
 * each event means.
 *
 * Contract:
 * - run-start begins a new run: the run's nodes become `queued`, every other
 *   node goes back to `idle`; status, progress, previews and errors of the
 *   last run are gone. A node's `files` survive until that node runs again,
 *   so a cached (or not re-run) node keeps showing its last outputs.
 * - Events of another run than the current one are ignored (a late event of
 *   an old run must not repaint the new one).
 * - The run's end leaves every node in its final state; a node the engine
 *   never settled (no event after queued/running) becomes `skipped`
 *   (cancelled) on cancel and `idle` otherwise, so nothing spins forever.
 */
import type { ErrorInfo, RunEvent } from '../../engine/common/events.ts';
import type { NodeRunState } from './runTypes.ts';

export type RunViewStatus = 'idle' | 'running' | 'done' | 'failed' | 'cancelled';

export interface RunProgress {
  runId?: string;
  status: RunViewStatus;
  nodes: Record<string, NodeRunState>;
  /** When the run started, on this machine's clock (for the elapsed time shown). */
  startedAt?: number;
  /** The run's length as the engine measured it, once it ended. */
  durationMs?: number;
  /** The run's errors, once it failed. */
  errors: ErrorInfo[];
  /** Warnings the engine logged during the run (a provider fallback, say). */
  warnings: string[];
}

/** How many warnings a run keeps; a chatty node must not grow the store forever. */
const MAX_WARNINGS = 20;

export const EMPTY_PROGRESS: RunProgress = { status: 'idle', nodes: {}, errors: [], warnings: [] };

/** `receivedAt` is this machine's clock when the event arrived (the engine's may differ). */
export function reduceRunEvent(
  state: RunProgress,
  event: RunEvent,
  receivedAt: number,
): RunProgress {
  if (event.type === 'run-start') return beginRun(state, event.runId, event.nodes, receivedAt);
  if (event.runId !== state.runId) return state;
  switch (event.type) {
    case 'node-start':
      return setNode(state, event.nodeId, { status: 'running' });
    case 'node-progress': {
      const previous = state.nodes[event.nodeId];
      const preview = event.preview ?? previous?.preview;
      return setNode(state, event.nodeId, {
        status: 'running',
        step: event.step,
        total: event.total,
        ...(preview ? { preview } : {}),
      });
    }
    case 'node-cached': {
      const files = state.nodes[event.nodeId]?.files;
      return setNode(state, event.nodeId, { status: 'cached', ...(files ? { files } : {}) });
    }
    case 'node-done':
      return setNode(state, event.nodeId, {
        status: 'done',
        durationMs: event.durationMs,
        files: event.files,
      });
    case 'node-error':
      return setNode(state, event.nodeId, { status: 'error', error: event.error });
    case 'node-skipped':
      return setNode(state, event.nodeId, { status: 'skipped', skipReason: event.reason });
    case 'log':
      if (event.level !== 'warn') return state;
      return { ...state, warnings: [...state.warnings, event.message].slice(-MAX_WARNINGS) };
    case 'run-done':
      return endRun(state, 'done', event.durationMs, []);
    case 'run-failed':
      return endRun(state, 'failed', event.durationMs, event.errors);
    case 'run-cancelled':
      return endRun(state, 'cancelled', event.durationMs, []);
  }
}

/**
 * A new run: `runNodes` queued, every other node idle (keeping its files).
 * Also used when run.start answers before the run-start event arrives (with
 * no nodes yet; run-start queues them).
 */
export function beginRun(
  state: RunProgress,
  runId: string,
  runNodes: string[],
  receivedAt: number,
): RunProgress {
  const nodes: Record<string, NodeRunState> = {};
  for (const [nodeId, previous] of Object.entries(state.nodes)) {
    nodes[nodeId] = keepFiles({ status: 'idle' }, previous);
  }
  for (const nodeId of runNodes) {
    nodes[nodeId] = keepFiles({ status: 'queued' }, state.nodes[nodeId]);
  }
  return { runId, status: 'running', nodes, startedAt: receivedAt, errors: [], warnings: [] };
}

function endRun(
  state: RunProgress,
  status: 'done' | 'failed' | 'cancelled',
  durationMs: number,
  errors: ErrorInfo[],
): RunProgress {
  const nodes: Record<string, NodeRunState> = {};
  for (const [nodeId, node] of Object.entries(state.nodes)) {
    nodes[nodeId] = settle(node, status);
  }
  return { ...state, status, durationMs, errors, nodes };
}

/** A node still queued or running when its run ended. */
function settle(node: NodeRunState, runStatus: 'done' | 'failed' | 'cancelled'): NodeRunState {
  if (node.status !== 'queued' && node.status !== 'running') return node;
  if (runStatus === 'cancelled') {
    return keepFiles({ status: 'skipped', skipReason: 'cancelled' }, node);
  }
  return keepFiles({ status: 'idle' }, node);
}

/**
 * Replaces a node's state. Files of the last run stay until the node starts
 * producing new ones (node-start clears them) or fails.
 */
function setNode(state: RunProgress, nodeId: string, next: NodeRunState): RunProgress {
  const previous = state.nodes[nodeId];
  const keep = next.status === 'queued' || next.status === 'skipped' || next.status === 'cached';
  const node = keep && next.files === undefined ? keepFiles(next, previous) : next;
  return { ...state, nodes: { ...state.nodes, [nodeId]: node } };
}

function keepFiles(next: NodeRunState, previous: NodeRunState | undefined): NodeRunState {
  return previous?.files ? { ...next, files: previous.files } : next;
}

/**
 * The run lost its connection and the engine no longer knows it: nothing of
 * it is still running, but how it ended is unknown (the history has its
 * record if it finished).
 */
export function interruptRun(state: RunProgress): RunProgress {
  if (state.status !== 'running') return state;
  const nodes: Record<string, NodeRunState> = {};
  for (const [nodeId, node] of Object.entries(state.nodes)) {
    nodes[nodeId] =
      node.status === 'queued' || node.status === 'running'
        ? keepFiles({ status: 'idle' }, node)
        : node;
  }
  return { ...state, status: 'failed', nodes };
}
