/**
 * The 8-bit pixels OpenCV-based preprocessors work on, and the way back to
 * Weft images. ControlNet's annotators get `np.array(pil_image)`, uint8 RGB
 * in HWC order; a Weft image is float32 [B, H, W, 3] in [0, 1], so each value
 * becomes round(v · 255), clamped to 0–255, which gives back the exact bytes
 * of any image that came from an 8-bit file.
 */
import { Tensor } from '../../engine/common/tensor.ts';

/** Interleaved 8-bit pixels, row-major HWC (one or three channels). */
export interface Pixels8 {
  width: number;
  height: number;
  channels: 1 | 3;
  data: Uint8Array;
}

/** Image `index` of a batch [B, H, W, 3] as 8-bit RGB. */
export function imageToPixels8(image: Tensor<'float32'>, index: number): Pixels8 {
  const [, height = 0, width = 0] = image.dims;
  const size = height * width * 3;
  const source = image.data.subarray(index * size, (index + 1) * size);
  const data = new Uint8Array(size);
  for (let i = 0; i < size; i++) data[i] = Math.round(Math.min(1, Math.max(0, source[i]!)) * 255);
  return { width, height, channels: 3, data };
}

/**
 * OpenCV's cvtColor(RGB2GRAY) for 8-bit: the Rec. 601 weights 0.299, 0.587,
 * 0.114 in 15-bit fixed point (9798, 19235, 3735, summing to 2^15), rounded
 * half up: gray = (9798·R + 19235·G + 3735·B + 2^14) >> 15. Checked against
 * cv2 4.6 on all 2^24 colours.
 */
export function rgbToGray(rgb: Pixels8): Pixels8 {
  const count = rgb.width * rgb.height;
  const data = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    data[i] =
      (9798 * rgb.data[i * 3]! +
        19235 * rgb.data[i * 3 + 1]! +
        3735 * rgb.data[i * 3 + 2]! +
        16384) >>
      15;
  }
  return { width: rgb.width, height: rgb.height, channels: 1, data };
}

/** One-channel 8-bit maps (0–255) of equal size → IMAGE [B, H, W, 3], grey, v / 255. */
export function mapsToImage(maps: readonly Pixels8[]): Tensor<'float32'> {
  const { width = 0, height = 0 } = maps[0] ?? {};
  const plane = width * height;
  const out = new Float32Array(maps.length * plane * 3);
  maps.forEach((map, b) => {
    for (let i = 0; i < plane; i++) {
      const value = map.data[i]! / 255;
      const at = (b * plane + i) * 3;
      out[at] = value;
      out[at + 1] = value;
      out[at + 2] = value;
    }
  });
  return new Tensor('float32', [maps.length, height, width, 3], out);
}
