/**
 * Tiny ONNX files with the I/O of each family, for the library's tests: the
 * graph is empty (recognition reads declarations only), the bytes are real
 * ModelProto from the fixture builder.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Tensor } from '../../common/tensor.ts';
import type { DType } from '../../common/tensor.ts';
import type { Dim } from '../../../resources/fixture-models/onnx/builder.ts';
import { OnnxBuilder } from '../../../resources/fixture-models/onnx/builder.ts';

export type Io = [name: string, dtype: DType, dims: Dim[]][];

export function tinyModel(
  inputs: Io,
  outputs: Io,
  metadata: Record<string, string> = {},
): Uint8Array {
  const model = new OnnxBuilder('tiny');
  for (const [name, dtype, dims] of inputs) model.input(name, dtype, dims);
  for (const [name, dtype, dims] of outputs) model.output(name, dtype, dims);
  for (const [key, value] of Object.entries(metadata)) model.metadata(key, value);
  return model.build();
}

/** A model whose one weight lives in `location` beside it; returns both files' bytes. */
export function tinyModelWithExternalData(
  inputs: Io,
  outputs: Io,
  location: string,
): { model: Uint8Array; data: Uint8Array } {
  const model = new OnnxBuilder('tiny');
  for (const [name, dtype, dims] of inputs) model.input(name, dtype, dims);
  for (const [name, dtype, dims] of outputs) model.output(name, dtype, dims);
  model.externalConstant(new Tensor('float32', [4], Float32Array.from([1, 2, 3, 4])), location);
  return { model: model.build(), data: model.externalFiles().get(location)! };
}

export async function put(root: string, path: string, content: Uint8Array | string | object) {
  const file = join(root, ...path.split('/'));
  await mkdir(dirname(file), { recursive: true });
  await writeFile(
    file,
    content instanceof Uint8Array || typeof content === 'string'
      ? content
      : JSON.stringify(content),
  );
}

export const RIFE_IO: [Io, Io] = [
  [['input', 'float32', [1, 7, 'h', 'w']]],
  [['output', 'float32', [1, 3, 'h', 'w']]],
];

/** A diffusers-layout SD 1.x folder whose components are tiny models with the right names. */
export async function writeTinyPipeline(folder: string): Promise<void> {
  await put(folder, 'model_index.json', { _class_name: 'OnnxStableDiffusionPipeline' });
  await put(folder, 'scheduler/scheduler_config.json', {
    _class_name: 'PNDMScheduler',
    timestep_spacing: 'leading',
  });
  await put(folder, 'tokenizer/vocab.json', { '!': 0 });
  await put(folder, 'tokenizer/merges.txt', '#version: 0.2\n');
  await put(folder, 'tokenizer/special_tokens_map.json', { pad_token: '<|endoftext|>' });
  await put(folder, 'vae_decoder/config.json', { scaling_factor: 0.18215 });
  await put(
    folder,
    'text_encoder/model.onnx',
    tinyModel(
      [['input_ids', 'int32', ['batch', 77]]],
      [['last_hidden_state', 'float32', ['batch', 77, 768]]],
    ),
  );
  await put(
    folder,
    'unet/model.onnx',
    tinyModel(
      [
        ['sample', 'float32', ['batch', 4, 8, 8]],
        ['timestep', 'int64', [1]],
        ['encoder_hidden_states', 'float32', ['batch', 77, 768]],
      ],
      [['out_sample', 'float32', ['batch', 4, 8, 8]]],
    ),
  );
  await put(
    folder,
    'vae_decoder/model.onnx',
    tinyModel(
      [['latent_sample', 'float32', ['batch', 4, 8, 8]]],
      [['sample', 'float32', ['batch', 3, 64, 64]]],
    ),
  );
  await put(folder, 'README.md', '# not model data\n');
}
