/**
 * k-diffusion's sample_dpmpp_2m_sde with eta 1 and the midpoint solver:
 * DPM-Solver++(2M) for the reverse SDE. With h = ln σ − ln σₙ:
 *     x ← (σₙ/σ)·e^(−h)·x + (1 − e^(−2h))·x0
 *         + ½·(1 − e^(−2h))·(x0 − x0_previous)/r     (from the second step, r = h_last/h)
 *         + σₙ·√(1 − e^(−2h))·z,
 * and the last step (σₙ = 0) lands on x0. k-diffusion draws z from a
 * Brownian tree; here z is a fresh standard normal per step from run.noise,
 * which is what diffusers' DPMSolverMultistepScheduler with
 * algorithm_type "sde-dpmsolver++" does (one randn of the latent's shape per
 * step from the pipeline's generator), so a seed reproduces diffusers, not
 * k-diffusion's tree. As in eulerAncestral.ts the last step draws nothing.
 * Pure.
 */
import type { SamplerRun, SamplerStep } from './step.ts';
import { drawNoise, stepSigmas, stepTimestep } from './step.ts';
import { checkLengths } from './vectors.ts';

export function dpmpp2mSde(run: SamplerRun): SamplerStep {
  let previous: { denoised: Float32Array; h: number } | undefined;
  return async (x, index) => {
    const [sigma, next] = stepSigmas(run.schedule, index);
    const denoised = await run.denoise(x, sigma, stepTimestep(run.schedule, index));
    checkLengths(x, denoised);
    if (next === 0) return { x: denoised, denoised };
    const h = Math.log(sigma) - Math.log(next);
    const decay = (next / sigma) * Math.exp(-h);
    const kept = -Math.expm1(-2 * h);
    const before = previous;
    const correction = before === undefined ? 0 : (0.5 * kept * h) / before.h;
    const noiseScale = next * Math.sqrt(kept);
    const noise = drawNoise(run, x.length);
    previous = { denoised, h };
    const moved = new Float32Array(x.length);
    for (let i = 0; i < x.length; i++) {
      const slope = before === undefined ? 0 : denoised[i]! - before.denoised[i]!;
      moved[i] = decay * x[i]! + kept * denoised[i]! + correction * slope + noiseScale * noise[i]!;
    }
    return { x: moved, denoised };
  };
}
