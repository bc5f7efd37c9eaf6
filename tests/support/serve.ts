/**
 * A real `weft serve` server (real handler, real HTTP and WebSocket) over a
 * temp workspace, with a small stand-in for the built editor, and a raw
 * HTTP helper that sends paths exactly as written (fetch would normalize
 * "..") and any Host header.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import type { WeftServer } from '../../engine/node/serve/server.ts';
import { startServer } from '../../engine/node/serve/server.ts';
import type { TestHost } from '../../engine/node/testing/protocolHost.ts';
import { openTestHost } from '../../engine/node/testing/protocolHost.ts';

export interface ServedHost {
  host: TestHost;
  server: WeftServer;
  rendererDir: string;
  /** Starts the server again on the same port and token (after server.close()). */
  restart(): Promise<WeftServer>;
  cleanup(): Promise<void>;
}

export const INDEX_HTML =
  '<!doctype html><title>Weft test editor</title><script type="module" src="./assets/app.js"></script>\n';

export async function serveTestHost(): Promise<ServedHost> {
  const host = await openTestHost();
  const rendererDir = join(host.home, 'renderer-build');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), INDEX_HTML);
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log("editor");\n');
  await writeFile(join(rendererDir, '.weft-build-stamp'), 'stamp\n');
  let server = await startServer({
    handler: host.handler,
    workspace: host.workspace,
    rendererDir,
    port: 0,
  });
  const served: ServedHost = {
    host,
    server,
    rendererDir,
    async restart() {
      server = await startServer({
        handler: host.handler,
        workspace: host.workspace,
        rendererDir,
        port: served.server.port,
        token: served.server.token,
      });
      served.server = server;
      return server;
    },
    async cleanup() {
      await server.close();
      await host.cleanup();
    },
  };
  return served;
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** GET (or another method) with the path sent verbatim. */
export function rawGet(
  port: number,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: '127.0.0.1', port, path, method, headers: { host: `127.0.0.1:${port}`, ...headers } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks),
          }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end();
  });
}
