/**
 * The headers every response carries, and the Content-Security-Policy of the
 * editor's pages: scripts and styles from this server only, images and media
 * from here or data:/blob: URLs, and sockets back to this server.
 */
import type { OutgoingHttpHeaders } from 'node:http';

export const BASE_HEADERS: OutgoingHttpHeaders = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** For the editor's own files; `host` is "host:port" as the browser addressed this server. */
export function pageSecurityPolicy(host: string): string {
  return [
    "default-src 'self'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    `connect-src 'self' ws://${host}`,
    "style-src 'self' 'unsafe-inline'",
    "script-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');
}

/** Workspace files are data, never a page: a stray HTML or SVG cannot run script here. */
export const FILE_SECURITY_POLICY = "default-src 'none'; sandbox";

/** The server's own message pages (401, 404, not built): text and an inline style, nothing else. */
export const MESSAGE_PAGE_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";
