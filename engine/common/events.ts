/**
 * The one typed event stream of a run. The CLI prints it (a progress bar, or
 * JSON lines with --json), and the IPC and WebSocket hosts forward it as is,
 * so every field is plain JSON. Pure.
 */

export interface EventBase {
  runId: string;
  /** Milliseconds since the Unix epoch. */
  time: number;
}

export interface NodeEventBase extends EventBase {
  nodeId: string;
  nodeType: string;
}

export interface ErrorInfo {
  /** Stable code, e.g. NODE_FAILED, MISSING_NODE_TYPE, CANCELLED. */
  code: string;
  /** A sentence the artist can act on. */
  message: string;
  nodeId?: string;
  nodeType?: string;
  field?: string;
  /** Short descriptions of the inputs the node had, e.g. { image: "float32[1×64×64×3]" }. */
  inputs?: Record<string, string>;
  /** The developer-facing stack, shown only when asked for (--verbose). */
  stack?: string;
}

export type RunEvent =
  | (EventBase & {
      type: 'run-start';
      graphHash: string;
      /** The nodes this run needs, in a valid execution order. */
      nodes: string[];
      provider: string;
    })
  | (NodeEventBase & { type: 'node-start' })
  | (NodeEventBase & {
      type: 'node-progress';
      step: number;
      total: number;
      /** A small RGB preview, 8 bits per channel, base64. */
      preview?: { width: number; height: number; rgb: string };
    })
  | (NodeEventBase & {
      type: 'node-cached';
      tier: 'memory' | 'disk';
      outputs: Record<string, string>;
    })
  | (NodeEventBase & {
      type: 'node-done';
      durationMs: number;
      outputs: Record<string, string>;
      files: string[];
    })
  | (NodeEventBase & { type: 'node-error'; error: ErrorInfo })
  | (NodeEventBase & {
      type: 'node-skipped';
      reason: 'upstream-failed' | 'cancelled';
      cause?: string;
    })
  | (EventBase & { type: 'log'; level: 'info' | 'warn'; nodeId?: string; message: string })
  | (EventBase & { type: 'run-done'; durationMs: number; files: string[] })
  | (EventBase & { type: 'run-failed'; durationMs: number; files: string[]; errors: ErrorInfo[] })
  | (EventBase & { type: 'run-cancelled'; durationMs: number; files: string[] });

export type RunEventType = RunEvent['type'];
export type RunStatus = 'done' | 'failed' | 'cancelled';
