/**
 * Previews in progress events: small 8-bit RGB images, base64, at most one
 * per node every PREVIEW_INTERVAL_MS. A sampler step on a small model takes
 * well under a millisecond, and building, encoding and sending a preview
 * every step cost the toy txt2img run more than its model calls
 * (bench/pipeline); nobody sees more than ~10 frames a second of a preview.
 */
import type { Tensor } from '../../common/tensor.ts';

export const PREVIEW_INTERVAL_MS = 100;

export interface PreviewGate {
  /** Whether a preview now would be sent (ctx.wantsPreview). */
  readonly due: () => boolean;
  /** Claims the slot: true (and the clock restarts) when due, false otherwise. */
  readonly take: () => boolean;
}

/** One node's throttle; `enabled` false sends no preview at all (nobody listens). */
export function createPreviewGate(enabled: boolean, now: () => number): PreviewGate {
  let last = -Infinity;
  const due = () => enabled && now() - last >= PREVIEW_INTERVAL_MS;
  return {
    due,
    take() {
      if (!due()) return false;
      last = now();
      return true;
    },
  };
}

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
