/**
 * Fresh node ids. Ids are what people read in graph files and type after
 * `--set`, so a new node gets a short name from its type ("sampler") and
 * duplicates count up ("sampler-2", "sampler-3") instead of random strings.
 */
import { NODE_ID_PATTERN } from '../../engine/common/graph/schema.ts';

/** "diffusion/sampler" → "sampler"; anything unusable becomes "node". */
export function idStem(type: string): string {
  const name = type.slice(type.lastIndexOf('/') + 1);
  const cleaned = name.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^[^A-Za-z]+/, '');
  return cleaned === '' ? 'node' : cleaned;
}

/**
 * `base` when free, else the first free "<stem>-<n>" (n ≥ 2), where the stem
 * is `base` without a trailing "-<number>" (so copying "sampler-2" gives
 * "sampler-3", not "sampler-2-2").
 */
export function freshId(base: string, taken: (id: string) => boolean): string {
  const start = NODE_ID_PATTERN.test(base) ? base : idStem(base);
  if (!taken(start)) return start;
  const match = /^(.*?)-(\d+)$/.exec(start);
  const stem = match ? match[1]! : start;
  let n = match ? Number(match[2]) + 1 : 2;
  while (taken(`${stem}-${n}`)) n += 1;
  return `${stem}-${n}`;
}
