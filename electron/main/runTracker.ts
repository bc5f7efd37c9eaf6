/**
 * Follows a run's events as they pass from the engine to the editor, so that
 * when the engine process dies the host can say which node was running and
 * end the run in the editor as failed (the engine can no longer say so).
 */
import type { ErrorInfo, RunEvent } from '../../engine/common/events.ts';

export interface RunningNode {
  nodeId: string;
  nodeType: string;
  startedAt: number;
}

export interface InterruptedRun {
  runId: string;
  nodes: RunningNode[];
  /** The events that end the run in the editor: node-error per running node, then run-failed. */
  events: RunEvent[];
  /** One paragraph for the user. */
  message: string;
}

export const ENGINE_STOPPED = 'ENGINE_STOPPED';

export class RunTracker {
  #runId: string | undefined;
  #runStartedAt = 0;
  readonly #running = new Map<string, RunningNode>();
  readonly #files: string[] = [];

  observe(event: RunEvent): void {
    switch (event.type) {
      case 'run-start':
        this.#runId = event.runId;
        this.#runStartedAt = event.time;
        this.#running.clear();
        this.#files.length = 0;
        return;
      case 'node-start':
        if (event.runId === this.#runId) {
          this.#running.set(event.nodeId, {
            nodeId: event.nodeId,
            nodeType: event.nodeType,
            startedAt: event.time,
          });
        }
        return;
      case 'node-done':
        this.#files.push(...event.files);
        this.#running.delete(event.nodeId);
        return;
      case 'node-cached':
      case 'node-error':
      case 'node-skipped':
        this.#running.delete(event.nodeId);
        return;
      case 'run-done':
      case 'run-failed':
      case 'run-cancelled':
        if (event.runId === this.#runId) this.#reset();
        return;
      default:
        return;
    }
  }

  get activeRunId(): string | undefined {
    return this.#runId;
  }

  get runningNodes(): RunningNode[] {
    return [...this.#running.values()];
  }

  /**
   * The run the engine was in when it stopped, ended as failed, or undefined
   * when no run was active. Forgets the run.
   */
  interrupt(reason: string, now: number): InterruptedRun | undefined {
    const runId = this.#runId;
    if (runId === undefined) return undefined;
    const nodes = this.runningNodes;
    const errors: ErrorInfo[] = nodes.map((node) => ({
      code: ENGINE_STOPPED,
      message: nodeMessage(node, reason),
      nodeId: node.nodeId,
      nodeType: node.nodeType,
    }));
    if (errors.length === 0) {
      errors.push({
        code: ENGINE_STOPPED,
        message: `The engine stopped between nodes (${reason}). Weft has restarted it; run the graph again.`,
      });
    }
    const events: RunEvent[] = nodes.map((node, index) => ({
      type: 'node-error',
      runId,
      time: now,
      nodeId: node.nodeId,
      nodeType: node.nodeType,
      error: errors[index]!,
    }));
    events.push({
      type: 'run-failed',
      runId,
      time: now,
      durationMs: Math.max(0, now - this.#runStartedAt),
      files: [...this.#files],
      errors,
    });
    const message = errors.map((error) => error.message).join('\n');
    this.#reset();
    return { runId, nodes, events, message };
  }

  #reset(): void {
    this.#runId = undefined;
    this.#running.clear();
    this.#files.length = 0;
  }
}

function nodeMessage(node: RunningNode, reason: string): string {
  return (
    `The engine stopped while node "${node.nodeId}" (${node.nodeType}) was running: ${reason}. ` +
    'Weft has restarted it; run the graph again, and if this node stops the engine again, ' +
    'check the model and settings it uses (a smaller size or the CPU provider often helps).'
  );
}
