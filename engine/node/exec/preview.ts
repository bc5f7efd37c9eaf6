/** Small previews travel in progress events as 8-bit RGB, base64. */
import type { Tensor } from '../../common/tensor.ts';

export function previewToEvent(preview: Tensor<'float32'>): {
  width: number;
  height: number;
  rgb: string;
} {
  const [, height = 0, width = 0, channels = 3] = preview.dims;
  const rgb = new Uint8Array(width * height * 3);
  for (let pixel = 0; pixel < width * height; pixel++) {
    for (let c = 0; c < 3; c++) {
      const value = preview.data[pixel * channels + Math.min(c, channels - 1)] ?? 0;
      rgb[pixel * 3 + c] = Math.round(Math.min(1, Math.max(0, value)) * 255);
    }
  }
  return { width, height, rgb: Buffer.from(rgb).toString('base64') };
}
