/** The node's state in the current run, as a small badge in its header. */
import { useRunStore } from '../state/runStore.ts';

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export function RunBadge({ nodeId }: { nodeId: string }) {
  const state = useRunStore((store) => store.nodes[nodeId]);
  if (!state || state.status === 'idle') return null;
  const text =
    state.status === 'done'
      ? formatDuration(state.durationMs ?? 0)
      : state.status === 'skipped'
        ? state.skipReason === 'cancelled'
          ? 'cancelled'
          : 'skipped'
        : state.status;
  return (
    <span
      className={`weft-run-badge ${state.status}`}
      data-testid="node-status"
      data-status={state.status}
    >
      {state.status === 'running' && <span className="weft-spinner" aria-hidden="true" />}
      {text}
    </span>
  );
}
