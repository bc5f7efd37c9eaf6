/**
 * The Stable Diffusion training schedule ("scaled_linear", 0.00085 → 0.012,
 * 1000 steps) as float32 numbers, computed the way diffusers computes it on
 * the CPU:
 *
 *     betas = torch.linspace(√0.00085, √0.012, 1000, dtype=float32) ** 2
 *     alphas_cumprod = torch.cumprod(1.0 - betas, dim=0)
 *
 * torch's CPU linspace works in float32: step = (end − start) / 999, then
 * start + step·i for the first half and end − step·(999 − i) for the second
 * (its SIMD path gives the same numbers here). torch's CPU cumprod
 * accumulates float32 inputs in double and rounds each output to float32.
 * This gives ᾱ[0] = 0.99914998 and ᾱ[999] = 0.0046600951; a float32 running
 * product would end at 0.0046600914 instead.
 */

export const TRAIN_TIMESTEPS = 1000;
export const BETA_START = 0.00085;
export const BETA_END = 0.012;

const f32 = Math.fround;

/** betas[t], float32, t = 0 … 999. */
export function betas(): Float32Array {
  const start = f32(Math.sqrt(BETA_START));
  const end = f32(Math.sqrt(BETA_END));
  const step = f32(f32(end - start) / (TRAIN_TIMESTEPS - 1));
  const halfway = TRAIN_TIMESTEPS / 2;
  const result = new Float32Array(TRAIN_TIMESTEPS);
  for (let t = 0; t < TRAIN_TIMESTEPS; t++) {
    const root =
      t < halfway ? f32(start + f32(step * t)) : f32(end - f32(step * (TRAIN_TIMESTEPS - 1 - t)));
    result[t] = f32(root * root);
  }
  return result;
}

/** ᾱ[t] = Π_{s ≤ t} (1 − β[s]), float32. */
export function alphasCumprod(): Float32Array {
  const result = new Float32Array(TRAIN_TIMESTEPS);
  let product = 1;
  betas().forEach((beta, t) => {
    product *= f32(1 - beta);
    result[t] = product;
  });
  return result;
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
