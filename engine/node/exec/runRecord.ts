/**
 * Every run leaves a record ([X8]): the graph as run, its hash, what each node
 * did and how long it took, cache hits, the files written, and the versions
 * of everything that could change the result.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ErrorInfo, RunStatus } from '../../common/events.ts';
import type { GraphFile } from '../../common/graph/schema.ts';
import type { NodeOutcome } from './executor.ts';

export interface RunRecord {
  format: 'weft/run';
  runId: string;
  status: RunStatus;
  startedAt: string;
  durationMs: number;
  graphHash: string;
  targets: string[];
  /** The provider setting ('auto', 'cpu', …). */
  provider: string;
  /** The providers model sessions actually ran on (after any fallback). */
  providersUsed: string[];
  versions: Record<string, string>;
  nodes: Record<string, { type: string } & NodeOutcome>;
  files: string[];
  errors: ErrorInfo[];
  graph: GraphFile;
}

/**
 * Writes the record atomically and returns its path. The calls are
 * synchronous on purpose: a record is a few kilobytes, written once at the
 * end of a run, and three synchronous calls take ~50 µs where mkdir,
 * writeFile and rename through the thread pool took ~0.7 ms on a busy
 * machine, a quarter of a whole toy txt2img run (bench/pipeline). The folder
 * is created only when the write finds it missing.
 */
export async function writeRunRecord(runsDir: string, record: RunRecord): Promise<string> {
  const stamp = record.startedAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const path = join(runsDir, `${stamp}-${record.runId}.json`);
  const temporary = `${path}.${process.pid}.tmp`;
  const text = JSON.stringify(record, null, 2) + '\n';
  try {
    writeFileSync(temporary, text);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    mkdirSync(runsDir, { recursive: true });
    writeFileSync(temporary, text);
  }
  renameSync(temporary, path);
  return path;
}
