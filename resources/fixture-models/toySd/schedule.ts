/**
 * The Stable Diffusion training schedule ("scaled_linear", 0.00085 → 0.012,
 * 1000 steps) as float32 numbers, exactly as diffusers computes it with
 * PyTorch on an x86 CPU:
 *
 *     betas = torch.linspace(√0.00085, √0.012, 1000, dtype=float32) ** 2
 *     alphas_cumprod = torch.cumprod(1.0 - betas, dim=0)
 *
 * The computation lives in engine/common/diffusion/trainingSchedule.ts (the
 * samplers use the same numbers); this module pins the toy pipeline's config.
 * ᾱ[0] = 0.99914998, ᾱ[999] = 0.0046600960.
 */
import { parseSchedulerConfig } from '../../../engine/common/diffusion/schedulerConfig.ts';
import {
  alphasCumprod as scheduleAlphasCumprod,
  betas as scheduleBetas,
} from '../../../engine/common/diffusion/trainingSchedule.ts';

export const TRAIN_TIMESTEPS = 1000;
export const BETA_START = 0.00085;
export const BETA_END = 0.012;

const CONFIG = parseSchedulerConfig({
  num_train_timesteps: TRAIN_TIMESTEPS,
  beta_start: BETA_START,
  beta_end: BETA_END,
  beta_schedule: 'scaled_linear',
});

/** betas[t], float32, t = 0 … 999. */
export function betas(): Float32Array {
  return scheduleBetas(CONFIG);
}

/** ᾱ[t] = Π_{s ≤ t} (1 − β[s]), float32. */
export function alphasCumprod(): Float32Array {
  return scheduleAlphasCumprod(CONFIG);
}

/**
 * ᾱ at a fractional timestep, interpolated linearly between the two
 * neighbouring entries (exact at whole timesteps), clamped to [0, 999]. The
 * toy UNet computes the same thing in its graph.
 */
export function alphaCumprodAt(table: Float32Array, timestep: number): number {
  const clamped = Math.min(Math.max(timestep, 0), TRAIN_TIMESTEPS - 1);
  const low = Math.floor(clamped);
  const high = Math.min(low + 1, TRAIN_TIMESTEPS - 1);
  const fraction = clamped - low;
  return table[low]! + fraction * (table[high]! - table[low]!);
}
