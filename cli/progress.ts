/**
 * Renders the engine's event stream on stderr: JSON lines with --json, a
 * redrawn progress bar on a terminal, plain lines otherwise.
 */
import type { RunEvent } from '../engine/common/events.ts';
import type { CliIo } from './io.ts';

export type EventPrinter = (event: RunEvent) => void;

export function createEventPrinter(io: CliIo, json: boolean): EventPrinter {
  if (json) return (event) => io.stderr(JSON.stringify(event) + '\n');
  return io.isTty ? terminalPrinter(io) : plainPrinter(io);
}

function lineFor(event: RunEvent): string | undefined {
  switch (event.type) {
    case 'node-done':
      return `  ✓ ${event.nodeId}  ${formatMs(event.durationMs)}`;
    case 'node-cached':
      return `  ● ${event.nodeId}  cached (${event.tier})`;
    case 'node-error':
      return `  ✖ ${event.nodeId}  ${event.error.message}`;
    case 'node-skipped':
      return event.reason === 'cancelled'
        ? `  – ${event.nodeId}  cancelled`
        : `  – ${event.nodeId}  not run: "${event.cause}" failed`;
    case 'log':
      return `  ${event.level === 'warn' ? '!' : 'i'} ${event.nodeId ? `${event.nodeId}: ` : ''}${event.message}`;
    default:
      return undefined;
  }
}

function plainPrinter(io: CliIo): EventPrinter {
  return (event) => {
    const line = lineFor(event);
    if (line) io.stderr(line + '\n');
  };
}

function terminalPrinter(io: CliIo): EventPrinter {
  let total = 0;
  let finished = 0;
  const running = new Map<string, string>();
  return (event) => {
    if (event.type === 'run-start') total = event.nodes.length;
    if (event.type === 'node-start') running.set(event.nodeId, '');
    if (event.type === 'node-progress') running.set(event.nodeId, ` ${event.step}/${event.total}`);
    if (
      event.type === 'node-done' ||
      event.type === 'node-cached' ||
      event.type === 'node-error' ||
      event.type === 'node-skipped'
    ) {
      running.delete(event.nodeId);
      finished++;
    }
    const line = lineFor(event);
    io.stderr('\r\x1b[2K' + (line ? colour(line) + '\n' : ''));
    if (event.type.startsWith('run-') && event.type !== 'run-start') return;
    const width = Math.max(10, Math.min(30, io.columns - 50));
    const filled = total === 0 ? 0 : Math.round((finished / total) * width);
    const active = [...running].map(([id, step]) => id + step).join(', ');
    const status = `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${finished}/${total} ${active}`;
    io.stderr(status.slice(0, Math.max(20, io.columns - 1)));
  };
}

function colour(line: string): string {
  if (line.startsWith('  ✓')) return `\x1b[32m${line}\x1b[0m`;
  if (line.startsWith('  ●')) return `\x1b[36m${line}\x1b[0m`;
  if (line.startsWith('  ✖')) return `\x1b[31m${line}\x1b[0m`;
  return `\x1b[2m${line}\x1b[0m`;
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}
