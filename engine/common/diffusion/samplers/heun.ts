/**
 * k-diffusion's sample_heun (Karras et al. 2022, Algorithm 2 without churn):
 * an Euler predictor to σₙ, a second model call there, and the step taken
 * with the mean of both slopes; the last step (σₙ = 0) stays Euler, since
 * the slope at σ = 0 is undefined. Two model calls per step but the last.
 * The second call gets the next step's timestep (or, past the schedule's
 * last timestep, one recovered from σₙ). Pure.
 */
import type { SamplerRun, SamplerStep } from './step.ts';
import { stepSigmas, stepTimestep } from './step.ts';
import { derivative, eulerMove } from './vectors.ts';

export function heun(run: SamplerRun): SamplerStep {
  return async (x, index) => {
    const [sigma, next] = stepSigmas(run.schedule, index);
    const denoised = await run.denoise(x, sigma, stepTimestep(run.schedule, index));
    const slope = derivative(x, denoised, sigma);
    const predicted = eulerMove(x, slope, next - sigma);
    if (next === 0) return { x: predicted, denoised };
    const corrector = derivative(
      predicted,
      await run.denoise(predicted, next, run.schedule.timesteps[index + 1] ?? run.timestepOf(next)),
      next,
    );
    const mean = new Float64Array(slope.length);
    for (let i = 0; i < slope.length; i++) mean[i] = (slope[i]! + corrector[i]!) / 2;
    return { x: eulerMove(x, mean, next - sigma), denoised };
  };
}
