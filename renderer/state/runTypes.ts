/**
 * What the editor shows about a run, per node: the shape the run store keeps
 * and the canvas reads. Built from the engine's RunEvents.
 */
import type { ErrorInfo } from '../../engine/common/events.ts';

export type NodeRunStatus = 'idle' | 'queued' | 'running' | 'cached' | 'done' | 'error' | 'skipped';

export interface NodeRunState {
  status: NodeRunStatus;
  /** Sampler-style progress while running. */
  step?: number;
  total?: number;
  /** The latest live preview (8-bit RGB, base64) while running. */
  preview?: { width: number; height: number; rgb: string };
  durationMs?: number;
  /** Workspace-relative files the node wrote (images it saved or previewed). */
  files?: string[];
  error?: ErrorInfo;
  /** Why a node was skipped: its upstream failed, or the run was cancelled. */
  skipReason?: 'upstream-failed' | 'cancelled';
}
