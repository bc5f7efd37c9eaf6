/**
 * The WebSocket transport of `weft serve`: JSON text frames to /api/ws,
 * reconnecting with backoff (0.25 s doubling up to 4 s, for as long as it
 * takes) when the connection drops, so a restarted server is picked up
 * again. The state goes connecting → open → reconnecting → open …, and
 * closed only when the editor closes it.
 *
 * Works with the browser's WebSocket and, in Node tests, with `ws`'s:
 * only the members both share are used.
 */
import type { HostMessage, Request } from '../../engine/common/protocol/messages.ts';
import type { ConnectionState, Transport } from './types.ts';

/** The part of a WebSocket this transport uses (the browser's and `ws`'s both fit). */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'close' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}
export type WebSocketConstructor = new (url: string) => WebSocketLike;

export interface WsTransportOptions {
  /** The socket's address, e.g. ws://127.0.0.1:7860/api/ws. */
  url: string;
  /** Sent as ?token= on the socket and on file URLs (the page's cookie serves otherwise). */
  token?: string;
  /** Default: the global WebSocket. */
  WebSocketImpl?: WebSocketConstructor;
  /** Waits between tries; the last repeats. */
  backoffMs?: readonly number[];
}

const OPEN = 1;
const DEFAULT_BACKOFF = [250, 500, 1000, 2000, 4000];

export function createWsTransport(options: WsTransportOptions): Transport {
  const Impl =
    options.WebSocketImpl ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  if (!Impl) throw new Error('This browser has no WebSocket; Weft needs a current browser.');
  const backoff = options.backoffMs ?? DEFAULT_BACKOFF;
  const socketUrl = withToken(options.url, options.token);
  const messageListeners = new Set<(message: HostMessage) => void>();
  const stateListeners = new Set<(state: ConnectionState) => void>();
  let state: ConnectionState = 'connecting';
  let socket: WebSocketLike | undefined;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const setState = (next: ConnectionState) => {
    if (next === state) return;
    state = next;
    for (const listener of stateListeners) listener(next);
  };

  const connect = () => {
    timer = undefined;
    const current = new Impl(socketUrl);
    socket = current;
    current.addEventListener('open', () => {
      if (socket !== current) return;
      attempt = 0;
      setState('open');
    });
    current.addEventListener('message', (event) => {
      if (socket !== current || typeof event.data !== 'string') return;
      const message = parseHostMessage(event.data);
      if (message) for (const listener of messageListeners) listener(message);
    });
    // 'error' is always followed by 'close'; the retry is planned there.
    current.addEventListener('error', () => {});
    current.addEventListener('close', () => {
      if (socket !== current || state === 'closed') return;
      socket = undefined;
      setState('reconnecting');
      const wait = backoff[Math.min(attempt, backoff.length - 1)] ?? 1000;
      attempt++;
      timer = setTimeout(connect, wait);
    });
  };
  connect();

  return {
    send(request: Request) {
      if (socket?.readyState !== OPEN)
        throw new Error('The connection to the engine is not open; the request was not sent.');
      socket.send(JSON.stringify(request));
    },
    onMessage(listener) {
      messageListeners.add(listener);
      return () => void messageListeners.delete(listener);
    },
    onState(listener) {
      stateListeners.add(listener);
      return () => void stateListeners.delete(listener);
    },
    get state() {
      return state;
    },
    fileUrl(path: string) {
      const base = new URL(options.url);
      const scheme = base.protocol === 'wss:' ? 'https:' : 'http:';
      const encoded = path.split('/').map(encodeURIComponent).join('/');
      return withToken(`${scheme}//${base.host}/api/files/${encoded}`, options.token);
    },
    close() {
      if (timer !== undefined) clearTimeout(timer);
      const current = socket;
      socket = undefined;
      setState('closed');
      current?.close(1000, 'The editor closed.');
    },
  };
}

function withToken(url: string, token: string | undefined): string {
  if (!token) return url;
  const parsed = new URL(url);
  parsed.searchParams.set('token', token);
  return parsed.toString();
}

/** A frame from the host, or undefined when it is not one (ignored rather than trusted). */
function parseHostMessage(text: string): HostMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const message = value as Record<string, unknown>;
  if (typeof message.push === 'string') return value as HostMessage;
  if (typeof message.id === 'number' && typeof message.ok === 'boolean')
    return value as HostMessage;
  return undefined;
}
