/**
 * The built editor (dist/renderer) as static files: only files that really
 * lie inside that folder, typed by extension, never a directory listing.
 */
import { open, realpath } from 'node:fs/promises';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { isInside } from '../protocol/workspace.ts';
import { sendFile } from './sendFile.ts';
import { appContentTypeOf } from '../../common/contentTypes.ts';

/** Serves `pathname` from `root`; false when there is no such file (the caller answers 404). */
export async function serveStatic(
  root: string,
  pathname: string,
  request: IncomingMessage,
  response: ServerResponse,
  headers: OutgoingHttpHeaders,
): Promise<boolean> {
  const segments = decodeSegments(pathname === '/' ? '/index.html' : pathname);
  // Hidden files (the build stamp) are not part of the editor.
  if (segments === undefined || segments.some((segment) => segment.startsWith('.'))) return false;
  const target = join(root, ...segments);
  const real = await realpath(target).catch(() => undefined);
  const realRoot = await realpath(root).catch(() => undefined);
  if (real === undefined || realRoot === undefined || !isInside(realRoot, real)) return false;
  const handle = await open(real, 'r').catch(() => undefined);
  if (!handle) return false;
  if (!(await handle.stat()).isFile()) {
    await handle.close();
    return false;
  }
  await sendFile(request, response, handle, {
    ...headers,
    'Content-Type': appContentTypeOf(real),
    'Cache-Control': 'no-cache',
  });
  return true;
}

/** URL path → decoded segments; undefined for anything that could climb out. */
export function decodeSegments(pathname: string): string[] | undefined {
  const segments: string[] = [];
  for (const raw of pathname.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    if (
      segment === '.' ||
      segment === '..' ||
      segment.includes('/') ||
      segment.includes('\\') ||
      segment.includes('\0')
    )
      return undefined;
    segments.push(segment);
  }
  return segments;
}
