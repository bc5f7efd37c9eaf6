/**
 * `weft models …` in-process, with WEFT_HOME in a temp folder, the bundled
 * fixtures left out (WEFT_BUNDLED_MODELS=""), and downloads from a server
 * on 127.0.0.1.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { put, RIFE_IO, tinyModel, writeTinyPipeline } from '../../engine/node/models/testModels.ts';
import { runCli } from '../main.ts';

let home: string;
let models: string;

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'weft-models-cli-'));
  models = join(home, 'models');
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

async function weft(args: string[], options: { isTty?: boolean } = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    isTty: options.isTty ?? false,
    columns: 100,
    cwd: home,
    env: { ...process.env, WEFT_HOME: home, WEFT_BUNDLED_MODELS: '' },
    signal: new AbortController().signal,
  });
  return { code, stdout, stderr };
}

const RIFE = tinyModel(...RIFE_IO);
const sha = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

describe('weft models list', () => {
  it('shows kind, name, family, size and where, from the library and the search paths', async () => {
    const shared = join(home, 'shared');
    await put(models, 'interpolation/rife.onnx', RIFE);
    await writeTinyPipeline(join(models, 'diffusion', 'tiny-sd'));
    await put(
      shared,
      'depth/midas.onnx',
      tinyModel([['input', 'float32', [1, 3, 8, 8]]], [['depth', 'float32', [1, 8, 8]]]),
    );
    await writeFile(
      join(home, 'config.json'),
      JSON.stringify({ models: { searchPaths: ['shared'] } }),
    );

    const result = await weft(['models', 'list']);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^KIND\s+NAME\s+FAMILY\s+SIZE\s+WHERE$/);
    expect(lines[1]).toMatch(/^diffusion\s+tiny-sd\s+Stable Diffusion \(sd1\)\s+\d+ B\s+library$/);
    expect(lines[2]).toMatch(/^interpolation\s+rife\s+RIFE \(vs-mlrt-7\)\s+\d+ B\s+library$/);
    expect(lines[3]).toMatch(
      new RegExp(`^depth\\s+midas\\s+MiDaS/DPT depth\\s+\\d+ B\\s+search path ${shared}$`),
    );
    expect(result.stdout).toContain(`Library folder: ${models}\n`);

    const json = await weft(['models', 'list', '--kind', 'interpolation', '--json']);
    const entries = JSON.parse(json.stdout) as {
      name: string;
      family: string;
      sha256: string;
      path: string;
    }[];
    expect(entries.map((entry) => [entry.name, entry.family, entry.sha256])).toEqual([
      ['rife', 'rife', sha(RIFE)],
    ]);
    expect(entries[0]?.path).toBe(join(models, 'interpolation', 'rife.onnx'));
  });

  it('says where to put models when there are none; a bad config.json is a usage error', async () => {
    const empty = await weft(['models', 'list']);
    expect(empty.stdout).toBe(
      `No models yet. Put them in ${models}/<kind>/ or download one: weft models download URL --kind KIND\n`,
    );
    await writeFile(join(home, 'config.json'), '{ "models": { "searchPaths": "not a list" } }');
    const broken = await weft(['models', 'list']);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain(`${join(home, 'config.json')}: models.searchPaths:`);
  });

  it('lists problems under the table', async () => {
    await put(models, 'onnx/broken.onnx', 'not a model');
    const result = await weft(['models', 'list']);
    expect(result.stdout).toContain(
      '✖ onnx/broken: broken.onnx could not be read as an ONNX model',
    );
  });
});

describe('weft models inspect', () => {
  it('prints the I/O table, metadata and the recognised family', async () => {
    const path = join(home, 'rife.onnx');
    const bytes = tinyModel(...RIFE_IO, { 'weft.fixture': 'tiny' });
    await writeFile(path, bytes);
    const result = await weft(['models', 'inspect', 'rife.onnx']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `${path}\n  RIFE (vs-mlrt-7) · interpolation · ${bytes.length} B\n`,
    );
    expect(result.stdout).toMatch(
      / {7}NAME {4}DTYPE {4}SHAPE\n {2}in {3}input {3}float32 {2}\[1, 7, h, w\]\n {2}out {2}output {2}float32 {2}\[1, 3, h, w\]\n/,
    );
    expect(result.stdout).toContain('metadata\n  weft.fixture: tiny\n');
    expect(result.stdout).toContain('  channels: 7\n');

    const json = JSON.parse((await weft(['models', 'inspect', path, '--json'])).stdout) as {
      family: string;
      kind: string;
      io: { model: { inputs: unknown[] } };
    };
    expect(json.family).toBe('rife');
    expect(json.kind).toBe('interpolation');
    expect(json.io.model.inputs).toEqual([
      { name: 'input', dtype: 'float32', shape: [1, 7, 'h', 'w'] },
    ]);
  });

  it('inspects a pipeline folder component by component, and library models by KIND/NAME', async () => {
    await writeTinyPipeline(join(models, 'diffusion', 'tiny-sd'));
    const result = await weft(['models', 'inspect', 'diffusion/tiny-sd']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/\n {2}Stable Diffusion \(sd1\) · diffusion · \d+ B\n/);
    expect(result.stdout).toMatch(/\nunet: opset 17/);
    expect(result.stdout).toMatch(/\ntext_encoder: opset 17/);
    expect(result.stdout).toContain('  scalingFactorSource: vae_decoder/config.json\n');
    expect(result.stdout).toContain(
      'i There is no vae_encoder: text-to-image works, image-to-image does not.\n',
    );
  });

  it('a path that is not there is a usage error', async () => {
    const result = await weft(['models', 'inspect', 'nothing.onnx']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `weft: There is no file or folder at ${join(home, 'nothing.onnx')}, and no library model called "nothing.onnx".\n`,
    );
  });
});

describe('weft models verify', () => {
  it('exits 1 when a file changed under the same size and time', async () => {
    await put(models, 'interpolation/rife.onnx', RIFE);
    const file = join(models, 'interpolation', 'rife.onnx');
    const time = new Date(Math.floor(Date.now() / 1000) * 1000);
    await utimes(file, time, time);
    const first = await weft(['models', 'verify']);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(
      `• interpolation/rife: seen for the first time; its sha256 is now recorded (${sha(RIFE)})\n`,
    );
    expect((await weft(['models', 'verify'])).stdout).toBe('✓ interpolation/rife\n');

    const damaged = Buffer.from(RIFE);
    damaged.writeUInt8(damaged.readUInt8(10) ^ 1, 10);
    await writeFile(file, damaged);
    await utimes(file, time, time);
    const result = await weft(['models', 'verify']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      `✖ interpolation/rife: ${file} changed since it was recorded (sha256 was ${sha(RIFE)}, is ${sha(damaged)}). It may be damaged: download it again.\n`,
    );
  });

  it("checks a graph's models list: missing ones say how to download them, wrong hashes fail", async () => {
    await put(models, 'interpolation/rife.onnx', RIFE);
    const graph = (requirements: object[]) =>
      writeFile(
        join(home, 'g.weft.json'),
        JSON.stringify({ format: 'weft/graph', version: 1, nodes: {}, models: requirements }),
      );
    await graph([{ name: 'rife', kind: 'interpolation', sha256: sha(RIFE), size: RIFE.length }]);
    const good = await weft(['models', 'verify', 'g.weft.json']);
    expect(good.stdout).toBe(
      `• interpolation/rife: seen for the first time; its sha256 is now recorded (${sha(RIFE)})\n✓ g.weft.json: interpolation/rife\n`,
    );
    expect(good.code).toBe(0);

    await graph([
      { name: 'rife', kind: 'interpolation', sha256: 'f'.repeat(64) },
      {
        name: 'film',
        kind: 'interpolation',
        url: 'https://example.com/film.onnx',
        sha256: 'a'.repeat(64),
      },
    ]);
    const bad = await weft(['models', 'verify', 'g.weft.json']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(
      `✖ g.weft.json: interpolation/rife: ${join(models, 'interpolation', 'rife.onnx')} has sha256 ${sha(RIFE)}, but the graph was made with ${'f'.repeat(64)}.\n`,
    );
    expect(bad.stdout).toContain(
      `✖ g.weft.json: interpolation/film is not in the library. Get it with: weft models download https://example.com/film.onnx --kind interpolation --name film --sha256 ${'a'.repeat(64)}\n`,
    );
  });
});

describe('weft models download', () => {
  let server: Server;
  let base: string;
  beforeEach(async () => {
    server = createServer((request, response) => {
      if (request.url !== '/files/model.onnx') {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { 'content-length': RIFE.length }).end(RIFE);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('saves into the kind folder under --name (the extension added), prints the path and what it is', async () => {
    const result = await weft([
      'models',
      'download',
      `${base}/files/model.onnx`,
      '--kind',
      'interpolation',
      '--name',
      'rife-v4.6',
      '--sha256',
      sha(RIFE),
    ]);
    const path = join(models, 'interpolation', 'rife-v4.6.onnx');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${path}\n`);
    expect(sha(await readFile(path))).toBe(sha(RIFE));
    expect(result.stderr).toContain(`Downloading ${base}/files/model.onnx\n`);
    expect(result.stderr).toContain(`  100%  ${RIFE.length} B / ${RIFE.length} B`);
    expect(result.stderr).toContain(`  sha256 ${sha(RIFE)} (verified)\n`);
    expect(result.stderr).toContain('  recognised as RIFE (vs-mlrt-7)\n');
    const listed = await weft(['models', 'list', '--json']);
    expect((JSON.parse(listed.stdout) as { name: string }[]).map((entry) => entry.name)).toEqual([
      'rife-v4.6',
    ]);
  });

  it('draws a bar on a terminal', async () => {
    const result = await weft(['models', 'download', `${base}/files/model.onnx`], { isTty: true });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('\r\u001b[2K[██████████████████████████████] 100% ');
    expect(result.stdout).toBe(`${join(models, 'onnx', 'model.onnx')}\n`);
  });

  it('a 404 or a wrong hash exits 1 with the reason; a bad kind exits 2', async () => {
    const missing = await weft(['models', 'download', `${base}/files/other.onnx`]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`weft: ${base}/files/other.onnx does not exist on 127.0.0.1:`);
    const wrong = await weft([
      'models',
      'download',
      `${base}/files/model.onnx`,
      '--sha256',
      '0'.repeat(64),
    ]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain(
      `its sha256 is ${sha(RIFE)}, but ${'0'.repeat(64)} was expected`,
    );
    const kind = await weft(['models', 'download', `${base}/files/model.onnx`, '--kind', 'loras']);
    expect(kind.code).toBe(2);
  });
});
