/**
 * Stable Diffusion's latent space as the nodes see it: 4 channels at 1/8 of
 * the image size, and a cheap latent → RGB approximation for live previews.
 *
 * The preview is a per-pixel linear map of the scaled latent (x0 estimate)
 * with ComfyUI's SD 1.x factors (comfy/latent_formats.py, SD15
 * latent_rgb_factors), then (rgb + 1) / 2 clamped to [0, 1]:
 *
 *            R        G        B
 *   ch 0   0.3512   0.2297   0.3227
 *   ch 1   0.3250   0.4974   0.2350
 *   ch 2  −0.2829   0.1762   0.2721
 *   ch 3  −0.2120  −0.2616  −0.7177
 *
 * It is a rough picture of where the run is going, at latent resolution
 * (64 × 64 for a 512 × 512 image), not a decode; SD 2.x latents share it.
 */
import { Tensor } from '../../engine/common/tensor.ts';

export const LATENT_CHANNELS = 4;
/** Image pixels per latent pixel, each way. */
export const LATENT_SCALE = 8;

export const PREVIEW_FACTORS: readonly (readonly [number, number, number])[] = [
  [0.3512, 0.2297, 0.3227],
  [0.325, 0.4974, 0.235],
  [-0.2829, 0.1762, 0.2721],
  [-0.212, -0.2616, -0.7177],
];

/** A preview image float32 [1, h, w, 3] of one latent [4, h, w] (flat, channel-major). */
export function latentPreview(
  latent: Float32Array,
  height: number,
  width: number,
): Tensor<'float32'> {
  const plane = height * width;
  const rgb = new Float32Array(plane * 3);
  for (let p = 0; p < plane; p++) {
    for (let c = 0; c < 3; c++) {
      let value = 0;
      for (let channel = 0; channel < LATENT_CHANNELS; channel++)
        value += latent[channel * plane + p]! * PREVIEW_FACTORS[channel]![c]!;
      rgb[p * 3 + c] = Math.min(1, Math.max(0, (value + 1) / 2));
    }
  }
  return new Tensor('float32', [1, height, width, 3], rgb);
}

export function isAllZero(data: Float32Array): boolean {
  for (let i = 0; i < data.length; i++) if (data[i] !== 0) return false;
  return true;
}
