/**
 * diffusers' DDIMScheduler.step with eta 0, in sigma space. Writing
 * x = x_t/√ᾱ_t and σ = √((1 − ᾱ)/ᾱ), the textbook update
 *     x0 = (x_t − √(1 − ᾱ_t)·ε)/√ᾱ_t,  x_prev = √ᾱ_prev·x0 + √(1 − ᾱ_prev)·ε
 * divided by √ᾱ_prev is x_prev/√ᾱ_prev = x0 + σ_prev·ε with ε = (x − x0)/σ,
 * which is exactly Euler's x + (σ_prev − σ)·(x − x0)/σ: DDIM (eta 0) is the
 * Euler step on DDIM's timesteps (ddim.test.ts runs both side by side).
 *
 * The one difference is the end: diffusers returns x_t itself, and with
 * set_alpha_to_one false the last σ is σ(ᾱ[0]) ≈ 0.029, not 0, so the last
 * step returns x/√(σ_last² + 1) (= √ᾱ[0]·x), the latent diffusers decodes.
 * Pure.
 */
import { euler } from './euler.ts';
import type { SamplerRun, SamplerStep } from './step.ts';

export function ddim(run: SamplerRun): SamplerStep {
  const step = euler(run);
  const lastIndex = run.schedule.sigmas.length - 2;
  const lastSigma = run.schedule.sigmas[lastIndex + 1] ?? 0;
  const finalScale = 1 / Math.sqrt(lastSigma * lastSigma + 1);
  return async (x, index) => {
    const result = await step(x, index);
    if (index !== lastIndex || lastSigma === 0) return result;
    return { x: result.x.map((value) => value * finalScale), denoised: result.denoised };
  };
}
