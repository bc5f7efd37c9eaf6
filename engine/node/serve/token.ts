/**
 * The server's token: 32 random bytes in hex unless the user gives one.
 * A request proves it knows the token by `?token=`, `Authorization: Bearer`
 * or the HttpOnly cookie set when the printed URL is opened. Tokens are
 * compared in constant time (hashes of equal length, timingSafeEqual).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { dirname } from 'node:path';

export function generateToken(): string {
  return randomBytes(32).toString('hex');
}

export function tokensMatch(given: string | undefined, token: string): boolean {
  if (given === undefined || given === '') return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(token).digest();
  return timingSafeEqual(a, b);
}

/** Cookies are not kept apart by port, so two servers on one machine need two names. */
export function cookieName(port: number): string {
  return `weft-token-${port}`;
}

export function tokenCookie(port: number, token: string): string {
  return `${cookieName(port)}=${token}; Path=/; HttpOnly; SameSite=Strict`;
}

export type TokenSource = 'query' | 'header' | 'cookie';

/** How the request proved it knows the token, or undefined when it did not. */
export function authorize(
  request: IncomingMessage,
  url: URL,
  token: string,
  port: number,
): TokenSource | undefined {
  if (tokensMatch(url.searchParams.get('token') ?? undefined, token)) return 'query';
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  if (tokensMatch(bearer, token)) return 'header';
  if (tokensMatch(readCookie(request.headers.cookie, cookieName(port)), token)) return 'cookie';
  return undefined;
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const equals = part.indexOf('=');
    if (equals > 0 && part.slice(0, equals).trim() === name) return part.slice(equals + 1).trim();
  }
  return undefined;
}

/**
 * The token kept in `file` (created with owner-only permissions on first
 * use), so a restarted server keeps it: an open editor then reconnects on its
 * own instead of losing its page. Deleting the file makes a new one.
 */
export async function persistentToken(file: string): Promise<string> {
  try {
    const saved = (await readFile(file, 'utf8')).trim();
    if (/^[0-9a-f]{64}$/.test(saved)) return saved;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const token = generateToken();
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${token}\n`, { mode: 0o600 });
  await rename(temporary, file);
  return token;
}
