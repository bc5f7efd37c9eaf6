/**
 * Which Host and Origin headers this server answers. Bound to loopback, it
 * answers only loopback names (a DNS-rebinding page, addressed by its own
 * name, gets 403). Bound elsewhere, any name the machine is reached by is
 * fine. A WebSocket must come from a page of this server: its Origin must
 * be http://<the Host it addressed>; a socket without Origin is not from a
 * browser page and still needs the token.
 */
import { isIP } from 'node:net';

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export function isLoopback(host: string): boolean {
  return LOOPBACK_NAMES.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]';
}

/** "host:port" for URLs: IPv6 literals in brackets. */
export function hostPort(host: string, port: number): string {
  return isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`;
}

/** The Host header when this server should answer it, else undefined. */
export function acceptedHost(
  header: string | undefined,
  boundHost: string,
  port: number,
): string | undefined {
  if (!header || !/^[A-Za-z0-9.\-:[\]]+$/.test(header)) return undefined;
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(header);
  if (!match) return undefined;
  const [, name = '', portText] = match;
  if (portText !== undefined && Number(portText) !== port) return undefined;
  if (portText === undefined && port !== 80) return undefined;
  if (isLoopback(boundHost) && !isLoopback(name.toLowerCase())) return undefined;
  return header.toLowerCase();
}

export function originAllowed(origin: string | undefined, host: string): boolean {
  return origin === undefined || origin.toLowerCase() === `http://${host}`;
}
