/**
 * The residuals a split-export ControlNet hands to its UNet (OnnxStack's
 * export): SD 1.5's twelve down-block residuals and the mid-block residual,
 * with their real channel counts, sized here for the toy's 8×8 latents. The
 * toy ControlNet writes them and the toy pipeline's `controlnet/` UNet reads
 * them; only the mid-block residual carries anything (see unet.ts).
 */
import { LATENT_SIZE } from './dataset.ts';

export interface ResidualSpec {
  name: string;
  channels: number;
  size: number;
}

const DOWN_BLOCKS: readonly [channels: number, downscale: number][] = [
  [320, 1],
  [320, 1],
  [320, 1],
  [320, 2],
  [640, 2],
  [640, 2],
  [640, 4],
  [1280, 4],
  [1280, 4],
  [1280, 8],
  [1280, 8],
  [1280, 8],
];

export const MID_RESIDUAL = 'mid_block_additional_residual';

export const CONTROL_RESIDUALS: readonly ResidualSpec[] = [
  ...DOWN_BLOCKS.map(([channels, downscale], index) => ({
    name: `down_block_${index}_additional_residual`,
    channels,
    size: LATENT_SIZE / downscale,
  })),
  { name: MID_RESIDUAL, channels: 1280, size: LATENT_SIZE / 8 },
];
