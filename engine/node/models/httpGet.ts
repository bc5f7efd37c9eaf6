/**
 * One GET with node:http/https that follows redirects (301/302/303/307/308,
 * relative Locations too) and gives back the final response unread. Errors
 * name the URL and say what to do; `retryable` tells the downloader whether
 * trying again can help.
 */
import type { IncomingMessage } from 'node:http';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export class DownloadError extends Error {
  override readonly name = 'DownloadError';
  constructor(
    message: string,
    readonly code: 'http' | 'network' | 'hash-mismatch' | 'exists' | 'bad-name' | 'cancelled',
    readonly url: string,
    readonly options: { status?: number; retryable?: boolean; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
  }

  get retryable(): boolean {
    return this.options.retryable === true;
  }
}

export interface GetOptions {
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** A connection that sends nothing for this long is given up (and retried). */
  idleTimeoutMs: number;
  maxRedirects: number;
}

export interface Response {
  message: IncomingMessage;
  /** The URL that answered, after redirects. */
  url: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export async function httpGet(url: string, options: GetOptions): Promise<Response> {
  let current = url;
  for (let hop = 0; hop <= options.maxRedirects; hop++) {
    const message = await requestOnce(current, url, options);
    const location = message.headers.location;
    if (!REDIRECTS.has(message.statusCode ?? 0) || !location) return { message, url: current };
    message.resume();
    current = new URL(location, current).href;
  }
  throw new DownloadError(
    `${url} redirects more than ${options.maxRedirects} times; the address is probably wrong.`,
    'http',
    url,
  );
}

function requestOnce(url: string, original: string, options: GetOptions): Promise<IncomingMessage> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return Promise.reject(new DownloadError(`"${url}" is not a web address.`, 'http', original));
  }
  const request =
    parsed.protocol === 'https:'
      ? httpsRequest
      : parsed.protocol === 'http:'
        ? httpRequest
        : undefined;
  if (!request)
    return Promise.reject(
      new DownloadError(
        `${url}: only http:// and https:// addresses can be downloaded.`,
        'http',
        original,
      ),
    );
  return new Promise((resolve, reject) => {
    const outgoing = request(
      parsed,
      {
        method: 'GET',
        headers: { 'user-agent': 'weft', ...options.headers },
        ...(options.signal ? { signal: options.signal } : {}),
      },
      resolve,
    );
    outgoing.setTimeout(options.idleTimeoutMs, () =>
      outgoing.destroy(
        new DownloadError(
          `${original}: the server sent nothing for ${Math.round(options.idleTimeoutMs / 1000)} s.`,
          'network',
          original,
          { retryable: true },
        ),
      ),
    );
    outgoing.on('error', (error) => reject(networkError(error, original, options.signal)));
    outgoing.end();
  });
}

/** Node's socket errors, reworded for a person; cancellation stays cancellation. */
export function networkError(error: unknown, url: string, signal?: AbortSignal): DownloadError {
  if (error instanceof DownloadError) return error;
  if (signal?.aborted)
    return new DownloadError(`The download of ${url} was cancelled.`, 'cancelled', url);
  const code = (error as NodeJS.ErrnoException).code;
  const host = hostOf(url);
  const why =
    code === 'ENOTFOUND' || code === 'EAI_AGAIN'
      ? `the computer could not find ${host}; check the address and the network connection`
      : code === 'ECONNREFUSED'
        ? `${host} refused the connection`
        : code === 'ECONNRESET' || (error as Error).message === 'aborted'
          ? `the connection to ${host} broke`
          : code === 'ETIMEDOUT'
            ? `${host} did not answer in time`
            : `${(error as Error).message}${code ? ` (${code})` : ''}`;
  return new DownloadError(`Could not download ${url}: ${why}.`, 'network', url, {
    retryable: true,
    cause: error,
  });
}

/** An error for a final (non-redirect) status that is not a success. */
export function statusError(status: number, url: string): DownloadError {
  const host = hostOf(url);
  if (status === 404 || status === 410)
    return new DownloadError(
      `${url} does not exist on ${host} (HTTP ${status}). Check the address.`,
      'http',
      url,
      { status },
    );
  if (status === 401 || status === 403)
    return new DownloadError(
      `${host} refused access to ${url} (HTTP ${status}). The model may need you to sign in or accept its licence on the website first.`,
      'http',
      url,
      { status },
    );
  if (status === 429 || status >= 500)
    return new DownloadError(
      `${host} failed to send ${url} (HTTP ${status}). Try again later; what was downloaded so far is kept and resumes.`,
      'http',
      url,
      { status, retryable: true },
    );
  return new DownloadError(
    `${host} answered HTTP ${status} for ${url}; it did not send the file.`,
    'http',
    url,
    { status },
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
