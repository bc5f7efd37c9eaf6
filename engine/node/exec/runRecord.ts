/**
 * Every run leaves a record ([X8]): the graph as run, its hash, what each node
 * did and how long it took, cache hits, the files written, and the versions
 * of everything that could change the result.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
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

/** Writes the record atomically and returns its path. */
export async function writeRunRecord(runsDir: string, record: RunRecord): Promise<string> {
  await mkdir(runsDir, { recursive: true });
  const stamp = record.startedAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const path = join(runsDir, `${stamp}-${record.runId}.json`);
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(record, null, 2) + '\n');
  await rename(temporary, path);
  return path;
}
