/**
 * models/image-model: runs any ONNX model that takes an image (segmentation,
 * depth, upscaling, style transfer…) with the preprocessing the model
 * expects, and turns its output back into an image, a mask and the raw
 * tensor. Every option is a param, so a user's own model works without code.
 */
import type { NodeDefinition } from '../../engine/common/catalog.ts';
import type { ModelIo, RunnableModel } from '../../engine/common/models.ts';
import type { NodeContext } from '../../engine/common/nodeApi.ts';
import { defineNode, NodeError } from '../../engine/common/nodeApi.ts';
import { Tensor } from '../../engine/common/tensor.ts';
import { cropImage, padImage, scaledSize } from '../core/imageOps.ts';
import { imageInput, modelInput } from '../core/inputs.ts';
import { readParams } from '../core/params.ts';
import type { ImageMapping, Layout, MaskMapping, ValueRange } from './imageTensors.ts';
import {
  IMAGE_MAPPINGS,
  imageToModelInput,
  LAYOUTS,
  MASK_MAPPINGS,
  modelOutputToChannelsLast,
  parseTriple,
  toImage,
  toMask,
  VALUE_RANGES,
} from './imageTensors.ts';

const SIZES = ['model', 'fixed', 'multiple', 'keep'] as const;

const definition: NodeDefinition = {
  type: 'models/image-model',
  version: 1,
  title: 'ONNX image model',
  category: 'Models',
  description:
    'Runs an ONNX model on an image: resizes and normalises it the way the model expects, then turns the output into an image, a mask and the raw tensor.',
  inputs: [
    { name: 'model', type: 'ONNX_MODEL' },
    { name: 'image', type: 'IMAGE' },
  ],
  outputs: [
    { name: 'image', type: 'IMAGE' },
    { name: 'mask', type: 'MASK' },
    { name: 'tensor', type: 'TENSOR' },
  ],
  params: [
    {
      name: 'input',
      kind: 'string',
      label: 'Input name',
      default: '',
      placeholder: 'first input',
      description: 'Which model input gets the image (blank: the first).',
    },
    {
      name: 'output',
      kind: 'string',
      label: 'Output name',
      default: '',
      placeholder: 'first output',
      description: 'Which model output to read (blank: the first).',
    },
    {
      name: 'size',
      kind: 'enum',
      label: 'Size',
      options: [...SIZES],
      default: 'model',
      description:
        'model: the size the model declares; fixed: width × height; multiple: round each side to a multiple; keep: as is.',
    },
    { name: 'width', kind: 'int', label: 'Width', default: 512, min: 1, max: 8192 },
    { name: 'height', kind: 'int', label: 'Height', default: 512, min: 1, max: 8192 },
    { name: 'multiple', kind: 'int', label: 'Multiple of', default: 32, min: 1, max: 1024 },
    {
      name: 'keepAspect',
      kind: 'boolean',
      label: 'Keep aspect (pad)',
      default: false,
      description: 'Letterbox instead of stretching; the padding is removed from the output again.',
    },
    { name: 'layout', kind: 'enum', label: 'Layout', options: [...LAYOUTS], default: 'NCHW' },
    {
      name: 'channels',
      kind: 'enum',
      label: 'Channel order',
      options: ['RGB', 'BGR'],
      default: 'RGB',
    },
    {
      name: 'range',
      kind: 'enum',
      label: 'Input range',
      options: [...VALUE_RANGES],
      default: '0-1',
      description: 'The value range the model expects before mean/std.',
    },
    {
      name: 'mean',
      kind: 'string',
      label: 'Mean',
      default: '0, 0, 0',
      description: 'Subtracted per channel (ImageNet: 0.485, 0.456, 0.406).',
    },
    {
      name: 'std',
      kind: 'string',
      label: 'Std',
      default: '1, 1, 1',
      description: 'Divided per channel (ImageNet: 0.229, 0.224, 0.225).',
    },
    {
      name: 'imageMapping',
      kind: 'enum',
      label: 'Output as image',
      options: [...IMAGE_MAPPINGS],
      default: 'min-max',
    },
    {
      name: 'maskMapping',
      kind: 'enum',
      label: 'Output as mask',
      options: [...MASK_MAPPINGS],
      default: 'min-max',
    },
    { name: 'threshold', kind: 'float', label: 'Mask threshold', default: 0.5 },
    { name: 'restoreSize', kind: 'boolean', label: 'Back to input size', default: true },
  ],
};

function pick(
  ios: readonly ModelIo[],
  name: string,
  what: 'input' | 'output',
  model: RunnableModel,
): ModelIo {
  const found = name === '' ? ios[0] : ios.find((io) => io.name === name);
  if (!found) {
    throw new NodeError(
      'MODEL_IO_NOT_FOUND',
      `The model ${model.name} has no ${what} "${name}"; its ${what}s are ${ios.map((io) => `"${io.name}"`).join(', ') || 'none'}.`,
      what,
    );
  }
  return found;
}

/** The H and W the model declares for its image input, when they are fixed numbers. */
function declaredSize(io: ModelIo, layout: Layout): { width: number; height: number } | undefined {
  if (io.shape.length !== 4) return undefined;
  const [height, width] =
    layout === 'NCHW' ? [io.shape[2], io.shape[3]] : [io.shape[1], io.shape[2]];
  return typeof height === 'number' && typeof width === 'number' && height > 0 && width > 0
    ? { width, height }
    : undefined;
}

function roundTo(value: number, multiple: number): number {
  return Math.max(multiple, Math.round(value / multiple) * multiple);
}

async function runOne(
  ctx: NodeContext,
  model: RunnableModel,
  image: Tensor<'float32'>,
  read: ReturnType<typeof readParams>,
): Promise<{ image: Tensor<'float32'>; mask: Tensor<'float32'>; tensor: Tensor }> {
  const [, height = 0, width = 0] = image.dims;
  const layout = read.option<Layout>('layout');
  const input = pick(model.inputs, read.string('input'), 'input', model);
  const output = pick(model.outputs, read.string('output'), 'output', model);
  const mode = read.option<(typeof SIZES)[number]>('size');
  const target =
    mode === 'fixed'
      ? { width: read.int('width'), height: read.int('height') }
      : mode === 'multiple'
        ? {
            width: roundTo(width, read.int('multiple')),
            height: roundTo(height, read.int('multiple')),
          }
        : mode === 'model'
          ? (declaredSize(input, layout) ?? { width, height })
          : { width, height };

  const keepAspect = read.boolean('keepAspect');
  const scaled = keepAspect ? scaledSize('pad', { width, height }, target) : target;
  let prepared =
    scaled.width === width && scaled.height === height
      ? image
      : await ctx.images.resize(image, scaled.width, scaled.height, 'linear');
  const padding = {
    top: 0,
    left: 0,
    bottom: target.height - scaled.height,
    right: target.width - scaled.width,
  };
  padding.top = Math.floor(padding.bottom / 2);
  padding.bottom -= padding.top;
  padding.left = Math.floor(padding.right / 2);
  padding.right -= padding.left;
  if (keepAspect) prepared = padImage(prepared, padding, [0, 0, 0]);

  const bgr = read.option<'RGB' | 'BGR'>('channels') === 'BGR';
  const feed = imageToModelInput(prepared, {
    layout,
    bgr,
    range: read.option<ValueRange>('range'),
    mean: parseTriple(read.string('mean'), 'mean'),
    std: parseTriple(read.string('std'), 'std'),
  });
  const result = await model.run({ [input.name]: feed }, { signal: ctx.signal });
  const tensor = result[output.name]!;
  const values = modelOutputToChannelsLast(tensor, layout, output.name);
  let asImage = toImage(values, read.option<ImageMapping>('imageMapping'), bgr);
  let asMask = toMask(values, read.option<MaskMapping>('maskMapping'), read.float('threshold'));
  if (read.boolean('restoreSize')) {
    const [, outHeight = 0, outWidth = 0] = values.dims;
    if (keepAspect && (outWidth !== target.width || outHeight !== target.height)) {
      // Scale the output to the padded frame first, so the padding can be cut exactly.
      asImage = await ctx.images.resize(asImage, target.width, target.height, 'linear');
      asMask = await ctx.images.resize(asMask, target.width, target.height, 'linear');
    }
    if (keepAspect) {
      asImage = cropImage(asImage, padding.left, padding.top, scaled.width, scaled.height);
      asMask = cropImage(asMask, padding.left, padding.top, scaled.width, scaled.height);
    }
    // Skipped when the size already matches: the codec round trip would cost precision for nothing.
    if (asImage.dims[1] !== height || asImage.dims[2] !== width) {
      asImage = await ctx.images.resize(asImage, width, height, 'linear');
      asMask = await ctx.images.resize(asMask, width, height, 'linear');
    }
  }
  return { image: asImage, mask: asMask, tensor };
}

/** Joins batch-of-one tensors along the first dimension (any dtype). */
function stack<T extends Tensor>(parts: readonly T[]): T {
  const [first] = parts as [T];
  if (parts.length === 1) return first;
  const data = Tensor.zeros(first.dtype, [parts.length * first.size]).data;
  parts.forEach((part, index) =>
    (data as Float32Array).set(part.data as Float32Array, index * first.size),
  );
  return new Tensor(
    first.dtype,
    [parts.length * (first.dims[0] ?? 1), ...first.dims.slice(1)],
    data,
  ) as T;
}

export const imageModelNode = defineNode({
  definition,
  async run(inputs, params, ctx) {
    const handle = modelInput(definition, inputs, 'model');
    const model = await ctx.models.open(handle.summary.path);
    const image = imageInput(definition, inputs, 'image');
    const read = readParams(definition, params);
    const [batch = 1, height = 0, width = 0] = image.dims;
    const results = [];
    // One image at a time: many exports fix the batch at 1.
    for (let b = 0; b < batch; b++) {
      ctx.signal.throwIfAborted();
      const one = new Tensor(
        'float32',
        [1, height, width, 3],
        image.data.subarray(b * height * width * 3, (b + 1) * height * width * 3),
      );
      results.push(await runOne(ctx, model, one, read));
      ctx.progress(b + 1, batch);
    }
    return {
      image: stack(results.map((result) => result.image)),
      mask: stack(results.map((result) => result.mask)),
      tensor: stack(results.map((result) => result.tensor)),
    };
  },
});
