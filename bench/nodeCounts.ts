/** What a run did per node, counted from its event stream. */
import type { RunEvent } from '../engine/common/events.ts';

export interface NodeCounts {
  ran: number;
  cached: number;
  /** Cache hits by tier. */
  memory: number;
  disk: number;
  failed: number;
  /** node id → durationMs of each node that ran, in the order they finished. */
  ranMs: Map<string, number>;
}

export function countNodes(events: readonly RunEvent[]): NodeCounts {
  const counts: NodeCounts = { ran: 0, cached: 0, memory: 0, disk: 0, failed: 0, ranMs: new Map() };
  for (const event of events) {
    if (event.type === 'node-done') {
      counts.ran++;
      counts.ranMs.set(event.nodeId, event.durationMs);
    } else if (event.type === 'node-error') counts.failed++;
    else if (event.type === 'node-cached') {
      counts.cached++;
      counts[event.tier]++;
    }
  }
  return counts;
}

export function describeCounts(counts: NodeCounts): string {
  const tiers = [
    counts.memory > 0 ? `${counts.memory} memory` : '',
    counts.disk > 0 ? `${counts.disk} disk` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return `${counts.ran} ran, ${counts.cached} cached${tiers ? ` (${tiers})` : ''}${counts.failed ? `, ${counts.failed} failed` : ''}`;
}

/** "background 412 ms, composite 301 ms, …" */
export function describeNodeTimes(counts: NodeCounts): string {
  return [...counts.ranMs].map(([nodeId, ms]) => `${nodeId} ${Math.round(ms)} ms`).join(', ');
}
