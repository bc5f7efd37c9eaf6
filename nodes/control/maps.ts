/**
 * Pure per-pixel control-map math on IMAGE tensors (float32 [B, H, W, 3] in
 * [0, 1]): the scribble threshold and the inversion. Canny and depth have
 * their own modules.
 */
import { Tensor } from '../../engine/common/tensor.ts';

/** Rec. 601 luma weights, as OpenCV's grey conversion and ControlNet's annotators use. */
export const LUMA_WEIGHTS = [0.299, 0.587, 0.114] as const;

/**
 * White (1, 1, 1) where 0.299·R + 0.587·G + 0.114·B > threshold, black
 * elsewhere; `invert` swaps the two, so dark strokes on white paper become the
 * white-on-black scribble ControlNet expects.
 */
export function thresholdImage(
  image: Tensor<'float32'>,
  threshold: number,
  invert: boolean,
): Tensor<'float32'> {
  const out = new Float32Array(image.size);
  for (let at = 0; at < image.size; at += 3) {
    const luma =
      LUMA_WEIGHTS[0] * image.data[at]! +
      LUMA_WEIGHTS[1] * image.data[at + 1]! +
      LUMA_WEIGHTS[2] * image.data[at + 2]!;
    const value = luma > threshold !== invert ? 1 : 0;
    out[at] = value;
    out[at + 1] = value;
    out[at + 2] = value;
  }
  return new Tensor('float32', image.dims, out);
}

/** 1 − v for every channel (negative of the image). */
export function invertImage(image: Tensor<'float32'>): Tensor<'float32'> {
  return new Tensor(
    'float32',
    image.dims,
    image.data.map((value) => 1 - value),
  );
}
