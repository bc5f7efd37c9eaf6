/**
 * Streams one file with its length, and one byte range when asked (a
 * <video> seeks with Range requests). HEAD gets the headers only.
 */
import type { FileHandle } from 'node:fs/promises';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';

export async function sendFile(
  request: IncomingMessage,
  response: ServerResponse,
  handle: FileHandle,
  headers: OutgoingHttpHeaders,
): Promise<void> {
  const { size } = await handle.stat();
  const range = parseRange(request.headers.range, size);
  if (range === 'unsatisfiable') {
    await handle.close();
    response.writeHead(416, { ...headers, 'Content-Range': `bytes */${size}` }).end();
    return;
  }
  const [start, end] = range ?? [0, size - 1];
  response.writeHead(range ? 206 : 200, {
    ...headers,
    'Accept-Ranges': 'bytes',
    'Content-Length': String(Math.max(0, end - start + 1)),
    ...(range ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {}),
  });
  if (request.method === 'HEAD' || size === 0) {
    await handle.close();
    response.end();
    return;
  }
  // The stream closes the handle when it ends or fails.
  const stream = handle.createReadStream({ start, end, autoClose: true });
  stream.on('error', () => response.destroy());
  stream.pipe(response);
}

/** "bytes=a-b", "bytes=a-", "bytes=-n"; several ranges are answered whole (undefined). */
function parseRange(
  header: string | undefined,
  size: number,
): [number, number] | 'unsatisfiable' | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header ?? '');
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  let start: number;
  let end: number;
  if (match[1] === '') {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  return start > end || start >= size ? 'unsatisfiable' : [start, end];
}
