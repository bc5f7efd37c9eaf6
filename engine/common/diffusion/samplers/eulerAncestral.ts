/**
 * k-diffusion's sample_euler_ancestral with eta 1 (diffusers'
 * EulerAncestralDiscreteScheduler is the same step): an Euler step down to
 * σ_down, then fresh noise of σ_up, where σ_down² + σ_up² = σₙ² and σ_up is
 * the DDPM posterior's standard deviation (get_ancestral_step):
 *     σ_up = min(σₙ, √(σₙ²·(σ² − σₙ²)/σ²)),  σ_down = √(σₙ² − σ_up²).
 * The last step (σₙ = 0) draws no noise: diffusers draws one there and
 * multiplies it by 0, which no later output can see. Pure.
 */
import type { SamplerRun, SamplerStep } from './step.ts';
import { drawNoise, stepSigmas, stepTimestep } from './step.ts';
import { addScaled, derivative, eulerMove } from './vectors.ts';

export interface AncestralStep {
  down: number;
  up: number;
}

export function ancestralStep(sigmaFrom: number, sigmaTo: number): AncestralStep {
  const up = Math.min(
    sigmaTo,
    Math.sqrt((sigmaTo ** 2 * (sigmaFrom ** 2 - sigmaTo ** 2)) / sigmaFrom ** 2),
  );
  return { down: Math.sqrt(sigmaTo ** 2 - up ** 2), up };
}

export function eulerAncestral(run: SamplerRun): SamplerStep {
  return async (x, index) => {
    const [sigma, next] = stepSigmas(run.schedule, index);
    const denoised = await run.denoise(x, sigma, stepTimestep(run.schedule, index));
    const { down, up } = ancestralStep(sigma, next);
    const moved = eulerMove(x, derivative(x, denoised, sigma), down - sigma);
    return {
      x: next > 0 ? addScaled(moved, up, drawNoise(run, x.length)) : moved,
      denoised,
    };
  };
}
