/**
 * downloadModel against a server the test starts on 127.0.0.1 (port 0): no
 * other network. The server's behaviour is switched per test: honour Range or
 * ignore it, drop the connection midway, answer 404/500, redirect.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, rm, stat, writeFile, mkdir, mkdtemp } from 'node:fs/promises';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DownloadProgress } from './download.ts';
import { DownloadError, downloadModel } from './download.ts';

const FILE = Uint8Array.from(
  { length: 300_000 },
  (_, index) => (index * 7919 + (index >> 8)) % 251,
);
const SHA = createHash('sha256').update(FILE).digest('hex');

interface Behaviour {
  ignoreRange: boolean;
  /** Requests (counted from 0) whose body stops after this many bytes, then the socket is destroyed. */
  dropAfter: Map<number, number>;
  status?: number;
}

let temp: string;
let server: Server;
let base: string;
let behaviour: Behaviour;
let requests: { url: string; range?: string; ifRange?: string }[];

beforeEach(async () => {
  temp = await mkdtemp(join(tmpdir(), 'weft-download-'));
  behaviour = { ignoreRange: false, dropAfter: new Map() };
  requests = [];
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(temp, { recursive: true, force: true });
});

function handle(request: IncomingMessage, response: ServerResponse): void {
  const index = requests.length;
  requests.push({
    url: request.url ?? '',
    ...(request.headers.range ? { range: request.headers.range } : {}),
    ...(request.headers['if-range'] ? { ifRange: String(request.headers['if-range']) } : {}),
  });
  if (request.url === '/old/place') {
    response.writeHead(302, { location: '../models/rife.onnx' }).end();
    return;
  }
  if (request.url !== '/models/rife.onnx') {
    response.writeHead(404).end('not here');
    return;
  }
  if (behaviour.status) {
    response.writeHead(behaviour.status).end('broken');
    return;
  }
  const range = /^bytes=(\d+)-$/.exec(request.headers.range ?? '');
  let start = 0;
  if (range && !behaviour.ignoreRange) {
    start = Number(range[1]);
    if (start >= FILE.length) {
      response.writeHead(416, { 'content-range': `bytes */${FILE.length}` }).end();
      return;
    }
    response.writeHead(206, {
      'content-length': FILE.length - start,
      'content-range': `bytes ${start}-${FILE.length - 1}/${FILE.length}`,
      etag: '"v1"',
    });
  } else {
    response.writeHead(200, { 'content-length': FILE.length, etag: '"v1"' });
  }
  const body = FILE.subarray(start);
  const drop = behaviour.dropAfter.get(index);
  if (drop === undefined) {
    response.end(body);
    return;
  }
  response.write(body.subarray(0, drop), () => {
    // Let the bytes reach the client before the connection dies.
    setTimeout(() => response.socket?.destroy(), 50);
  });
}

const url = () => `${base}/models/rife.onnx`;
const destination = () => join(temp, 'interpolation', 'rife.onnx');

/** toEqual on 300 kB arrays takes seconds; the hash says the same. */
async function fileSha(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}

async function leftovers(): Promise<string[]> {
  return readdir(join(temp, 'interpolation')).catch(() => []);
}

describe('downloadModel', () => {
  it('downloads into <folder>/<kind>/, verifies the hash, reports progress, leaves no .part', async () => {
    const progress: DownloadProgress[] = [];
    const result = await downloadModel({
      url: url(),
      folder: temp,
      kind: 'interpolation',
      sha256: SHA,
      onProgress: (update) => progress.push(update),
    });
    expect(result).toEqual({
      path: destination(),
      size: FILE.length,
      sha256: SHA,
      resumedFrom: 0,
      alreadyPresent: false,
    });
    expect(await fileSha(destination())).toBe(SHA);
    expect(await leftovers()).toEqual(['rife.onnx']);
    const last = progress.at(-1)!;
    expect([last.bytes, last.total, last.resumedFrom]).toEqual([FILE.length, FILE.length, 0]);
    expect(last.rate).toBeGreaterThan(0);
    expect(requests).toEqual([{ url: '/models/rife.onnx' }]);
  });

  it('resumes an interrupted download with a Range request and ends with the right bytes', async () => {
    behaviour.dropAfter.set(0, 100_000);
    const first = await downloadModel({
      url: url(),
      folder: temp,
      kind: 'interpolation',
      sha256: SHA,
      retries: 0,
    }).catch((error: unknown) => error);
    expect(first).toBeInstanceOf(DownloadError);
    expect((first as DownloadError).code).toBe('network');
    expect((first as DownloadError).message).toContain(url());
    const kept = (await stat(`${destination()}.part`)).size;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThanOrEqual(100_000);
    await expect(stat(destination())).rejects.toThrow();

    const progress: DownloadProgress[] = [];
    const result = await downloadModel({
      url: url(),
      folder: temp,
      kind: 'interpolation',
      sha256: SHA,
      onProgress: (update) => progress.push(update),
    });
    expect(requests[1]).toEqual({
      url: '/models/rife.onnx',
      range: `bytes=${kept}-`,
      ifRange: '"v1"',
    });
    expect(result.resumedFrom).toBe(kept);
    expect(result.sha256).toBe(SHA);
    expect(progress[0]?.resumedFrom).toBe(kept);
    expect(await fileSha(destination())).toBe(SHA);
    expect(await leftovers()).toEqual(['rife.onnx']);
  });

  it('retries a broken connection by itself, with Range', async () => {
    behaviour.dropAfter.set(0, 120_000);
    behaviour.dropAfter.set(1, 50_000);
    const result = await downloadModel({
      url: url(),
      folder: temp,
      kind: 'interpolation',
      sha256: SHA,
      retryDelayMs: 0,
    });
    expect(requests).toHaveLength(3);
    expect(requests[0]?.range).toBeUndefined();
    const first = Number(/^bytes=(\d+)-$/.exec(requests[1]?.range ?? '')?.[1]);
    const second = Number(/^bytes=(\d+)-$/.exec(requests[2]?.range ?? '')?.[1]);
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(first);
    expect(result.sha256).toBe(SHA);
    expect(await fileSha(destination())).toBe(SHA);
  });

  it('restarts from zero when the server ignores Range', async () => {
    behaviour.ignoreRange = true;
    await mkdir(join(temp, 'interpolation'), { recursive: true });
    await writeFile(`${destination()}.part`, new Uint8Array(5000).fill(0x58)); // stale bytes
    await writeFile(`${destination()}.part.json`, JSON.stringify({ url: url() }));
    const result = await downloadModel({
      url: url(),
      folder: temp,
      kind: 'interpolation',
      sha256: SHA,
    });
    expect(requests).toEqual([{ url: '/models/rife.onnx', range: 'bytes=5000-' }]);
    expect(result.sha256).toBe(SHA);
    expect(await fileSha(destination())).toBe(SHA);
    expect(await leftovers()).toEqual(['rife.onnx']);
  });

  it('a .part left by another URL is not resumed', async () => {
    await mkdir(join(temp, 'interpolation'), { recursive: true });
    await writeFile(`${destination()}.part`, new Uint8Array(5000).fill(0x58));
    await writeFile(
      `${destination()}.part.json`,
      JSON.stringify({ url: `${base}/elsewhere.onnx` }),
    );
    const result = await downloadModel({ url: url(), folder: temp, kind: 'interpolation' });
    expect(requests).toEqual([{ url: '/models/rife.onnx' }]);
    expect(result.sha256).toBe(SHA);
  });

  it('a complete .part (the server answers 416) is verified and placed without a body', async () => {
    await mkdir(join(temp, 'interpolation'), { recursive: true });
    await writeFile(`${destination()}.part`, FILE);
    await writeFile(`${destination()}.part.json`, JSON.stringify({ url: url() }));
    const result = await downloadModel({
      url: url(),
      folder: temp,
      kind: 'interpolation',
      sha256: SHA,
    });
    expect(requests).toEqual([{ url: '/models/rife.onnx', range: `bytes=${FILE.length}-` }]);
    expect(result).toMatchObject({ sha256: SHA, size: FILE.length, resumedFrom: FILE.length });
    expect(await leftovers()).toEqual(['rife.onnx']);
  });

  it('refuses a wrong hash, shows both, and leaves nothing behind', async () => {
    const wrong = 'ab'.repeat(32);
    const error = await downloadModel({
      url: url(),
      folder: temp,
      kind: 'interpolation',
      sha256: wrong,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DownloadError);
    expect((error as DownloadError).code).toBe('hash-mismatch');
    expect((error as Error).message).toBe(
      `The file from ${url()} is not the one expected: its sha256 is ${SHA}, but ${wrong} was expected. It was deleted; nothing was saved. Check the hash and the address.`,
    );
    expect(await leftovers()).toEqual([]);
  });

  it('a 404 names the URL and leaves nothing behind', async () => {
    const missing = `${base}/models/nothing.onnx`;
    const error = await downloadModel({ url: missing, folder: temp, kind: 'interpolation' }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(DownloadError);
    expect((error as DownloadError).options.status).toBe(404);
    expect((error as Error).message).toBe(
      `${missing} does not exist on 127.0.0.1:${new URL(base).port} (HTTP 404). Check the address.`,
    );
    expect(await leftovers()).toEqual([]);
  });

  it('a 500 is retried, then reported with the URL', async () => {
    behaviour.status = 500;
    const error = await downloadModel({
      url: url(),
      folder: temp,
      kind: 'interpolation',
      retries: 2,
      retryDelayMs: 0,
    }).catch((caught: unknown) => caught);
    expect(requests).toHaveLength(3);
    expect((error as Error).message).toContain(`failed to send ${url()} (HTTP 500)`);
  });

  it('a refused connection names the URL', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const target = `http://127.0.0.1:${port}/model.onnx`;
    const error = await downloadModel({
      url: target,
      folder: temp,
      kind: 'onnx',
      retries: 0,
    }).catch((caught: unknown) => caught);
    expect((error as Error).message).toBe(
      `Could not download ${target}: 127.0.0.1:${port} refused the connection.`,
    );
  });

  it('follows redirects, relative ones too', async () => {
    const result = await downloadModel({
      url: `${base}/old/place`,
      folder: temp,
      kind: 'interpolation',
      name: 'rife-v4.onnx',
      sha256: SHA,
    });
    expect(requests.map((request) => request.url)).toEqual(['/old/place', '/models/rife.onnx']);
    expect(result.path).toBe(join(temp, 'interpolation', 'rife-v4.onnx'));
  });

  it('never overwrites: an existing file is an error, unless it is already the wanted file', async () => {
    await mkdir(join(temp, 'interpolation'), { recursive: true });
    await writeFile(destination(), 'an older model');
    const error = await downloadModel({ url: url(), folder: temp, kind: 'interpolation' }).catch(
      (caught: unknown) => caught,
    );
    expect((error as DownloadError).code).toBe('exists');
    expect((error as Error).message).toContain(`${destination()} already exists`);
    expect(await readFile(destination(), 'utf8')).toBe('an older model');
    expect(requests).toEqual([]);

    await writeFile(destination(), FILE);
    const present = await downloadModel({
      url: url(),
      folder: temp,
      kind: 'interpolation',
      sha256: SHA,
    });
    expect(present.alreadyPresent).toBe(true);
    expect(requests).toEqual([]);
  });

  it('names may hold subfolders but never leave the kind folder', async () => {
    const result = await downloadModel({
      url: url(),
      folder: temp,
      kind: 'diffusion',
      name: 'sd-turbo/unet/model.onnx',
    });
    expect(result.path).toBe(join(temp, 'diffusion', 'sd-turbo', 'unet', 'model.onnx'));
    for (const name of ['../escape.onnx', '/abs.onnx', 'a/../../b.onnx', '.hidden.onnx'])
      await expect(
        downloadModel({ url: url(), folder: temp, kind: 'onnx', name }),
      ).rejects.toMatchObject({ code: 'bad-name' });
  });

  it('cancelling keeps the .part so the next run resumes', async () => {
    behaviour.dropAfter.set(0, 150_000); // the rest never comes: cancel while waiting
    const controller = new AbortController();
    const error = await downloadModel({
      url: url(),
      folder: temp,
      kind: 'interpolation',
      signal: controller.signal,
      progressIntervalMs: 0,
      onProgress: (update) => {
        if (update.bytes >= 100_000) controller.abort();
      },
    }).catch((caught: unknown) => caught);
    expect((error as DownloadError).code).toBe('cancelled');
    expect((await stat(`${destination()}.part`)).size).toBeGreaterThanOrEqual(100_000);
    const result = await downloadModel({
      url: url(),
      folder: temp,
      kind: 'interpolation',
      sha256: SHA,
    });
    expect(result.resumedFrom).toBeGreaterThanOrEqual(100_000);
  });
});
