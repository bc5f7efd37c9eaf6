/**
 * diffusers' LCMScheduler.step in sigma space. With x_t = x/√(σ² + 1) the
 * VP latent the model sees and x0 the denoiser's estimate, the consistency
 * function's boundary condition (lcmBoundary) gives
 *     denoised = c_out·x0 + c_skip·x_t,
 * and the next latent is diffusers' √ᾱₙ·denoised + √(1 − ᾱₙ)·z divided by
 * √ᾱₙ, i.e. x ← denoised + σₙ·z with fresh noise z; the last step (σₙ = 0)
 * draws none and returns denoised, which is what the pipeline decodes.
 * c_skip is below 10⁻⁵ on the origin grid's timesteps (t ≥ 19), so the
 * boundary term matters only near t = 0. Pure.
 */
import { lcmBoundary } from '../lcmSchedule.ts';
import type { SamplerRun, SamplerStep } from './step.ts';
import { drawNoise, stepSigmas, stepTimestep } from './step.ts';
import { addScaled, combine } from './vectors.ts';

export function lcm(run: SamplerRun): SamplerStep {
  return async (x, index) => {
    const [sigma, next] = stepSigmas(run.schedule, index);
    const timestep = stepTimestep(run.schedule, index);
    const estimate = await run.denoise(x, sigma, timestep);
    const { cSkip, cOut } = lcmBoundary(timestep, run.config.timestep_scaling);
    const denoised = combine(cOut, estimate, cSkip / Math.sqrt(sigma * sigma + 1), x);
    return {
      x: next > 0 ? addScaled(denoised, next, drawNoise(run, x.length)) : denoised,
      denoised,
    };
  };
}
