/**
 * runs.list / runs.get: the run records the engine writes
 * (exec/runRecord.ts, `<runs>/<stamp>-<runId>.json`), newest first. The
 * record folder is shared with the CLI, so a record may name files outside
 * this workspace; those are left out of what the client sees.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { OperationResults, RunSummary } from '../../common/protocol/messages.ts';
import type { RunRecord } from '../exec/runRecord.ts';
import { clientJson, scrubError, workspaceFiles } from './clientPaths.ts';
import { errnoCode, ProtocolFailure } from './failure.ts';
import type { Workspace } from './workspace.ts';

const RECORD_NAME = /^(\d{8}T\d{6}Z)-([A-Za-z0-9_-]+)\.json$/;
const DEFAULT_LIMIT = 50;

export async function listRuns(
  runsDir: string,
  workspace: Workspace,
  limit = DEFAULT_LIMIT,
): Promise<OperationResults['runs.list']> {
  const names = (await recordNames(runsDir)).slice(0, limit);
  const runs: RunSummary[] = [];
  for (const name of names) {
    const record = await readRecord(join(runsDir, name));
    if (record) runs.push(summarize(record, workspace));
  }
  return { runs };
}

export async function getRun(
  runsDir: string,
  workspace: Workspace,
  runId: string,
): Promise<OperationResults['runs.get']> {
  // The id is matched against the folder's names, never joined into a path.
  const name = (await recordNames(runsDir)).find((entry) => RECORD_NAME.exec(entry)?.[2] === runId);
  const record = name === undefined ? undefined : await readRecord(join(runsDir, name));
  if (!record)
    throw new ProtocolFailure(
      'NOT_FOUND',
      `There is no record of run "${runId}"; it may have been deleted.`,
    );
  return {
    summary: summarize(record, workspace),
    graph: record.graph,
    nodes: clientJson(record.nodes, workspace) as Record<string, unknown>,
  };
}

/** Record file names, newest first (the stamp sorts by time). */
async function recordNames(runsDir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(runsDir);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return [];
    throw error;
  }
  return names
    .filter((name) => RECORD_NAME.test(name))
    .sort()
    .reverse();
}

/** A record that cannot be read (half-deleted, hand-edited) is skipped, not an error. */
async function readRecord(path: string): Promise<RunRecord | undefined> {
  try {
    const record = JSON.parse(await readFile(path, 'utf8')) as Partial<RunRecord>;
    return record.format === 'weft/run' && typeof record.runId === 'string'
      ? (record as RunRecord)
      : undefined;
  } catch {
    return undefined;
  }
}

function summarize(record: RunRecord, workspace: Workspace): RunSummary {
  return {
    runId: record.runId,
    status: record.status,
    startedAt: record.startedAt,
    durationMs: record.durationMs,
    title: record.graph?.meta?.title?.trim() || 'Untitled graph',
    files: workspaceFiles(record.files ?? [], workspace),
    errors: (record.errors ?? []).map((error) => scrubError(error, workspace)),
  };
}
