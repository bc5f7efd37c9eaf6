/**
 * Files a node read are part of what its result depends on, but not of its
 * cache key (the key is known before anything runs). So the cache entry keeps
 * the fingerprints of what was read, and a hit counts only while every one of
 * those files is unchanged ([C8]).
 */
import { statSync } from 'node:fs';
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

/**
 * The outputs of a cache entry, or undefined when a file it read has changed
 * since. The stats are synchronous: a Text encode's entry names six files (its
 * tokenizer, config and model), and six promise stats through the thread pool
 * cost a warm re-run ~0.5 ms on a busy machine against ~20 µs (bench/pipeline).
 */
export function validOutputs(entry: NodeOutputs): Promise<NodeOutputs | undefined> {
  const reads = entry[READS_KEY] as readonly FileRead[] | undefined;
  if (reads === undefined) return Promise.resolve(entry);
  const unchanged = reads.every((read) => {
    const current = currentStat(read.path);
    return current?.size === read.size && current.mtimeMs === read.mtimeMs;
  });
  if (!unchanged) return Promise.resolve(undefined);
  const { [READS_KEY]: _reads, ...outputs } = entry;
  return Promise.resolve(outputs);
}

/** A file's size and mtime now; undefined when it is gone or cannot be looked at. */
function currentStat(path: string): { size: number; mtimeMs: number } | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}
