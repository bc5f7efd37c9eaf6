/**
 * A deliberately tiny 20-step DDIM / Euler loop for the fixtures' own tests
 * (leading spacing with steps_offset 1, set_alpha_to_one false, ε
 * prediction). It is not Weft's sampler; it only proves the fixtures behave.
 */
import { createPcg32 } from '../../../engine/common/rng.ts';
import { LATENT_LENGTH } from './dataset.ts';
import { alphasCumprod } from './schedule.ts';

export const STEPS = 20;
/** arange(20)·(1000 // 20) reversed, + steps_offset 1: 951, 901, …, 1. */
export const TIMESTEPS = Array.from({ length: STEPS }, (_, i) => (STEPS - 1 - i) * 50 + 1);

export interface SampleOptions {
  /** How many latents (one per seed) to sample at once. */
  count: number;
  sampler: 'ddim' | 'euler';
  /** The (guided) noise prediction for `count` model inputs at timestep t. */
  predict(input: Float32Array, timestep: number): Promise<Float32Array>;
}

export async function sampleLatents(options: SampleOptions): Promise<Float32Array> {
  const table = alphasCumprod();
  const sigma = (t: number) => Math.sqrt((1 - table[t]!) / table[t]!);
  const rng = createPcg32(2024n, 5n);
  const gaussian = () =>
    Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  const euler = options.sampler === 'euler';
  // init_noise_sigma: 1 for DDIM, √(σmax² + 1) for Euler with leading spacing.
  const start = euler ? Math.sqrt(sigma(TIMESTEPS[0]!) ** 2 + 1) : 1;
  const x = Float64Array.from({ length: options.count * LATENT_LENGTH }, () => gaussian() * start);
  for (const [step, t] of TIMESTEPS.entries()) {
    const previous = TIMESTEPS[step + 1];
    const scale = euler ? 1 / Math.sqrt(sigma(t) ** 2 + 1) : 1;
    const noise = await options.predict(
      Float32Array.from(x, (value) => value * scale),
      t,
    );
    const alpha = table[t]!;
    const alphaPrevious = table[previous ?? 0]!;
    for (let i = 0; i < x.length; i++) {
      if (euler) {
        x[i] = x[i]! + ((previous === undefined ? 0 : sigma(previous)) - sigma(t)) * noise[i]!;
      } else {
        const denoised = (x[i]! - Math.sqrt(1 - alpha) * noise[i]!) / Math.sqrt(alpha);
        x[i] = Math.sqrt(alphaPrevious) * denoised + Math.sqrt(1 - alphaPrevious) * noise[i]!;
      }
    }
  }
  return Float32Array.from(x);
}

/** Classifier-free guidance over a batch laid out [negative × n, positive × n]. */
export function guide(noise: Float32Array, guidance: number): Float32Array {
  const half = noise.length / 2;
  return Float32Array.from(
    { length: half },
    (_, i) => noise[i]! + guidance * (noise[half + i]! - noise[i]!),
  );
}
