/**
 * Files a node read are part of what its result depends on, but not of its
 * cache key (the key is known before anything runs). So the cache entry keeps
 * the fingerprints of what was read, and a hit counts only while every one of
 * those files is unchanged ([C8]).
 */
import { stat } from 'node:fs/promises';
import type { NodeOutputs } from '../../common/nodeApi.ts';
import type { Value } from '../../common/values.ts';
import type { FileRead } from '../io/inputFiles.ts';

/** Output names start with a letter, so this key can never clash with a real output. */
const READS_KEY = '#reads';

export function withReads(outputs: NodeOutputs, reads: readonly FileRead[]): NodeOutputs {
  if (reads.length === 0) return outputs;
  const recorded: Value = reads.map((read) => ({
    path: read.path,
    size: read.size,
    mtimeMs: read.mtimeMs,
  }));
  return { ...outputs, [READS_KEY]: recorded };
}

/** The outputs of a cache entry, or undefined when a file it read has changed since. */
export async function validOutputs(entry: NodeOutputs): Promise<NodeOutputs | undefined> {
  const reads = entry[READS_KEY] as readonly FileRead[] | undefined;
  if (reads === undefined) return entry;
  const current = await Promise.all(reads.map((read) => stat(read.path).catch(() => undefined)));
  const unchanged = reads.every(
    (read, index) => current[index]?.size === read.size && current[index]?.mtimeMs === read.mtimeMs,
  );
  if (!unchanged) return undefined;
  const { [READS_KEY]: _reads, ...outputs } = entry;
  return outputs;
}
