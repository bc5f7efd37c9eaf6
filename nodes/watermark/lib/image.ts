// The image shape the watermark math works on: 8-bit RGB, interleaved, row
// major (pixel (x, y) channel c at data[(y * width + x) * 3 + c]). Float images
// ([H, W, 3] float32 in [0, 1], also interleaved) convert with the two helpers
// below; the methods themselves are defined on the uint8 pixels, because that
// is what the invisible-watermark library marks and what files store.

export interface RgbImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Checks that `data` holds exactly width × height RGB pixels. */
export function assertRgbImage(image: RgbImage, what = 'image'): void {
  const { width, height, data } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new Error(
      `The ${what} has an invalid size ${width}×${height}; it needs a positive width and height.`,
    );
  }
  if (data.length !== width * height * 3) {
    throw new Error(
      `The ${what} holds ${data.length} bytes but ${width}×${height} RGB needs ${width * height * 3}; pass interleaved 8-bit RGB.`,
    );
  }
}

/** float32 [H, W, 3] in [0, 1] → uint8 RGB, rounding half up and clamping. */
export function rgbFromFloat(values: Float32Array, width: number, height: number): RgbImage {
  if (values.length !== width * height * 3) {
    throw new Error(
      `The float image holds ${values.length} values but ${width}×${height}×3 needs ${width * height * 3}.`,
    );
  }
  const data = new Uint8Array(values.length);
  for (let index = 0; index < values.length; index++) {
    const scaled = Math.round((values[index] ?? 0) * 255);
    data[index] = scaled < 0 ? 0 : scaled > 255 ? 255 : scaled;
  }
  return { width, height, data };
}

/** uint8 RGB → float32 [H, W, 3] in [0, 1]. */
export function rgbToFloat(image: RgbImage): Float32Array {
  const values = new Float32Array(image.data.length);
  for (let index = 0; index < values.length; index++)
    values[index] = (image.data[index] ?? 0) / 255;
  return values;
}
