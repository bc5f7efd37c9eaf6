import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256File, treeHash } from './hashFile.ts';
import { ModelLibrary } from './library.ts';
import { MANIFESTS_FILE } from './manifests.ts';
import { inspectFile } from './modelInfo.ts';
import { toModelSummary } from './summary.ts';
import {
  put,
  RIFE_IO,
  tinyModel,
  tinyModelWithExternalData,
  writeTinyPipeline,
} from './testModels.ts';

let temp: string;
beforeEach(async () => {
  temp = await mkdtemp(join(tmpdir(), 'weft-library-'));
});
afterEach(async () => {
  await rm(temp, { recursive: true, force: true });
});

/** A library whose hashing and inspecting are counted. */
async function countingLibrary(
  root: string,
  extra: { searchPaths?: string[]; bundled?: string } = {},
) {
  const counts = { hashed: [] as string[], inspected: [] as string[] };
  const library = await ModelLibrary.open({
    root,
    ...extra,
    cacheDir: join(temp, 'cache'),
    hashFile: (path, onProgress, signal) => {
      counts.hashed.push(path);
      return sha256File(path, onProgress, signal);
    },
    inspect: (path) => {
      counts.inspected.push(path);
      return inspectFile(path);
    },
  });
  return { library, counts };
}

/** One model per family, in the layouts the library accepts. */
async function fillLibrary(root: string): Promise<void> {
  await writeTinyPipeline(join(root, 'diffusion', 'tiny-sd'));
  await put(
    root,
    'controlnet/canny.onnx',
    tinyModel(
      [
        ['sample', 'float32', ['batch', 4, 8, 8]],
        ['timestep', 'int64', [1]],
        ['encoder_hidden_states', 'float32', ['batch', 77, 768]],
        ['controlnet_cond', 'float32', ['batch', 3, 64, 64]],
      ],
      [
        ['down_block_0_additional_residual', 'float32', ['batch', 320, 8, 8]],
        ['mid_block_additional_residual', 'float32', ['batch', 1280, 1, 1]],
      ],
    ),
  );
  await put(root, 'interpolation/rife/model.onnx', tinyModel(...RIFE_IO));
  await put(
    root,
    'interpolation/film.onnx',
    tinyModel(
      [
        ['x0', 'float32', [1, 'h', 'w', 3]],
        ['x1', 'float32', [1, 'h', 'w', 3]],
        ['time', 'float32', [1, 1]],
      ],
      [['image', 'float32', [1, 'h', 'w', 3]]],
    ),
  );
  await put(
    root,
    'vocoder/hifigan.onnx',
    tinyModel(
      [['mel', 'float32', [1, 80, 'frames']]],
      [['waveform', 'float32', [1, 1, 'samples']]],
      {
        sampling_rate: '22050',
      },
    ),
  );
  const vocos = tinyModelWithExternalData(
    [['mels', 'float32', [1, 100, 'T']]],
    [
      ['mag', 'float32', [1, 513, 'T']],
      ['x', 'float32', [1, 513, 'T']],
      ['y', 'float32', [1, 513, 'T']],
    ],
    'model.onnx_data',
  );
  await put(root, 'vocoder/vocos/model.onnx', vocos.model);
  await put(root, 'vocoder/vocos/model.onnx_data', vocos.data);
  await put(
    root,
    'depth/midas.onnx',
    tinyModel([['input', 'float32', [1, 3, 256, 256]]], [['output', 'float32', [1, 256, 256]]]),
  );
  await put(
    root,
    'onnx/classifier.onnx',
    tinyModel([['data', 'float32', [1, 3, 224, 224]]], [['logits', 'float32', [1, 1000]]]),
  );
  // A RIFE put in the vocoder folder by mistake.
  await put(root, 'vocoder/misplaced.onnx', tinyModel(...RIFE_IO));
  // Not models: a download in progress, a hidden file, a README.
  await put(root, 'vocoder/next.onnx.part', 'partial');
  await put(root, 'vocoder/.DS_Store', 'x');
}

function sha(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

describe('ModelLibrary', () => {
  it('creates the library folder with one folder per kind', async () => {
    const root = join(temp, 'library');
    await ModelLibrary.open({ root });
    for (const kind of ['diffusion', 'controlnet', 'vocoder', 'interpolation', 'depth', 'onnx'])
      expect((await stat(join(root, kind))).isDirectory()).toBe(true);
  });

  it('recognises one model of each family, with kinds, sizes and hashes', async () => {
    const root = join(temp, 'library');
    await fillLibrary(root);
    const { library } = await countingLibrary(root);
    const entries = await library.scan();
    expect(
      entries.map((entry) => [entry.kind, entry.name, entry.family, entry.variant ?? null]),
    ).toEqual([
      ['diffusion', 'tiny-sd', 'stable-diffusion', 'sd1'],
      ['controlnet', 'canny', 'controlnet', null],
      ['vocoder', 'hifigan', 'hifigan', 'mel-to-waveform'],
      ['vocoder', 'vocos', 'vocos', 'spectrum'],
      ['interpolation', 'film', 'film', null],
      ['interpolation', 'misplaced', 'rife', 'vs-mlrt-7'],
      ['interpolation', 'rife', 'rife', 'vs-mlrt-7'],
      ['depth', 'midas', 'midas', null],
      ['onnx', 'classifier', 'onnx', null],
    ]);
    for (const entry of entries) expect(entry.problems).toEqual([]);

    const hifigan = library.find('vocoder', 'hifigan')!;
    const bytes = await readFile(join(root, 'vocoder', 'hifigan.onnx'));
    expect(hifigan.path).toBe(join(root, 'vocoder', 'hifigan.onnx'));
    expect(hifigan.size).toBe(bytes.length);
    expect(hifigan.sha256).toBe(sha(bytes));
    expect(hifigan.io.model?.inputs).toEqual([
      { name: 'mel', dtype: 'float32', shape: [1, 80, 'frames'] },
    ]);
    expect(hifigan.details.sampleRate).toBe(22050);
    expect(hifigan.source).toEqual({ type: 'library', root });

    // The external weights belong to the model: in its size and its files.
    const vocos = library.find('vocoder', 'vocos')!;
    const model = await readFile(join(root, 'vocoder', 'vocos', 'model.onnx'));
    const data = await readFile(join(root, 'vocoder', 'vocos', 'model.onnx_data'));
    expect(vocos.path).toBe(join(root, 'vocoder', 'vocos', 'model.onnx'));
    expect(vocos.size).toBe(model.length + data.length);
    expect(vocos.sha256).toBe(sha(model));
    expect(vocos.files.map((file) => [file.path, file.sha256])).toEqual([
      [join(root, 'vocoder', 'vocos', 'model.onnx'), sha(model)],
      [join(root, 'vocoder', 'vocos', 'model.onnx_data'), sha(data)],
    ]);

    // A pipeline's hash covers its model files (not the README), its path is the folder.
    const sd = library.find('diffusion', 'tiny-sd')!;
    const folder = join(root, 'diffusion', 'tiny-sd');
    expect(sd.path).toBe(folder);
    expect(sd.type).toBe('pipeline');
    const files = sd.files.map((file) => file.path.slice(folder.length + 1));
    expect(files).not.toContain('README.md');
    expect(files).toHaveLength(9);
    const hashes = await Promise.all(
      files.map(async (path) => ({ path, sha256: sha(await readFile(join(folder, path))) })),
    );
    expect(sd.sha256).toBe(treeHash(hashes));
    expect(Object.keys(sd.io).sort()).toEqual(['text_encoder', 'unet', 'vae_decoder']);
    expect(sd.details.scalingFactorSource).toBe('vae_decoder/config.json');
    // What nodes see (ctx.models): the UNet's I/O for a pipeline, family and variant in one string.
    const summary = toModelSummary(sd);
    expect([summary.family, summary.kind, summary.path]).toEqual([
      'stable-diffusion/sd1',
      'diffusion',
      folder,
    ]);
    expect(summary.inputs.map((input) => input.name)).toEqual([
      'sample',
      'timestep',
      'encoder_hidden_states',
    ]);
    expect(toModelSummary(hifigan).outputs).toEqual([
      { name: 'waveform', dtype: 'float32', shape: [1, 1, 'samples'] },
    ]);

    const misplaced = library.find('interpolation', 'misplaced')!;
    expect(misplaced.notes).toContain(
      'It is in vocoder/ but is a RIFE model, so Weft lists it under interpolation.',
    );
    expect(library.list('vocoder').map((entry) => entry.name)).toEqual(['hifigan', 'vocos']);
    expect(library.find('onnx', 'classifier.onnx')?.name).toBe('classifier');
  });

  it('reuses manifests: a rescan of an unchanged library hashes and inspects nothing', async () => {
    const root = join(temp, 'library');
    await fillLibrary(root);
    const first = await countingLibrary(root);
    const before = await first.library.scan();
    expect(first.counts.hashed).toHaveLength(18);
    expect(before.every((entry) => entry.hashed)).toBe(true);
    const manifests = JSON.parse(await readFile(join(root, MANIFESTS_FILE), 'utf8')) as {
      models: Record<string, { sha256: string }>;
    };
    expect(manifests.models['vocoder/hifigan.onnx']?.sha256).toBe(library_sha(before, 'hifigan'));

    const second = await countingLibrary(root);
    const after = await second.library.scan();
    expect(second.counts).toEqual({ hashed: [], inspected: [] });
    expect(after.every((entry) => !entry.hashed)).toBe(true);
    expect(after.map(withoutHashed)).toEqual(before.map(withoutHashed));
  });

  it('rehashes only the file that changed', async () => {
    const root = join(temp, 'library');
    await fillLibrary(root);
    await (await countingLibrary(root)).library.scan();
    const unet = join(root, 'diffusion', 'tiny-sd', 'unet', 'model.onnx');
    const bytes = await readFile(unet);
    await writeFile(unet, Buffer.concat([bytes, Buffer.from([0])]));
    await utimes(unet, new Date(), new Date(Date.now() + 5000));

    const { library, counts } = await countingLibrary(root);
    const entries = await library.scan();
    expect(counts.hashed).toEqual([unet]);
    expect(counts.inspected).toHaveLength(3); // the pipeline's three components, re-recognised
    const sd = entries.find((entry) => entry.name === 'tiny-sd')!;
    expect(sd.hashed).toBe(true);
    expect(sd.files.find((file) => file.path === unet)?.sha256).toBe(
      sha(Buffer.concat([bytes, Buffer.from([0])])),
    );
    expect(entries.filter((entry) => entry.hashed)).toHaveLength(1);
  });

  it('forgets removed models and notices new ones', async () => {
    const root = join(temp, 'library');
    await fillLibrary(root);
    await (await countingLibrary(root)).library.scan();
    await rm(join(root, 'depth', 'midas.onnx'));
    await put(
      root,
      'depth/other.onnx',
      tinyModel([['input', 'float32', [1, 3, 64, 64]]], [['depth', 'float32', [1, 64, 64]]]),
    );
    const { library, counts } = await countingLibrary(root);
    await library.scan();
    expect(counts.hashed).toEqual([join(root, 'depth', 'other.onnx')]);
    expect(library.list('depth').map((entry) => entry.name)).toEqual(['other']);
    const manifests = JSON.parse(await readFile(join(root, MANIFESTS_FILE), 'utf8')) as {
      models: Record<string, unknown>;
    };
    expect(Object.keys(manifests.models)).not.toContain('depth/midas.onnx');
    expect(Object.keys(manifests.models)).toContain('depth/other.onnx');
  });

  it('search paths and bundled models come after the library folder; same names are shadowed', async () => {
    const root = join(temp, 'library');
    const shared = join(temp, 'shared');
    const bundled = join(temp, 'bundled');
    const rifeBytes = tinyModel(...RIFE_IO);
    const otherRife = tinyModel(
      [['input', 'float32', [1, 11, 'h', 'w']]],
      [['output', 'float32', [1, 3, 'h', 'w']]],
    );
    await put(root, 'interpolation/rife.onnx', rifeBytes);
    await put(shared, 'interpolation/rife.onnx', otherRife);
    await put(shared, 'interpolation/rife-11.onnx', otherRife);
    await put(bundled, 'interpolation/toy-rife/model.onnx', rifeBytes);
    const { library } = await countingLibrary(root, { searchPaths: [shared], bundled });
    const entries = await library.scan();
    expect(
      entries.map((entry) => [entry.name, entry.source.type, entry.shadowed, entry.variant]),
    ).toEqual([
      ['rife', 'library', false, 'vs-mlrt-7'],
      ['rife', 'search-path', true, 'vs-mlrt-11'],
      ['rife-11', 'search-path', false, 'vs-mlrt-11'],
      ['toy-rife', 'bundled', false, 'vs-mlrt-7'],
    ]);
    expect(library.find('interpolation', 'rife')?.source.root).toBe(root);
    expect(library.find('interpolation', 'toy-rife')?.source.type).toBe('bundled');
    expect(library.find('vocoder', 'rife')).toBeUndefined();
  });

  it('keeps the manifests in the cache folder when the library folder cannot take them', async () => {
    const root = join(temp, 'library');
    await put(
      root,
      'depth/midas.onnx',
      tinyModel([['input', 'float32', [1, 3, 8, 8]]], [['out', 'float32', [1, 8, 8]]]),
    );
    await mkdir(join(root, MANIFESTS_FILE)); // a folder where the file would go: writing fails
    await (await countingLibrary(root)).library.scan();
    const { library, counts } = await countingLibrary(root);
    await library.scan();
    expect(counts.hashed).toEqual([]);
    expect(library.find('depth', 'midas')?.family).toBe('midas');
  });

  it('a damaged file is listed with a problem, not thrown', async () => {
    const root = join(temp, 'library');
    await put(root, 'onnx/broken.onnx', 'this is not protobuf at all');
    const { library } = await countingLibrary(root);
    const [entry] = await library.scan();
    expect(entry?.family).toBe('onnx');
    expect(entry?.problems[0]).toMatch(
      /^broken\.onnx could not be read as an ONNX model \(.+\)\. It may be incomplete or damaged: download it again\.$/,
    );
  });

  it('a model whose external weights are missing says which file to fetch', async () => {
    const root = join(temp, 'library');
    const { model } = tinyModelWithExternalData(...RIFE_IO, 'weights.bin');
    await put(root, 'interpolation/rife/model.onnx', model);
    const { library } = await countingLibrary(root);
    const [entry] = await library.scan();
    expect(entry?.family).toBe('rife');
    expect(entry?.problems).toEqual([
      'weights.bin is missing: model.onnx keeps its weights in it. Download it into the same folder.',
    ]);
  });

  it('verify finds a file damaged without a change of size or time', async () => {
    const root = join(temp, 'library');
    await fillLibrary(root);
    const file = join(root, 'interpolation', 'film.onnx');
    // Whole milliseconds, so the time can be put back exactly after the damage.
    const time = new Date(Math.floor(Date.now() / 1000) * 1000);
    await utimes(file, time, time);
    await (await countingLibrary(root)).library.scan();
    const bytes = await readFile(file);
    const expected = sha(bytes);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 0xff, bytes.length - 1);
    await writeFile(file, bytes);
    await utimes(file, time, time);

    const { library } = await countingLibrary(root);
    await library.scan();
    const film = await library.verify(library.find('interpolation', 'film')!);
    expect(film.status).toBe('changed');
    expect(film.changed).toEqual([{ path: file, expected, actual: sha(bytes) }]);
    expect(film.sha256).toBe(sha(bytes));
    const sd = await library.verify(library.find('diffusion', 'tiny-sd')!);
    expect(sd.status).toBe('ok');
    expect(sd.sha256).toBe(library.find('diffusion', 'tiny-sd')!.sha256);
    await rm(join(root, 'onnx', 'classifier.onnx'));
    const gone = await library.verify(library.find('onnx', 'classifier')!);
    expect(gone.status).toBe('missing');
  });

  it('verify does not hash twice what this scan just hashed', async () => {
    const root = join(temp, 'library');
    await put(
      root,
      'depth/midas.onnx',
      tinyModel([['input', 'float32', [1, 3, 8, 8]]], [['out', 'float32', [1, 8, 8]]]),
    );
    const { library, counts } = await countingLibrary(root);
    const [entry] = await library.scan();
    const result = await library.verify(entry!);
    expect(result.status).toBe('recorded');
    expect(counts.hashed).toHaveLength(1);
  });

  it('a cancelled scan keeps what it hashed; the next one hashes only the rest', async () => {
    const root = join(temp, 'library');
    await put(
      root,
      'depth/a.onnx',
      tinyModel([['input', 'float32', [1, 3, 8, 8]]], [['out', 'float32', [1, 8, 8]]]),
    );
    await put(
      root,
      'depth/b.onnx',
      tinyModel([['input', 'float32', [1, 3, 4, 4]]], [['out', 'float32', [1, 4, 4]]]),
    );
    const controller = new AbortController();
    const cancelling = await ModelLibrary.open({
      root,
      hashFile: async (path) => {
        controller.abort(new Error('cancelled by the test'));
        return sha256File(path);
      },
    });
    await expect(cancelling.scan({ signal: controller.signal })).rejects.toThrow(
      'cancelled by the test',
    );
    const { library, counts } = await countingLibrary(root);
    await library.scan();
    expect(counts.hashed).toEqual([join(root, 'depth', 'b.onnx')]);
  });

  it('list before scan is a programming error', async () => {
    const library = await ModelLibrary.open({ root: join(temp, 'library') });
    expect(() => library.list()).toThrow('call scan() before list() or find()');
  });
});

function library_sha(
  entries: { name: string; sha256?: string }[],
  name: string,
): string | undefined {
  return entries.find((entry) => entry.name === name)?.sha256;
}

function withoutHashed<T extends { hashed: boolean }>(entry: T): Omit<T, 'hashed'> {
  const { hashed: _hashed, ...rest } = entry;
  return rest;
}
