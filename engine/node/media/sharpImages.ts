/**
 * The ImageCodec adapter, backed by sharp (libvips). Pixels cross the boundary
 * as float32 in [0, 1]: decoding 8-bit files divides by 255, 16-bit PNGs keep
 * their 16 bits; encoding clamps to [0, 1] and rounds to the nearest 8-bit
 * level (NaN becomes 0). Resizing runs at 16 bits per channel, so it adds
 * no 8-bit banding and a flat 8-bit colour comes back exactly.
 */
import sharp from 'sharp';
import type { KernelEnum, OutputInfo } from 'sharp';
import { isPng, insertPngText, readPngText } from '../../common/media/pngText.ts';
import type {
  DecodedImage,
  EncodeOptions,
  ImageCodec,
  ImageFormat,
  ResizeKernel,
} from '../../common/nodeApi.ts';
import { NodeError } from '../../common/nodeApi.ts';
import { Tensor } from '../../common/tensor.ts';

const READABLE = 'PNG, JPEG, WebP, GIF, TIFF, AVIF, HEIF, SVG';
const MAX_SIDE = 16384;

function unreadable(reason: string): NodeError {
  return new NodeError(
    'IMAGE_UNREADABLE',
    `This file is not an image Weft can read (${READABLE}): ${reason}. Check that it is a complete image file.`,
  );
}

function toByte(value: number): number {
  if (!(value > 0)) return 0;
  if (value >= 1) return 255;
  return Math.round(value * 255);
}

function toUint16(value: number): number {
  if (!(value > 0)) return 0;
  if (value >= 1) return 65535;
  return Math.round(value * 65535);
}

/** Reads 16-bit samples in place, copying only when the buffer is not 2-byte aligned. */
function uint16View(bytes: Uint8Array): Uint16Array {
  const aligned = bytes.byteOffset % 2 === 0 ? bytes : bytes.slice();
  return new Uint16Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 2);
}

async function decode(bytes: Uint8Array): Promise<DecodedImage> {
  let depth: string;
  try {
    depth = (await sharp(bytes).metadata()).depth;
  } catch (error) {
    throw unreadable(error instanceof Error ? error.message : String(error));
  }
  const sixteen = depth === 'ushort';
  let pixels: { data: Buffer; info: OutputInfo };
  try {
    pixels = await sharp(bytes)
      .autoOrient()
      .toColourspace(sixteen ? 'rgb16' : 'srgb')
      .raw(sixteen ? { depth: 'ushort' } : {})
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw unreadable(error instanceof Error ? error.message : String(error));
  }
  const { width, height, channels } = pixels.info;
  const samples = sixteen ? uint16View(pixels.data) : pixels.data;
  const scale = sixteen ? 65535 : 255;
  const count = width * height;
  const image = new Float32Array(count * 3);
  const hasAlpha = channels === 4;
  const alpha = hasAlpha ? new Float32Array(count) : null;
  for (let pixel = 0; pixel < count; pixel++) {
    const source = pixel * channels;
    image[pixel * 3] = samples[source]! / scale;
    image[pixel * 3 + 1] = samples[source + 1]! / scale;
    image[pixel * 3 + 2] = samples[source + 2]! / scale;
    if (alpha) alpha[pixel] = samples[source + 3]! / scale;
  }
  return {
    image: new Tensor('float32', [1, height, width, 3], image),
    mask: alpha ? new Tensor('float32', [1, height, width], alpha) : null,
  };
}

function checkBatch(
  image: Tensor<'float32'>,
  what: string,
): { batch: number; height: number; width: number } {
  const [batch, height, width, channels] = image.dims;
  if (
    image.dims.length !== 4 ||
    channels !== 3 ||
    batch === undefined ||
    height === undefined ||
    width === undefined
  ) {
    throw new Error(`${what} needs an image batch [B, H, W, 3], got [${image.dims.join(', ')}]`);
  }
  return { batch, height, width };
}

async function encode(
  image: Tensor<'float32'>,
  index: number,
  format: ImageFormat,
  options: EncodeOptions = {},
): Promise<Uint8Array> {
  const { batch, height, width } = checkBatch(image, 'Encoding');
  if (!Number.isInteger(index) || index < 0 || index >= batch) {
    throw new Error(`Cannot encode image ${index} of a batch of ${batch}`);
  }
  if (width === 0 || height === 0) throw new Error('Cannot encode an image with no pixels');
  const quality = options.quality ?? 90;
  if (!Number.isInteger(quality) || quality < 1 || quality > 100) {
    throw new Error(`Image quality must be a whole number from 1 to 100, got ${quality}`);
  }
  const alpha = format === 'jpeg' ? undefined : options.alpha;
  if (alpha && alpha.size !== width * height) {
    throw new Error(
      `The alpha mask [${alpha.dims.join(', ')}] does not match the ${width}×${height} image it belongs to`,
    );
  }
  const channels = alpha ? 4 : 3;
  const count = width * height;
  const offset = index * count * 3;
  const pixels = new Uint8Array(count * channels);
  for (let pixel = 0; pixel < count; pixel++) {
    const target = pixel * channels;
    pixels[target] = toByte(image.data[offset + pixel * 3]!);
    pixels[target + 1] = toByte(image.data[offset + pixel * 3 + 1]!);
    pixels[target + 2] = toByte(image.data[offset + pixel * 3 + 2]!);
    if (alpha) pixels[target + 3] = toByte(alpha.data[pixel]!);
  }
  const input = sharp(pixels, { raw: { width, height, channels } });
  const encoded =
    format === 'png'
      ? await input.png().toBuffer()
      : format === 'jpeg'
        ? await input.jpeg({ quality }).toBuffer()
        : await input.webp({ quality }).toBuffer();
  const bytes = new Uint8Array(encoded.buffer, encoded.byteOffset, encoded.byteLength);
  return format === 'png' && options.text && Object.keys(options.text).length > 0
    ? insertPngText(bytes, options.text)
    : bytes;
}

const KERNELS: Record<ResizeKernel, KernelEnum[keyof KernelEnum]> = {
  nearest: 'nearest',
  linear: 'linear',
  cubic: 'cubic',
  lanczos3: 'lanczos3',
};

/**
 * Resizes [B, H, W, C] (C = 1 or 3), and also a MASK [B, H, W], which comes
 * back with the same rank. Values are clamped to [0, 1] (kernels with
 * negative lobes overshoot) and carried at 16 bits per channel.
 */
async function resize(
  image: Tensor<'float32'>,
  width: number,
  height: number,
  kernel: ResizeKernel = 'lanczos3',
): Promise<Tensor<'float32'>> {
  const isMask = image.dims.length === 3;
  const [batch, sourceHeight, sourceWidth, channels = 1] = image.dims;
  if (
    (image.dims.length !== 4 && !isMask) ||
    (channels !== 1 && channels !== 3) ||
    batch === undefined ||
    sourceHeight === undefined ||
    sourceWidth === undefined
  ) {
    throw new Error(
      `Resizing needs [B, H, W, 1 or 3] or a mask [B, H, W], got [${image.dims.join(', ')}]`,
    );
  }
  for (const [name, value] of [
    ['width', width],
    ['height', height],
  ] as const) {
    if (!Number.isInteger(value) || value < 1 || value > MAX_SIDE) {
      throw new Error(
        `The resize ${name} must be a whole number from 1 to ${MAX_SIDE}, got ${value}`,
      );
    }
  }
  if (sourceWidth === 0 || sourceHeight === 0)
    throw new Error('Cannot resize an image with no pixels');
  const sourceSize = sourceWidth * sourceHeight * channels;
  const targetSize = width * height * channels;
  const result = new Float32Array(batch * targetSize);
  for (let item = 0; item < batch; item++) {
    const samples = new Uint16Array(sourceSize);
    for (let i = 0; i < sourceSize; i++) samples[i] = toUint16(image.data[item * sourceSize + i]!);
    const output = await sharp(samples, {
      raw: { width: sourceWidth, height: sourceHeight, channels },
    })
      .resize(width, height, { fit: 'fill', kernel: KERNELS[kernel] })
      .toColourspace(channels === 1 ? 'grey16' : 'rgb16')
      .raw({ depth: 'ushort' })
      .toBuffer();
    const resized = uint16View(output);
    if (resized.length !== targetSize)
      throw new Error(`sharp returned ${resized.length} samples, expected ${targetSize}`);
    for (let i = 0; i < targetSize; i++) result[item * targetSize + i] = resized[i]! / 65535;
  }
  const dims = isMask ? [batch, height, width] : [batch, height, width, channels];
  return new Tensor('float32', dims, result);
}

function readText(bytes: Uint8Array): Record<string, string> {
  return isPng(bytes) ? readPngText(bytes) : {};
}

/** The sharp-backed codec every host passes to the engine. */
export function createSharpImageCodec(): ImageCodec {
  return { decode, encode, resize, readText };
}
