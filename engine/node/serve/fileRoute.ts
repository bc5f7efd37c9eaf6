/**
 * `GET /api/files/<workspace path>`: a workspace file for <img>, <audio> and
 * <video> (EngineClient.fileUrl). The path is percent-decoded segment by
 * segment and confined exactly like the protocol's files.* operations.
 */
import { open } from 'node:fs/promises';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { contentTypeOf } from '../protocol/fileTypes.ts';
import { ProtocolFailure } from '../protocol/failure.ts';
import type { Workspace } from '../protocol/workspace.ts';
import { FILE_SECURITY_POLICY } from './headers.ts';
import { sendFile } from './sendFile.ts';
import { decodeSegments } from './staticFiles.ts';

export const FILE_ROUTE = '/api/files/';

export async function serveWorkspaceFile(
  workspace: Workspace,
  pathname: string,
  request: IncomingMessage,
  response: ServerResponse,
  headers: OutgoingHttpHeaders,
): Promise<void> {
  const text = (status: number, message: string): void => {
    response
      .writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' })
      .end(`${message}\n`);
  };
  const segments = decodeSegments(pathname.slice(FILE_ROUTE.length));
  if (segments === undefined || segments.length === 0)
    return text(403, 'That path is outside the workspace folder.');
  let real: string;
  try {
    real = await workspace.resolveExisting(segments.join('/'));
  } catch (error) {
    if (!(error instanceof ProtocolFailure)) throw error;
    return text(error.error.code === 'NOT_FOUND' ? 404 : 403, error.error.message);
  }
  const handle = await open(real, 'r').catch(() => undefined);
  if (!handle) return text(404, 'That file could not be opened.');
  if (!(await handle.stat()).isFile()) {
    await handle.close();
    return text(404, 'That is a folder, not a file.');
  }
  await sendFile(request, response, handle, {
    ...headers,
    'Content-Type': contentTypeOf(real),
    'Content-Security-Policy': FILE_SECURITY_POLICY,
    'Cache-Control': 'no-cache',
  });
}
