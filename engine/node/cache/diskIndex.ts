/**
 * The disk cache's index.json: per entry key, the file's size, the payload
 * checksum it records and when it was last used. It is a summary, not the
 * truth (the entry files are): any process may rewrite it whole (last writer
 * wins), and a missing, unreadable or older-version index is rebuilt from
 * the files.
 *
 * Version 2 stores `payloadSha256`. Version 1 stored `sha256`, a hash of the
 * whole file that cost a second pass over every entry; it is not migrated
 * (the files say everything it did, except recency).
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileAtomic } from './atomicFile.ts';

/** Keys are lowercase hex, as nodeCacheKey makes them: safe as file names everywhere. */
export const ENTRY_KEY_PATTERN = /^[0-9a-f]{3,128}$/;
const INDEX_FORMAT = 'weft/disk-cache-index';
export const INDEX_VERSION = 2;

const indexSchema = z.object({
  format: z.literal(INDEX_FORMAT),
  version: z.literal(INDEX_VERSION),
  entries: z.record(
    z.string().regex(ENTRY_KEY_PATTERN),
    z.object({
      /** Size of the entry file. */
      bytes: z.number().int().nonnegative(),
      /**
       * The file's own "weft.payloadSha256" (entryFile.ts) when it was last
       * written or read; null for an adopted file not read since. A summary:
       * get() checks the file against the checksum inside it.
       */
      payloadSha256: z
        .string()
        .regex(/^[0-9a-f]{64}$/)
        .nullable(),
      /** Milliseconds since the epoch. */
      lastUsed: z.number(),
    }),
  ),
});

export type IndexEntry = z.infer<typeof indexSchema>['entries'][string];

export type IndexReadResult =
  | { status: 'ok'; entries: Map<string, IndexEntry> }
  | { status: 'missing' }
  /** Written by an older version of Weft: rebuilt from the files, without a warning. */
  | { status: 'outdated'; version: number }
  | { status: 'unreadable'; reason: string };

export async function readIndex(path: string): Promise<IndexReadResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'missing' };
    return { status: 'unreadable', reason: (error as Error).message };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { status: 'unreadable', reason: 'it is not valid JSON' };
  }
  const version = olderVersion(json);
  if (version !== undefined) return { status: 'outdated', version };
  const parsed = indexSchema.safeParse(json);
  if (!parsed.success) return { status: 'unreadable', reason: 'it is not a Weft cache index' };
  return { status: 'ok', entries: new Map(Object.entries(parsed.data.entries)) };
}

function olderVersion(json: unknown): number | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const { format, version } = json as { format?: unknown; version?: unknown };
  return format === INDEX_FORMAT &&
    typeof version === 'number' &&
    Number.isInteger(version) &&
    version >= 1 &&
    version < INDEX_VERSION
    ? version
    : undefined;
}

/**
 * Written atomically, keys sorted, so the file diffs and compares cleanly.
 * Not fsynced: it is rewritten on every use, and an index a power cut
 * emptied is rebuilt from the entry files.
 */
export async function writeIndex(
  path: string,
  entries: ReadonlyMap<string, IndexEntry>,
): Promise<void> {
  const sorted: Record<string, IndexEntry> = {};
  for (const key of [...entries.keys()].sort()) sorted[key] = entries.get(key) as IndexEntry;
  const text = JSON.stringify(
    { format: INDEX_FORMAT, version: INDEX_VERSION, entries: sorted },
    null,
    2,
  );
  await writeFileAtomic(path, new TextEncoder().encode(`${text}\n`), { sync: false });
}
