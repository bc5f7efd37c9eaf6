/** sha256 of a file, streamed (models are gigabytes), with progress. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** Called with the bytes hashed so far. */
export type HashProgress = (bytes: number) => void;
export type HashFile = (
  path: string,
  onProgress?: HashProgress,
  signal?: AbortSignal,
) => Promise<string>;

export async function sha256File(
  path: string,
  onProgress?: HashProgress,
  signal?: AbortSignal,
): Promise<string> {
  const hash = createHash('sha256');
  let bytes = 0;
  const stream = createReadStream(path, { highWaterMark: 4 * 1024 * 1024, signal });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
    onProgress?.(bytes);
  }
  return hash.digest('hex');
}

/**
 * A folder's hash: sha256 of its "<sha256>  <relative path>\n" lines sorted
 * by path (sha256sum's format, so `sha256sum` over the same files in path
 * order reproduces it).
 */
export function treeHash(files: readonly { path: string; sha256: string }[]): string {
  const lines = [...files]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((file) => `${file.sha256}  ${file.path}\n`)
    .join('');
  return createHash('sha256').update(lines).digest('hex');
}
