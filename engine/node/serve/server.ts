/**
 * `weft serve`'s server: node:http for the built editor and workspace files,
 * `ws` for the protocol (upgrade on /api/ws only). Every request and socket
 * needs the token (token.ts); opening the printed URL sets an HttpOnly
 * cookie and redirects to the same page without the token, so the token
 * does not stay in the address bar or the history.
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { WebSocket } from 'ws';
import { WebSocketServer } from 'ws';
import type { ProtocolHandler } from '../protocol/handler.ts';
import { Workspace } from '../protocol/workspace.ts';
import { FILE_ROUTE, serveWorkspaceFile } from './fileRoute.ts';
import { BASE_HEADERS, MESSAGE_PAGE_POLICY, pageSecurityPolicy } from './headers.ts';
import { acceptedHost, hostPort, isWildcard, originAllowed } from './hosts.ts';
import { messagePage } from './pages.ts';
import { serveSocket } from './socket.ts';
import { serveStatic } from './staticFiles.ts';
import { authorize, generateToken, tokenCookie } from './token.ts';

export const SOCKET_PATH = '/api/ws';
export const DEFAULT_PORT = 7860;
/** Room for the largest upload the protocol allows (256 MiB of base64) and its envelope. */
const MAX_MESSAGE_BYTES = 260 * 1024 * 1024;

export interface ServeOptions {
  handler: ProtocolHandler;
  /** The folder the file route serves (the handler's workspace). */
  workspace: string;
  /** The built editor: dist/renderer. */
  rendererDir: string;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 7860; 0 picks a free port. */
  port?: number;
  /** Default: 32 random bytes in hex. */
  token?: string;
  onWarning?: (message: string) => void;
}

export interface WeftServer {
  /** The address to open, with the token: http://127.0.0.1:7860/?token=… */
  url: string;
  /** The same without the token. */
  origin: string;
  host: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export async function startServer(options: ServeOptions): Promise<WeftServer> {
  const boundHost = options.host ?? '127.0.0.1';
  const token = options.token ?? generateToken();
  const workspace = await Workspace.open(options.workspace);
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  let port = 0;

  const server = createServer((request, response) => {
    void answer(request, response).catch((error: unknown) => {
      options.onWarning?.(`serve: ${(error as Error).message}`);
      if (!response.headersSent) response.writeHead(500, BASE_HEADERS);
      response.end();
    });
  });

  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const host = acceptedHost(request.headers.host, boundHost, port);
    if (host === undefined) {
      send(
        response,
        403,
        BASE_HEADERS,
        messagePage('Wrong address', 'Open the address that weft serve printed.'),
      );
      return;
    }
    const url = new URL(request.url ?? '/', `http://${host}`);
    const headers: OutgoingHttpHeaders = { ...BASE_HEADERS };
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(
        response,
        405,
        { ...headers, Allow: 'GET, HEAD' },
        messagePage(
          'Not allowed',
          'This server only serves files; the editor talks to it over its socket.',
        ),
      );
      return;
    }
    const source = authorize(request, url, token, port);
    if (source === undefined) {
      send(
        response,
        401,
        headers,
        messagePage(
          'This editor needs its token',
          'Open the full address that weft serve printed when it started (it ends with ?token=…). A server started with another --token needs that address instead.',
        ),
      );
      return;
    }
    if (url.pathname.startsWith(FILE_ROUTE)) {
      await serveWorkspaceFile(workspace, url.pathname, request, response, headers);
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      send(response, 404, headers, messagePage('Not found', 'There is nothing at this address.'));
      return;
    }
    if (source === 'query') {
      // Keep the token in an HttpOnly cookie and drop it from the address bar.
      url.searchParams.delete('token');
      response
        .writeHead(302, {
          ...headers,
          'Set-Cookie': tokenCookie(port, token),
          'Cache-Control': 'no-store',
          Location: `${url.pathname}${url.search}`,
        })
        .end();
      return;
    }
    const pageHeaders = { ...headers, 'Content-Security-Policy': pageSecurityPolicy(host) };
    if (!existsSync(join(options.rendererDir, 'index.html'))) {
      send(
        response,
        503,
        pageHeaders,
        messagePage(
          'The editor is not built',
          'Run "npm run build:renderer" in the Weft folder, or start weft serve without --no-build.',
        ),
      );
      return;
    }
    if (await serveStatic(options.rendererDir, url.pathname, request, response, pageHeaders))
      return;
    // Browsers ask for it on their own; an editor without one is not an error.
    if (url.pathname === '/favicon.ico') response.writeHead(204, headers).end();
    else
      send(
        response,
        404,
        pageHeaders,
        messagePage('Not found', 'There is nothing at this address.'),
      );
  }

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refuse = (status: string) => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    const host = acceptedHost(request.headers.host, boundHost, port);
    if (host === undefined) return refuse('403 Forbidden');
    const url = new URL(request.url ?? '/', `http://${host}`);
    if (url.pathname !== SOCKET_PATH) return refuse('404 Not Found');
    // A page of another site must not open a socket here, token or not.
    if (!originAllowed(request.headers.origin, host)) return refuse('403 Forbidden');
    if (authorize(request, url, token, port) === undefined) return refuse('401 Unauthorized');
    sockets.handleUpgrade(request, socket, head, (ws) => serveSocket(ws, options.handler));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, boundHost, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const shownHost = isWildcard(boundHost) ? '127.0.0.1' : boundHost;
  const origin = `http://${hostPort(shownHost, port)}`;

  return {
    url: `${origin}/?token=${token}`,
    origin,
    host: boundHost,
    port,
    token,
    async close() {
      await Promise.all([...sockets.clients].map((client) => closeSocket(client)));
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

function send(
  response: ServerResponse,
  status: number,
  headers: OutgoingHttpHeaders,
  html: string,
): void {
  response
    .writeHead(status, {
      ...headers,
      'Content-Security-Policy': MESSAGE_PAGE_POLICY,
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
    })
    .end(html);
}

/** A clean close (clients see 1001 "going away"), cut short when a client does not answer. */
function closeSocket(client: WebSocket): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => client.terminate(), 1000);
    client.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    client.close(1001, 'The server is stopping.');
  });
}
