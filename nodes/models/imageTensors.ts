/**
 * Pure conversions between Weft images (float32 [B, H, W, 3] in [0, 1]) and
 * the tensors image models take and give: channel order, value range,
 * mean/std normalisation and layout on the way in; layout, channels and a
 * value mapping on the way out. Formulas are in the docs of each option.
 */
import { NodeError } from '../../engine/common/nodeApi.ts';
import { Tensor } from '../../engine/common/tensor.ts';

export const LAYOUTS = ['NCHW', 'NHWC'] as const;
export type Layout = (typeof LAYOUTS)[number];
export const VALUE_RANGES = ['0-1', '0-255', '-1-1'] as const;
export type ValueRange = (typeof VALUE_RANGES)[number];

export interface Preprocess {
  layout: Layout;
  bgr: boolean;
  /** The model's input value range, before mean/std. */
  range: ValueRange;
  mean: readonly [number, number, number];
  std: readonly [number, number, number];
}

/** "0.485, 0.456, 0.406" → three numbers; one number is used for all three. */
export function parseTriple(text: string, field: string): [number, number, number] {
  const parts = text
    .split(/[\s,]+/)
    .filter((part) => part.length > 0)
    .map(Number);
  if ((parts.length === 1 || parts.length === 3) && parts.every((part) => Number.isFinite(part))) {
    const [a, b = a, c = a] = parts as [number, number?, number?];
    return [a, b, c];
  }
  throw new NodeError(
    'INVALID_PARAM',
    `"${text}" is not one number or three numbers separated by commas (like 0.485, 0.456, 0.406).`,
    field,
  );
}

function scale(value: number, range: ValueRange): number {
  return range === '0-255' ? value * 255 : range === '-1-1' ? value * 2 - 1 : value;
}

/** Image [B, H, W, 3] → model input [B, 3, H, W] or [B, H, W, 3]: ((scale(v) − mean) / std), RGB or BGR. */
export function imageToModelInput(
  image: Tensor<'float32'>,
  options: Preprocess,
): Tensor<'float32'> {
  const [batch = 1, height = 0, width = 0] = image.dims;
  const out = new Float32Array(image.size);
  const plane = height * width;
  for (let b = 0; b < batch; b++) {
    for (let pixel = 0; pixel < plane; pixel++) {
      for (let c = 0; c < 3; c++) {
        const source = options.bgr ? 2 - c : c;
        const value =
          (scale(image.data[(b * plane + pixel) * 3 + source]!, options.range) - options.mean[c]!) /
          options.std[c]!;
        out[options.layout === 'NCHW' ? (b * 3 + c) * plane + pixel : (b * plane + pixel) * 3 + c] =
          value;
      }
    }
  }
  return new Tensor(
    'float32',
    options.layout === 'NCHW' ? [batch, 3, height, width] : [batch, height, width, 3],
    out,
  );
}

/**
 * A model output as channels-last float32 [B, H, W, C]: rank 4 follows the
 * layout; rank 3 is [B, H, W] (one channel); rank 2 is [H, W].
 */
export function modelOutputToChannelsLast(
  output: Tensor,
  layout: Layout,
  name: string,
): Tensor<'float32'> {
  const data =
    output.data instanceof Float32Array
      ? output.data
      : Float32Array.from(output.data as ArrayLike<number>, Number);
  const dims = output.dims;
  if (dims.length === 2) return new Tensor('float32', [1, dims[0]!, dims[1]!, 1], data);
  if (dims.length === 3) return new Tensor('float32', [dims[0]!, dims[1]!, dims[2]!, 1], data);
  if (dims.length !== 4) {
    throw new NodeError(
      'MODEL_OUTPUT_NOT_IMAGE',
      `The model's output "${name}" has shape [${dims.join(', ')}], which is not an image or a map; use the "ONNX tensor model" node for it.`,
    );
  }
  if (layout === 'NHWC') return new Tensor('float32', dims, data);
  const [batch, channels, height, width] = dims as [number, number, number, number];
  const out = new Float32Array(data.length);
  const plane = height * width;
  for (let b = 0; b < batch; b++) {
    for (let c = 0; c < channels; c++) {
      for (let pixel = 0; pixel < plane; pixel++)
        out[(b * plane + pixel) * channels + c] = data[(b * channels + c) * plane + pixel]!;
    }
  }
  return new Tensor('float32', [batch, height, width, channels], out);
}

export const IMAGE_MAPPINGS = ['min-max', '0-1', '-1-1', '0-255'] as const;
export type ImageMapping = (typeof IMAGE_MAPPINGS)[number];

/**
 * Channels-last [B, H, W, C] → IMAGE [B, H, W, 3] in [0, 1]: "min-max"
 * stretches each image's own range to [0, 1]; the fixed ranges map linearly
 * and clamp. One channel becomes grey; of more than three, the first three.
 */
export function toImage(
  values: Tensor<'float32'>,
  mapping: ImageMapping,
  bgr: boolean,
): Tensor<'float32'> {
  const [batch = 1, height = 0, width = 0, channels = 1] = values.dims;
  const plane = height * width;
  const out = new Float32Array(batch * plane * 3);
  for (let b = 0; b < batch; b++) {
    let low = 0;
    let high = 1;
    if (mapping === 'min-max') {
      low = Infinity;
      high = -Infinity;
      for (let i = b * plane * channels; i < (b + 1) * plane * channels; i++) {
        low = Math.min(low, values.data[i]!);
        high = Math.max(high, values.data[i]!);
      }
    } else if (mapping === '-1-1') {
      low = -1;
    } else if (mapping === '0-255') {
      high = 255;
    }
    const span = high > low ? high - low : 1;
    for (let pixel = 0; pixel < plane; pixel++) {
      for (let c = 0; c < 3; c++) {
        const source =
          channels === 1 ? 0 : bgr && channels >= 3 ? 2 - c : Math.min(c, channels - 1);
        const value = (values.data[(b * plane + pixel) * channels + source]! - low) / span;
        out[(b * plane + pixel) * 3 + c] = Math.min(1, Math.max(0, value));
      }
    }
  }
  return new Tensor('float32', [batch, height, width, 3], out);
}

export const MASK_MAPPINGS = ['sigmoid', 'threshold', 'min-max'] as const;
export type MaskMapping = (typeof MASK_MAPPINGS)[number];

/** Channel 0 of [B, H, W, C] → MASK [B, H, W]: sigmoid(v), v > threshold, or min-max. */
export function toMask(
  values: Tensor<'float32'>,
  mapping: MaskMapping,
  threshold: number,
): Tensor<'float32'> {
  const [batch = 1, height = 0, width = 0, channels = 1] = values.dims;
  const plane = height * width;
  const out = new Float32Array(batch * plane);
  for (let b = 0; b < batch; b++) {
    let low = Infinity;
    let high = -Infinity;
    for (let pixel = 0; pixel < plane; pixel++) {
      const v = values.data[(b * plane + pixel) * channels]!;
      low = Math.min(low, v);
      high = Math.max(high, v);
    }
    for (let pixel = 0; pixel < plane; pixel++) {
      const v = values.data[(b * plane + pixel) * channels]!;
      out[b * plane + pixel] =
        mapping === 'sigmoid'
          ? 1 / (1 + Math.exp(-v))
          : mapping === 'threshold'
            ? v > threshold
              ? 1
              : 0
            : high > low
              ? (v - low) / (high - low)
              : 0;
    }
  }
  return new Tensor('float32', [batch, height, width], out);
}
