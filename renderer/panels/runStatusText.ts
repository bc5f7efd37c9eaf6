/** The run controls' one status line, from the run store's state. Pure. */
import type { NodeRunState } from '../state/runTypes.ts';
import type { RunViewStatus } from '../state/runStore.ts';
import { formatDuration } from './historyFormat.ts';

export interface StatusInput {
  status: RunViewStatus;
  starting: boolean;
  stopping: boolean;
  startedAt?: number | undefined;
  durationMs?: number | undefined;
  nodes: Readonly<Record<string, NodeRunState>>;
}

/** Nodes of the current run that finished (any way), and how many the run has. */
export function nodeCounts(nodes: Readonly<Record<string, NodeRunState>>): {
  settled: number;
  total: number;
} {
  let settled = 0;
  let total = 0;
  for (const node of Object.values(nodes)) {
    if (node.status === 'idle') continue;
    total++;
    if (node.status !== 'queued' && node.status !== 'running') settled++;
  }
  return { settled, total };
}

export function statusText(input: StatusInput, now: number): string {
  if (input.starting) return 'Starting…';
  const after = input.durationMs !== undefined ? ` after ${formatDuration(input.durationMs)}` : '';
  switch (input.status) {
    case 'idle':
      return 'Ready';
    case 'running': {
      const elapsed =
        input.startedAt !== undefined
          ? ` · ${formatDuration(Math.max(0, now - input.startedAt))}`
          : '';
      const { settled, total } = nodeCounts(input.nodes);
      const progress = total > 0 ? ` · ${settled}/${total} nodes` : '';
      return `${input.stopping ? 'Stopping…' : 'Running'}${elapsed}${progress}`;
    }
    case 'done':
      return input.durationMs !== undefined
        ? `Done in ${formatDuration(input.durationMs)}`
        : 'Done';
    case 'failed':
      return `Failed${after}`;
    case 'cancelled':
      return `Cancelled${after}`;
  }
}
