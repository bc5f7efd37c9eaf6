/**
 * k-diffusion's sample_euler (Karras et al. 2022, Algorithm 2 without churn):
 * one Euler step of the probability-flow ODE dx/dσ = (x − x0)/σ,
 *     x ← x + (σₙ − σ)·(x − x0)/σ.
 * Pure.
 */
import type { SamplerRun, SamplerStep } from './step.ts';
import { stepSigmas, stepTimestep } from './step.ts';
import { derivative, eulerMove } from './vectors.ts';

export function euler(run: SamplerRun): SamplerStep {
  return async (x, index) => {
    const [sigma, next] = stepSigmas(run.schedule, index);
    const denoised = await run.denoise(x, sigma, stepTimestep(run.schedule, index));
    return { x: eulerMove(x, derivative(x, denoised, sigma), next - sigma), denoised };
  };
}
