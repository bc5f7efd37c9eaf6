/**
 * k-diffusion's sample_dpm_2 (DPM-Solver-2 in Karras et al.'s form, no
 * churn): an Euler half-step to the midpoint σ_mid = exp(lerp(ln σ, ln σₙ, ½))
 * = √(σ·σₙ), a second model call there, and the whole step taken with the
 * midpoint's slope; the last step (σₙ = 0) stays Euler. The midpoint's
 * timestep comes from run.timestepOf (diffusers' _sigma_to_t, as KDPM2's
 * interpolated timesteps). Pure.
 */
import type { SamplerRun, SamplerStep } from './step.ts';
import { stepSigmas, stepTimestep } from './step.ts';
import { derivative, eulerMove } from './vectors.ts';

export function dpm2(run: SamplerRun): SamplerStep {
  return async (x, index) => {
    const [sigma, next] = stepSigmas(run.schedule, index);
    const denoised = await run.denoise(x, sigma, stepTimestep(run.schedule, index));
    const slope = derivative(x, denoised, sigma);
    if (next === 0) return { x: eulerMove(x, slope, next - sigma), denoised };
    const logSigma = Math.log(sigma);
    const middle = Math.exp(logSigma + 0.5 * (Math.log(next) - logSigma));
    const halfway = eulerMove(x, slope, middle - sigma);
    const middleDenoised = await run.denoise(halfway, middle, run.timestepOf(middle));
    return {
      x: eulerMove(x, derivative(halfway, middleDenoised, middle), next - sigma),
      denoised,
    };
  };
}
