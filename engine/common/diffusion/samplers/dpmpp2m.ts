/**
 * k-diffusion's sample_dpmpp_2m: DPM-Solver++(2M) (Lu et al. 2022) in
 * sigma space, with t = −ln σ and h = t_next − t:
 *     x ← (σₙ/σ)·x − expm1(−h)·D,
 * where D is this step's x0 estimate on the first step and the last one
 * (σₙ = 0, which lands on D), and otherwise the second-order extrapolation
 * from the previous step's estimate, r = h_last/h:
 *     D = (1 + 1/(2r))·x0 − (1/(2r))·x0_previous.
 * diffusers' DPMSolverMultistepScheduler (dpmsolver++, midpoint) is the same
 * update written for x/√(σ² + 1). Pure.
 */
import type { SamplerRun, SamplerStep } from './step.ts';
import { stepSigmas, stepTimestep } from './step.ts';
import { combine } from './vectors.ts';

export function dpmpp2m(run: SamplerRun): SamplerStep {
  let previous: Float32Array | undefined;
  return async (x, index) => {
    const [sigma, next] = stepSigmas(run.schedule, index);
    const denoised = await run.denoise(x, sigma, stepTimestep(run.schedule, index));
    const h = Math.log(sigma) - Math.log(next);
    let target: ArrayLike<number> = denoised;
    if (previous !== undefined && next > 0) {
      const [sigmaBefore] = stepSigmas(run.schedule, index - 1);
      const ratio = (Math.log(sigmaBefore) - Math.log(sigma)) / h;
      target = combine(1 + 1 / (2 * ratio), denoised, -1 / (2 * ratio), previous);
    }
    previous = denoised;
    return { x: combine(next / sigma, x, -Math.expm1(-h), target), denoised };
  };
}
