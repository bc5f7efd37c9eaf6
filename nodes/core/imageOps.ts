/**
 * Pure pixel math on the engine's image conventions: IMAGE is float32
 * [B, H, W, 3], MASK is float32 [B, H, W] (treated here as one channel).
 * No codec, no sharp: these run the same in a node, a test or the browser.
 */
import { NodeError } from '../../engine/common/nodeApi.ts';
import { Tensor } from '../../engine/common/tensor.ts';

export type Rgb = readonly [number, number, number];

interface Shape {
  batch: number;
  height: number;
  width: number;
  channels: number;
}

/** [B, H, W, C] or a mask [B, H, W] (one channel). */
export function shapeOf(image: Tensor): Shape {
  const [batch = 0, height = 0, width = 0, channels = 1] = image.dims;
  if (image.dims.length !== 3 && image.dims.length !== 4) {
    throw new Error(
      `Expected an image [B, H, W, C] or a mask [B, H, W], got [${image.dims.join(', ')}]`,
    );
  }
  return { batch, height, width, channels };
}

function withShape(like: Tensor, shape: Shape, data: Float32Array): Tensor<'float32'> {
  const dims =
    like.dims.length === 3
      ? [shape.batch, shape.height, shape.width]
      : [shape.batch, shape.height, shape.width, shape.channels];
  return new Tensor('float32', dims, data);
}

/**
 * "#rrggbb" or "#rgb" (case-insensitive, "#" optional) → RGB in [0, 1],
 * each channel exactly k / 255. `field` names the param in the error.
 */
export function parseColor(text: string, field: string): Rgb {
  const match = /^#?([0-9a-f]{6}|[0-9a-f]{3})$/i.exec(text.trim());
  if (!match) {
    throw new NodeError(
      'INVALID_COLOR',
      `"${field}" must be a colour written #rrggbb (for example #ff8800), got ${JSON.stringify(text)}.`,
      field,
    );
  }
  let hex = match[1]!;
  if (hex.length === 3) hex = [...hex].map((digit) => digit + digit).join('');
  return [0, 2, 4].map(
    (start) => parseInt(hex.slice(start, start + 2), 16) / 255,
  ) as unknown as Rgb;
}

export function solidImage(
  width: number,
  height: number,
  color: Rgb,
  batch = 1,
): Tensor<'float32'> {
  const data = new Float32Array(batch * height * width * 3);
  for (let i = 0; i < data.length; i += 3) data.set(color, i);
  return new Tensor('float32', [batch, height, width, 3], data);
}

/** cos/sin in degrees, exact (0, ±1) at multiples of 90° so axis-aligned gradients hit their ends exactly. */
function direction(degrees: number): [number, number] {
  const radians = (degrees * Math.PI) / 180;
  const snap = (value: number) => (Math.abs(value) < 1e-12 ? 0 : value);
  return [snap(Math.cos(radians)), snap(Math.sin(radians))];
}

/**
 * A linear gradient. With pixel centres at integer (x, y), x in [0, W-1],
 * y in [0, H-1] (y down), the image centre (cx, cy) and θ the angle in
 * degrees (0 = left to right, 90 = top to bottom, clockwise on screen):
 *
 *   p = (x - cx)·cos θ + (y - cy)·sin θ
 *   e = ((W-1)·|cos θ| + (H-1)·|sin θ|) / 2
 *   t = p / (2e) + 1/2            (t = 0 when e = 0)
 *   colour = from·(1 - t) + to·t
 *
 * So the corner (or edge) the angle points away from is exactly `from`, the
 * one it points to is exactly `to`, and the angle is the visual angle
 * whatever the aspect ratio (as CSS linear-gradient does).
 */
export function linearGradient(
  width: number,
  height: number,
  from: Rgb,
  to: Rgb,
  angleDegrees: number,
): Tensor<'float32'> {
  const [cos, sin] = direction(angleDegrees);
  const centreX = (width - 1) / 2;
  const centreY = (height - 1) / 2;
  const extent = ((width - 1) * Math.abs(cos) + (height - 1) * Math.abs(sin)) / 2;
  const data = new Float32Array(height * width * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const projection = (x - centreX) * cos + (y - centreY) * sin;
      const t = extent === 0 ? 0 : Math.min(1, Math.max(0, projection / (2 * extent) + 0.5));
      const offset = (y * width + x) * 3;
      for (let c = 0; c < 3; c++) data[offset + c] = from[c]! * (1 - t) + to[c]! * t;
    }
  }
  return new Tensor('float32', [1, height, width, 3], data);
}

/**
 * The pixels [x, x + width) × [y, y + height) of every image in the batch.
 * Out-of-bounds values throw a NodeError naming the field and the image size.
 */
export function cropImage(
  image: Tensor<'float32'>,
  x: number,
  y: number,
  width: number,
  height: number,
): Tensor<'float32'> {
  const shape = shapeOf(image);
  const size = `${shape.width}×${shape.height}`;
  const outside = (field: string, message: string) =>
    new NodeError('CROP_OUT_OF_BOUNDS', message, field);
  if (x < 0 || x >= shape.width) {
    throw outside(
      'x',
      `"x" is ${x}, but the image is ${size}: x must be from 0 to ${shape.width - 1}.`,
    );
  }
  if (y < 0 || y >= shape.height) {
    throw outside(
      'y',
      `"y" is ${y}, but the image is ${size}: y must be from 0 to ${shape.height - 1}.`,
    );
  }
  if (width < 1 || x + width > shape.width) {
    throw outside(
      'width',
      `"width" is ${width}, but from x = ${x} the ${size} image has only ${shape.width - x} pixels to the right edge.`,
    );
  }
  if (height < 1 || y + height > shape.height) {
    throw outside(
      'height',
      `"height" is ${height}, but from y = ${y} the ${size} image has only ${shape.height - y} pixels to the bottom edge.`,
    );
  }
  const { batch, channels } = shape;
  const data = new Float32Array(batch * height * width * channels);
  const rowLength = width * channels;
  for (let b = 0; b < batch; b++) {
    for (let row = 0; row < height; row++) {
      const source = ((b * shape.height + y + row) * shape.width + x) * channels;
      data.set(image.data.subarray(source, source + rowLength), (b * height + row) * rowLength);
    }
  }
  return withShape(image, { batch, height, width, channels }, data);
}

export interface Padding {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** Adds borders of `fill` (one value per channel) around every image of the batch. */
export function padImage(
  image: Tensor<'float32'>,
  padding: Padding,
  fill: readonly number[],
): Tensor<'float32'> {
  const shape = shapeOf(image);
  const { batch, channels } = shape;
  if (fill.length !== channels)
    throw new Error(`Padding needs ${channels} fill values, got ${fill.length}`);
  const width = shape.width + padding.left + padding.right;
  const height = shape.height + padding.top + padding.bottom;
  const data = new Float32Array(batch * height * width * channels);
  for (let i = 0; i < data.length; i += channels) data.set(fill, i);
  const rowLength = shape.width * channels;
  for (let b = 0; b < batch; b++) {
    for (let row = 0; row < shape.height; row++) {
      const source = (b * shape.height + row) * rowLength;
      const target = ((b * height + padding.top + row) * width + padding.left) * channels;
      data.set(image.data.subarray(source, source + rowLength), target);
    }
  }
  return withShape(image, { batch, height, width, channels }, data);
}

export const BLEND_MODES = ['normal', 'multiply', 'screen'] as const;
export type BlendMode = (typeof BLEND_MODES)[number];

export interface CompositeOptions {
  /** Where the overlay's top-left pixel lands on the base; may be negative. */
  x: number;
  y: number;
  /** 0–1, multiplied with the mask. */
  opacity: number;
  blend: BlendMode;
  /** The overlay's own alpha, [B, h, w] in the overlay's pixels. */
  mask?: Tensor<'float32'> | undefined;
}

function blendChannel(mode: BlendMode, base: number, overlay: number): number {
  switch (mode) {
    case 'normal':
      return overlay;
    case 'multiply':
      return base * overlay;
    case 'screen':
      return 1 - (1 - base) * (1 - overlay);
  }
}

/**
 * The batch size a set of batches broadcasts to: each is 1 or the largest.
 * `names` label the error.
 */
export function broadcastBatch(batches: readonly { name: string; batch: number }[]): number {
  const size = Math.max(...batches.map((entry) => entry.batch));
  const odd = batches.find((entry) => entry.batch !== 1 && entry.batch !== size);
  if (odd) {
    const list = batches.map((entry) => `${entry.name} has ${entry.batch}`).join(', ');
    throw new NodeError(
      'BATCH_MISMATCH',
      `Batch sizes do not match (${list}). Each must be 1 or the same as the others.`,
      odd.name,
    );
  }
  return size;
}

/**
 * result = base·(1 - a) + blend(base, overlay)·a, with a = opacity·mask,
 * over the part of the overlay that falls on the base; the rest of the base
 * is unchanged. Batches of 1 broadcast.
 */
export function compositeImages(
  base: Tensor<'float32'>,
  overlay: Tensor<'float32'>,
  options: CompositeOptions,
): Tensor<'float32'> {
  const b = shapeOf(base);
  const o = shapeOf(overlay);
  const { mask } = options;
  if (mask) {
    const m = shapeOf(mask);
    if (m.width !== o.width || m.height !== o.height) {
      throw new NodeError(
        'MASK_SIZE_MISMATCH',
        `The mask is ${m.width}×${m.height} but the overlay is ${o.width}×${o.height}. Resize the mask to match the overlay.`,
        'mask',
      );
    }
  }
  const batch = broadcastBatch([
    { name: 'base', batch: b.batch },
    { name: 'overlay', batch: o.batch },
    ...(mask ? [{ name: 'mask', batch: shapeOf(mask).batch }] : []),
  ]);
  const data = new Float32Array(batch * b.height * b.width * 3);
  const baseSize = b.height * b.width * 3;
  for (let item = 0; item < batch; item++) {
    data.set(
      base.data.subarray(
        (b.batch === 1 ? 0 : item) * baseSize,
        ((b.batch === 1 ? 0 : item) + 1) * baseSize,
      ),
      item * baseSize,
    );
  }
  const startX = Math.max(0, options.x);
  const endX = Math.min(b.width, options.x + o.width);
  const startY = Math.max(0, options.y);
  const endY = Math.min(b.height, options.y + o.height);
  for (let item = 0; item < batch; item++) {
    const overlayItem = o.batch === 1 ? 0 : item;
    const maskItem = mask && shapeOf(mask).batch === 1 ? 0 : item;
    for (let y = startY; y < endY; y++) {
      for (let x = startX; x < endX; x++) {
        const overlayPixel = (overlayItem * o.height + (y - options.y)) * o.width + (x - options.x);
        const alpha =
          options.opacity *
          (mask
            ? mask.data[(maskItem * o.height + (y - options.y)) * o.width + (x - options.x)]!
            : 1);
        const target = ((item * b.height + y) * b.width + x) * 3;
        for (let c = 0; c < 3; c++) {
          const under = data[target + c]!;
          const over = overlay.data[overlayPixel * 3 + c]!;
          data[target + c] = under * (1 - alpha) + blendChannel(options.blend, under, over) * alpha;
        }
      }
    }
  }
  return new Tensor('float32', [batch, b.height, b.width, 3], data);
}

export const RESIZE_MODES = ['stretch', 'fit', 'fill', 'pad'] as const;
export type ResizeMode = (typeof RESIZE_MODES)[number];

/**
 * The size to scale a source to before cropping (fill) or padding (pad):
 * stretch → exactly the target; fit and pad → the largest size inside the
 * target with the source's aspect; fill → the smallest size covering it.
 */
export function scaledSize(
  mode: ResizeMode,
  source: { width: number; height: number },
  target: { width: number; height: number },
): { width: number; height: number } {
  if (mode === 'stretch') return { ...target };
  const ratioX = target.width / source.width;
  const ratioY = target.height / source.height;
  const scale = mode === 'fill' ? Math.max(ratioX, ratioY) : Math.min(ratioX, ratioY);
  const fit = (value: number, limit: number) => {
    const rounded = Math.max(1, Math.round(value * scale));
    return mode === 'fill' ? Math.max(limit, rounded) : Math.min(limit, rounded);
  };
  return { width: fit(source.width, target.width), height: fit(source.height, target.height) };
}
