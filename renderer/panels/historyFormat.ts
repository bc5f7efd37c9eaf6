/**
 * How the history panel words a run: durations, start times, status labels
 * and the per-node timings of a run record. Pure, with the clock passed in.
 */
import type { RunStatus } from '../../engine/common/events.ts';

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const totalSeconds = Math.round(ms / 1000);
  if (totalSeconds < 3600) {
    const minutes = Math.floor(totalSeconds / 60);
    return `${minutes} min ${String(totalSeconds % 60).padStart(2, '0')} s`;
  }
  const totalMinutes = Math.round(totalSeconds / 60);
  return `${Math.floor(totalMinutes / 60)} h ${String(totalMinutes % 60).padStart(2, '0')} min`;
}

const pad = (value: number) => String(value).padStart(2, '0');

function sameDay(a: Date, b: Date): boolean {
  return (
    a.getFullYear() === b.getFullYear() &&
    a.getMonth() === b.getMonth() &&
    a.getDate() === b.getDate()
  );
}

/** "14:03:22" today, "yesterday 14:03", else "2024-05-03 14:03" (local time). */
export function formatStartedAt(iso: string, now: Date): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}`;
  if (sameDay(date, now)) return `${time}:${pad(date.getSeconds())}`;
  const yesterday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1);
  if (sameDay(date, yesterday)) return `yesterday ${time}`;
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${time}`;
}

export const STATUS_LABELS: Record<RunStatus, string> = {
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export interface NodeTiming {
  nodeId: string;
  type: string;
  /** done, cached, failed or skipped, as the run record says. */
  status: string;
  durationMs?: number;
  /** For cached nodes: memory or disk. */
  tier?: string;
}

/**
 * The per-node rows of a run record (`runs.get` → `nodes`), slowest first,
 * then cached and skipped ones by id. The record is engine data of a shape
 * the protocol leaves open, so fields are read defensively.
 */
export function nodeTimings(nodes: Readonly<Record<string, unknown>>): NodeTiming[] {
  const rows: NodeTiming[] = [];
  for (const [nodeId, value] of Object.entries(nodes)) {
    if (typeof value !== 'object' || value === null) continue;
    const record = value as Record<string, unknown>;
    const row: NodeTiming = {
      nodeId,
      type: typeof record.type === 'string' ? record.type : '?',
      status: typeof record.status === 'string' ? record.status : '?',
    };
    if (typeof record.durationMs === 'number') row.durationMs = record.durationMs;
    if (typeof record.tier === 'string') row.tier = record.tier;
    rows.push(row);
  }
  return rows.sort(
    (a, b) =>
      (b.durationMs ?? -1) - (a.durationMs ?? -1) ||
      (a.nodeId < b.nodeId ? -1 : a.nodeId > b.nodeId ? 1 : 0),
  );
}

/** "2 images, 1 audio file" for the outputs line of a run. */
export function describeOutputs(
  files: readonly string[],
  kindOf: (path: string) => string,
): string {
  if (files.length === 0) return 'no outputs';
  const counts = new Map<string, number>();
  for (const file of files) {
    const kind = kindOf(file);
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  const words: Record<string, [string, string]> = {
    image: ['image', 'images'],
    audio: ['audio file', 'audio files'],
    video: ['video', 'videos'],
    other: ['file', 'files'],
  };
  return [...counts]
    .map(([kind, count]) => {
      const [one, many] = words[kind] ?? ['file', 'files'];
      return `${count} ${count === 1 ? one : many}`;
    })
    .join(', ');
}
