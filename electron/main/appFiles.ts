/**
 * Serves the `weft://` scheme: `weft://app/…` from the built renderer and
 * `weft://workspace/…` from the open workspace, each confined to its folder
 * (after resolving symbolic links), GET only, with the Content-Security-Policy
 * on every page. Plain fetch Request → Response, so it runs under Node in tests.
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { APP_HOST, APP_SCHEME, WORKSPACE_HOST } from '../common/appUrls.ts';
import { appContentTypeOf } from '../../engine/common/contentTypes.ts';
import { CONTENT_SECURITY_POLICY } from './security.ts';

/** Workspace files are never run as pages, whatever they contain. */
const WORKSPACE_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

export interface AppFileRoots {
  /** The built renderer (dist/renderer). */
  renderer: string;
  /** The open workspace; undefined while none is open. */
  workspace(): string | undefined;
}

/** The file a `weft://` URL names inside its root, or why it names none. */
export async function resolveAppUrl(
  url: string,
  roots: AppFileRoots,
): Promise<{ ok: true; path: string; host: string } | { ok: false; status: number }> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, status: 400 };
  }
  if (parsed.protocol !== `${APP_SCHEME}:`) return { ok: false, status: 400 };
  const root =
    parsed.hostname === APP_HOST
      ? roots.renderer
      : parsed.hostname === WORKSPACE_HOST
        ? roots.workspace()
        : undefined;
  if (!root) return { ok: false, status: 404 };

  const segments: string[] = [];
  for (const raw of parsed.pathname.split('/').filter((part) => part !== '')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { ok: false, status: 400 };
    }
    // An encoded separator or parent reference could step out of the root.
    if (
      segment === '..' ||
      segment === '.' ||
      /[\\/\0]/.test(segment) ||
      /^[A-Za-z]:/.test(segment)
    ) {
      return { ok: false, status: 403 };
    }
    segments.push(segment);
  }
  if (segments.length === 0) {
    if (parsed.hostname !== APP_HOST) return { ok: false, status: 404 };
    segments.push('index.html');
  }

  const realRoot = await realpath(root).catch(() => undefined);
  if (!realRoot) return { ok: false, status: 404 };
  const real = await realpath(resolve(realRoot, ...segments)).catch(() => undefined);
  if (!real) return { ok: false, status: 404 };
  if (!isInside(realRoot, real)) return { ok: false, status: 403 };
  return { ok: true, path: real, host: parsed.hostname };
}

export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

export function createAppFileHandler(roots: AppFileRoots): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response(null, { status: 405 });
    }
    const target = await resolveAppUrl(request.url, roots);
    if (!target.ok) return new Response(null, { status: target.status });
    const info = await stat(target.path).catch(() => undefined);
    if (!info?.isFile()) return new Response(null, { status: 404 });

    const headers = new Headers({
      'Content-Type': appContentTypeOf(target.path),
      'Content-Security-Policy': target.host === APP_HOST ? CONTENT_SECURITY_POLICY : WORKSPACE_CSP,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
      'Accept-Ranges': 'bytes',
    });
    const range = parseRange(request.headers.get('range'), info.size);
    if (range === 'invalid') {
      headers.set('Content-Range', `bytes */${info.size}`);
      return new Response(null, { status: 416, headers });
    }
    const { start, end } = range ?? { start: 0, end: info.size - 1 };
    headers.set('Content-Length', String(Math.max(0, end - start + 1)));
    if (range) headers.set('Content-Range', `bytes ${start}-${end}/${info.size}`);
    const body =
      request.method === 'HEAD' || info.size === 0
        ? null
        : (Readable.toWeb(createReadStream(target.path, { start, end })) as ReadableStream);
    return new Response(body, { status: range ? 206 : 200, headers });
  };
}

/** One `bytes=a-b` range (what media elements send when seeking); other forms read the whole file. */
export function parseRange(
  header: string | null,
  size: number,
): { start: number; end: number } | 'invalid' | undefined {
  if (!header) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  let start: number;
  let end: number;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start > end || start >= size) return 'invalid';
  return { start, end };
}
