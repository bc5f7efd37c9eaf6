/**
 * Between Weft's IMAGE (float32 [B, H, W, 3] in [0, 1]) and the NCHW tensors
 * the VAE and ControlNets take. Pure.
 */
import { Tensor } from '../../engine/common/tensor.ts';

/** One image of a batch as NCHW [1, 3, H, W], each value through `map`. */
export function imageToNchw(
  image: Tensor<'float32'>,
  index: number,
  map: (value: number) => number = (value) => value,
): Tensor<'float32'> {
  const [, height = 0, width = 0] = image.dims;
  const plane = height * width;
  const offset = index * plane * 3;
  const data = new Float32Array(plane * 3);
  for (let p = 0; p < plane; p++)
    for (let c = 0; c < 3; c++) data[c * plane + p] = map(image.data[offset + p * 3 + c]!);
  return new Tensor('float32', [1, 3, height, width], data);
}

/** NCHW [1, 3, H, W] → IMAGE [1, H, W, 3], each value through `map` then clipped to [0, 1]. */
export function nchwToImage(
  tensor: Tensor<'float32'>,
  map: (value: number) => number = (value) => value,
): Tensor<'float32'> {
  const [, , height = 0, width = 0] = tensor.dims;
  const plane = height * width;
  const data = new Float32Array(plane * 3);
  for (let p = 0; p < plane; p++)
    for (let c = 0; c < 3; c++)
      data[p * 3 + c] = Math.min(1, Math.max(0, map(tensor.data[c * plane + p]!)));
  return new Tensor('float32', [1, height, width, 3], data);
}
