/**
 * Downloads a model into the library: `<folder>/<kind>/<name>`.
 *
 * - Streams to `<name>.part` beside the destination, with `<name>.part.json`
 *   recording the URL and the server's validators (ETag, Last-Modified).
 * - Resumes: when a .part of the same URL exists, asks for the rest with a
 *   Range request (If-Range guards against a file that changed on the
 *   server). A server that ignores Range (200) restarts from zero; a broken
 *   connection is retried (with Range) up to `retries` times.
 * - Verifies: with `sha256`, a mismatch deletes the .part and leaves nothing
 *   behind; the error shows both hashes. The hash is computed while the bytes
 *   arrive (a resumed .part's bytes are hashed from disk first).
 * - Places atomically (a hard link, or a rename where links are not
 *   supported) and never overwrites: an existing destination is an error,
 *   unless it already has the requested sha256 (then nothing is downloaded).
 *   Numbered names were rejected: a second copy of a model under "x (2)" is
 *   never what the user meant.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { link, mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { dirname, join } from 'node:path';
import { sha256File } from './hashFile.ts';
import { DownloadError, httpGet, networkError, statusError } from './httpGet.ts';
import type { ModelKind } from './kinds.ts';

export { DownloadError } from './httpGet.ts';

export interface DownloadProgress {
  /** Bytes in the .part so far (resumed bytes included). */
  bytes: number;
  /** The file's size, when the server says. */
  total?: number;
  /** Bytes per second received by this call. */
  rate: number;
  /** Bytes that were already there when this call began. */
  resumedFrom: number;
}

export interface DownloadOptions {
  url: string;
  /** The library folder: the file goes to `<folder>/<kind>/<name>`. */
  folder: string;
  kind: ModelKind;
  /** The file name, may hold subfolders ("sd-turbo/unet/model.onnx"); default: the URL's last segment. */
  name?: string;
  /** Lowercase hex; the download is refused unless it matches. */
  sha256?: string;
  onProgress?: (progress: DownloadProgress) => void;
  signal?: AbortSignal;
  /** Tries after a broken connection or a 5xx/429 answer (default 3). */
  retries?: number;
  /** Wait before try n is n × this (default 1000 ms). */
  retryDelayMs?: number;
  /** Give up a connection silent for this long (default 60 s). */
  idleTimeoutMs?: number;
  maxRedirects?: number;
  /** Least time between progress calls (default 100 ms); the last call always comes. */
  progressIntervalMs?: number;
}

export interface DownloadResult {
  path: string;
  size: number;
  sha256: string;
  /** Bytes that came from an earlier, interrupted download. */
  resumedFrom: number;
  /** The destination already held this exact file; nothing was downloaded. */
  alreadyPresent: boolean;
}

interface PartInfo {
  url: string;
  etag?: string;
  lastModified?: string;
}

export async function downloadModel(options: DownloadOptions): Promise<DownloadResult> {
  const { url } = options;
  const name = options.name ?? nameFromUrl(url);
  const destination = join(options.folder, options.kind, ...checkedName(name, url).split('/'));
  const expected = options.sha256?.toLowerCase();
  if (expected !== undefined && !/^[0-9a-f]{64}$/.test(expected))
    throw new DownloadError(
      `"${options.sha256}" is not a sha256 (64 hexadecimal digits).`,
      'bad-name',
      url,
    );

  const existing = await stat(destination).catch(() => undefined);
  if (existing) {
    if (expected && existing.isFile() && (await sha256File(destination)) === expected)
      return {
        path: destination,
        size: existing.size,
        sha256: expected,
        resumedFrom: 0,
        alreadyPresent: true,
      };
    throw new DownloadError(
      `${destination} already exists and Weft never overwrites a model. Choose another name (--name), or remove the old file first.`,
      'exists',
      url,
    );
  }
  await mkdir(dirname(destination), { recursive: true });
  const part = `${destination}.part`;
  const { size, sha256, resumedFrom } = await fetchToPart(options, part).catch((error: unknown) => {
    if (options.signal?.aborted)
      throw new DownloadError(
        `The download of ${url} was cancelled; run it again to resume.`,
        'cancelled',
        url,
      );
    throw error;
  });

  if (expected && sha256 !== expected) {
    await removePart(part);
    throw new DownloadError(
      `The file from ${url} is not the one expected: its sha256 is ${sha256}, but ${expected} was expected. It was deleted; nothing was saved. Check the hash and the address.`,
      'hash-mismatch',
      url,
    );
  }
  await place(part, destination, url);
  await rm(`${part}.json`, { force: true });
  return { path: destination, size, sha256, resumedFrom, alreadyPresent: false };
}

async function fetchToPart(
  options: DownloadOptions,
  part: string,
): Promise<{ size: number; sha256: string; resumedFrom: number }> {
  const { url, signal } = options;
  const retries = options.retries ?? 3;
  if ((await readPartInfo(part))?.url !== url) await rm(part, { force: true });
  const resumedFrom = (await stat(part).catch(() => undefined))?.size ?? 0;
  const progress = progressReporter(options, resumedFrom);
  let hashed: { hash: Hash; bytes: number } | undefined;
  let failures = 0;
  let restarts = 0;

  for (;;) {
    signal?.throwIfAborted();
    const offset = (await stat(part).catch(() => undefined))?.size ?? 0;
    const info = offset > 0 ? await readPartInfo(part) : undefined;
    const validator = offset > 0 ? (info?.etag ?? info?.lastModified) : undefined;
    try {
      const { message } = await httpGet(url, {
        headers:
          offset > 0
            ? { range: `bytes=${offset}-`, ...(validator ? { 'if-range': validator } : {}) }
            : {},
        ...(signal ? { signal } : {}),
        idleTimeoutMs: options.idleTimeoutMs ?? 60_000,
        maxRedirects: options.maxRedirects ?? 10,
      });
      const plan = planBody(message, offset, url);
      if (plan.kind === 'complete') {
        hashed = await hashPrefix(part, offset, hashed);
        return { size: offset, sha256: hashed.hash.digest('hex'), resumedFrom };
      }
      if (plan.kind === 'restart') {
        message.resume();
        if (offset === 0 || ++restarts > 2)
          throw new DownloadError(
            `${url}: the server keeps sending a different part of the file than asked for.`,
            'http',
            url,
          );
        await rm(part, { force: true });
        continue;
      }
      const start = plan.kind === 'whole' ? 0 : offset;
      await writePartInfo(part, url, message);
      hashed =
        start === 0
          ? { hash: createHash('sha256'), bytes: 0 }
          : await hashPrefix(part, start, hashed);
      const written = await appendBody(message, part, start, hashed, (bytes) =>
        progress(bytes, plan.total),
      );
      if (plan.total !== undefined && written < plan.total)
        throw new DownloadError(
          `Could not download ${url}: the connection closed after ${written} of ${plan.total} bytes.`,
          'network',
          url,
          { retryable: true },
        );
      progress(written, plan.total, true);
      return { size: written, sha256: hashed.hash.digest('hex'), resumedFrom };
    } catch (caught) {
      const error = networkError(caught, url, signal);
      hashed = undefined; // the .part on disk is the truth after a failure
      if (!error.retryable || failures >= retries) throw error;
      failures++;
      await delay((options.retryDelayMs ?? 1000) * failures, signal);
    }
  }
}

type BodyPlan =
  | { kind: 'whole'; total: number | undefined }
  | { kind: 'rest'; total: number | undefined }
  | { kind: 'complete' }
  | { kind: 'restart' };

/** What the answer to a (possibly ranged) GET means for the .part. */
function planBody(message: IncomingMessage, offset: number, url: string): BodyPlan {
  const status = message.statusCode ?? 0;
  const length = Number(message.headers['content-length']);
  const contentRange = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(message.headers['content-range'] ?? '');
  if (status === 200) return { kind: 'whole', total: Number.isFinite(length) ? length : undefined };
  if (status === 206 && contentRange && Number(contentRange[1]) === offset) {
    const total = contentRange[3] === '*' ? undefined : Number(contentRange[3]);
    return { kind: 'rest', total };
  }
  if (status === 206) return { kind: 'restart' }; // a range we did not ask for
  if (status === 416) {
    message.resume();
    const total = /^bytes \*\/(\d+)$/.exec(message.headers['content-range'] ?? '')?.[1];
    return total !== undefined && Number(total) === offset
      ? { kind: 'complete' }
      : { kind: 'restart' };
  }
  message.resume();
  throw statusError(status, url);
}

/** Appends the body to the .part, hashing what is written; returns the .part's size. */
async function appendBody(
  message: IncomingMessage,
  part: string,
  start: number,
  hashed: { hash: Hash; bytes: number },
  onBytes: (bytes: number) => void,
): Promise<number> {
  const file = await open(part, start === 0 ? 'w' : 'a');
  try {
    for await (const chunk of message as AsyncIterable<Buffer>) {
      await file.write(chunk);
      hashed.hash.update(chunk);
      hashed.bytes += chunk.length;
      onBytes(hashed.bytes);
    }
    await file.sync();
  } finally {
    await file.close();
  }
  return hashed.bytes;
}

/** A hash of the .part's first `bytes` bytes: the running one when it is exactly that far. */
async function hashPrefix(
  part: string,
  bytes: number,
  running: { hash: Hash; bytes: number } | undefined,
): Promise<{ hash: Hash; bytes: number }> {
  if (running && running.bytes === bytes) return running;
  const hash = createHash('sha256');
  if (bytes > 0)
    for await (const chunk of createReadStream(part, {
      start: 0,
      end: bytes - 1,
    }) as AsyncIterable<Buffer>)
      hash.update(chunk);
  return { hash, bytes };
}

function progressReporter(options: DownloadOptions, resumedFrom: number) {
  const started = performance.now();
  const interval = options.progressIntervalMs ?? 100;
  let last = -Infinity;
  return (bytes: number, total: number | undefined, final = false) => {
    const now = performance.now();
    if (!options.onProgress || (!final && now - last < interval)) return;
    last = now;
    const seconds = Math.max((now - started) / 1000, 1e-3);
    options.onProgress({
      bytes,
      ...(total !== undefined ? { total } : {}),
      rate: Math.max(0, bytes - resumedFrom) / seconds,
      resumedFrom,
    });
  };
}

/** Link then unlink: fails instead of replacing a file that appeared meanwhile. */
async function place(part: string, destination: string, url: string): Promise<void> {
  try {
    await link(part, destination);
    await rm(part);
    return;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      await removePart(part);
      throw new DownloadError(
        `${destination} appeared while downloading and Weft never overwrites a model; the download was discarded.`,
        'exists',
        url,
      );
    }
    // File systems without hard links (FAT, some network shares): check, then rename.
    if (await stat(destination).catch(() => undefined))
      throw new DownloadError(
        `${destination} already exists; Weft never overwrites a model.`,
        'exists',
        url,
      );
    await rename(part, destination);
  }
}

async function removePart(part: string): Promise<void> {
  await rm(part, { force: true });
  await rm(`${part}.json`, { force: true });
}

async function readPartInfo(part: string): Promise<PartInfo | undefined> {
  try {
    const info = JSON.parse(await readFile(`${part}.json`, 'utf8')) as Partial<PartInfo>;
    return typeof info.url === 'string' ? (info as PartInfo) : undefined;
  } catch {
    return undefined;
  }
}

async function writePartInfo(part: string, url: string, message: IncomingMessage): Promise<void> {
  const etag = message.headers.etag;
  const lastModified = message.headers['last-modified'];
  // A weak ETag cannot validate a range (RFC 9110 §13.1.5).
  const info: PartInfo = {
    url,
    ...(etag && !etag.startsWith('W/') ? { etag } : {}),
    ...(lastModified ? { lastModified } : {}),
  };
  await writeFile(`${part}.json`, JSON.stringify(info) + '\n');
}

/** "https://host/x/rife-v4.6.onnx?download=1" → "rife-v4.6.onnx". */
export function nameFromUrl(url: string): string {
  let segment = '';
  try {
    segment = new URL(url).pathname.split('/').filter(Boolean).pop() ?? '';
    segment = decodeURIComponent(segment);
  } catch {
    segment = '';
  }
  if (!segment)
    throw new DownloadError(
      `${url} does not end in a file name; say what to call the model (--name).`,
      'bad-name',
      url,
    );
  return segment;
}

/** A relative path inside the kind folder: no "..", no absolute paths, no odd characters. */
function checkedName(name: string, url: string): string {
  const normalised = name.replace(/\\/g, '/');
  const parts = normalised.split('/');
  const bad =
    normalised.startsWith('/') ||
    /^[A-Za-z]:/.test(normalised) ||
    parts.some((part) => part === '' || part === '.' || part === '..' || part.startsWith('.')) ||
    [...normalised].some((char) => char.charCodeAt(0) < 32 || '<>:"|?*'.includes(char)) ||
    /\.part(\.json)?$/.test(normalised);
  if (bad)
    throw new DownloadError(
      `"${name}" cannot be a model's file name: use a plain name, optionally with subfolders (sd-turbo/unet/model.onnx).`,
      'bad-name',
      url,
    );
  return normalised;
}

function delay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason instanceof Error ? signal.reason : new Error('cancelled'));
      },
      { once: true },
    );
  });
}
