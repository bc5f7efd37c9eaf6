/**
 * Classifier-free guidance on the UNet's noise predictions, as diffusers'
 * StableDiffusionPipeline does it:
 *
 *   ε = ε_uncond + g · (ε_cond − ε_uncond)
 *
 * and guidance rescale φ (rescale_noise_cfg, "Common Diffusion Noise
 * Schedules and Sample Steps are Flawed", §3.4): the guided prediction is
 * scaled to the standard deviation of ε_cond (torch.std, unbiased) and
 * blended back, ε ← φ · ε · std(ε_cond) / std(ε) + (1 − φ) · ε. Both
 * predictions here are one image's, so the std is over all its values.
 * Arithmetic in float64, stored as float32. Pure.
 */

export function guide(
  uncond: Float32Array,
  cond: Float32Array,
  scale: number,
  rescale = 0,
): Float32Array {
  const guided = new Float32Array(cond.length);
  for (let i = 0; i < cond.length; i++) guided[i] = uncond[i]! + scale * (cond[i]! - uncond[i]!);
  if (rescale === 0) return guided;
  const ratio = standardDeviation(cond) / standardDeviation(guided);
  if (!Number.isFinite(ratio)) return guided;
  for (let i = 0; i < guided.length; i++)
    guided[i] = rescale * guided[i]! * ratio + (1 - rescale) * guided[i]!;
  return guided;
}

export function standardDeviation(values: Float32Array): number {
  let sum = 0;
  for (const value of values) sum += value;
  const mean = sum / values.length;
  let squares = 0;
  for (const value of values) squares += (value - mean) ** 2;
  return Math.sqrt(squares / (values.length - 1));
}
