/**
 * The σ schedule a sampler walks, from the pipeline's scheduler_config.json:
 *
 * - k-diffusion samplers (euler, euler_ancestral, heun, dpm_2, dpmpp_2m,
 *   dpmpp_2m_sde), "normal": diffusers' EulerDiscreteScheduler schedule for
 *   the config's timestep spacing (σ interpolated at the float timesteps,
 *   then 0), whatever the config says about Karras sigmas.
 * - Any sampler, "karras" / "exponential": N sigmas from σmax to σmin of the
 *   training sigmas (config sigma_max / sigma_min when set), then 0, with
 *   timesteps recovered from σ (_sigma_to_t). DDIM and LCM are sigma-space
 *   steps too (ddim.ts, lcm.ts), so they run on these sigmas as they are.
 * - ddim, "normal": DDIMScheduler's whole-number timesteps (leading +
 *   steps_offset unless the config spaces them otherwise) at σ = √((1 − ᾱ)/ᾱ),
 *   ending at the final ᾱ_prev: σ = 0 with set_alpha_to_one (the class
 *   default), σ(ᾱ[0]) ≈ 0.029 without it (SD's configs).
 * - lcm, "normal": LCMScheduler's timesteps picked from the origin grid
 *   (lcmTimesteps), then 0.
 *
 * img2img (strength < 1) follows diffusers' StableDiffusionImg2ImgPipeline
 * .get_timesteps: the full N-step schedule is made, and its last
 * ⌊N·strength⌋ steps are kept (Python's int(), i.e. truncation of the float
 * product: 20 × 0.3 keeps 6, 100 × 0.29 keeps 28); keeping none is an error,
 * as in diffusers. LCM instead shrinks its origin grid to ⌊O·strength⌋
 * entries and still runs N steps, as LatentConsistencyModelImg2ImgPipeline
 * does (set_timesteps(strength=…)).
 *
 * Zero-terminal-SNR configs (rescale_betas_zero_snr) end at ᾱ = 0, an
 * infinite σ; as EulerDiscreteScheduler does, ᾱ[T − 1] becomes 2⁻²⁴ so σmax
 * stays finite (≈ 4096). Pure.
 */
import { eulerSigmas, initNoiseSigma } from '../eulerSchedule.ts';
import { lcmTimesteps } from '../lcmSchedule.ts';
import type { SchedulerConfig } from '../schedulerConfig.ts';
import { timesteps as ddimTimesteps } from '../timesteps.ts';
import { alphasCumprod, finalAlphaCumprod, trainingSigmas } from '../trainingSchedule.ts';
import type { SamplerName, SamplingSchedule, SchedulerName } from './types.ts';

const f32 = Math.fround;

export function samplingSchedule(
  config: SchedulerConfig,
  sampler: SamplerName,
  scheduler: SchedulerName,
  steps: number,
  strength = 1,
): SamplingSchedule {
  if (!(strength > 0 && strength <= 1)) {
    throw new RangeError(`Denoise must be more than 0 and at most 1, got ${strength}`);
  }
  if (sampler === 'lcm' && scheduler === 'normal') return lcmSchedule(config, steps, strength);
  const full =
    sampler === 'ddim' && scheduler === 'normal'
      ? ddimSchedule(config, steps)
      : sigmaSchedule(config, sampler, scheduler, steps);
  return keepLastSteps(full, strength);
}

/**
 * The standard deviation of txt2img's starting latent, x_T = noise × this,
 * in sigma space. diffusers' init_noise_sigma translated:
 * - the Euler family (all k-diffusion samplers here): σ0 for linspace and
 *   trailing spacing, √(σ0² + 1) for leading (float32);
 * - DDIM and LCM start their VP latent x_T at plain noise (init_noise_sigma
 *   1), and x = x_T/√ᾱ is noise × √(σ0² + 1).
 * √(σ0² + 1) is the spread of x0 + σ0·ε for unit-variance data, so leading
 * Euler and DDIM start from the same distribution; with SD's σ0 ≈ 14.6 it
 * is 0.23 % wider than σ0. The model's input scaling x/√(σ² + 1) is the
 * denoiser's business, not this. img2img does not use this: it starts at
 * x0 + sigmas[0]·noise.
 */
export function initialNoiseScale(schedule: SamplingSchedule): number {
  return schedule.initNoiseSigma ?? schedule.sigmas[0] ?? 0;
}

function sigmaSchedule(
  config: SchedulerConfig,
  sampler: SamplerName,
  scheduler: SchedulerName,
  steps: number,
): SamplingSchedule {
  let schedule;
  if (scheduler === 'normal') {
    schedule = eulerSigmas(config, steps, { karras: false, exponential: false });
  } else {
    const table = trainingSigmaTable(config);
    // Linspace spacing spans t = 0 … T − 1, so the Karras/exponential range is the training one.
    const ranged = {
      ...config,
      sigma_min: config.sigma_min ?? table[0]!,
      sigma_max: config.sigma_max ?? table[table.length - 1]!,
    };
    schedule = eulerSigmas(ranged, steps, {
      spacing: 'linspace',
      karras: scheduler === 'karras',
      exponential: scheduler === 'exponential',
    });
  }
  const { sigmas, timesteps } = schedule;
  const vpNative = sampler === 'ddim' || sampler === 'lcm';
  return {
    sigmas,
    timesteps,
    initNoiseSigma: vpNative ? unitVarianceStart(sigmas) : initNoiseSigma(config, sigmas),
  };
}

function ddimSchedule(config: SchedulerConfig, steps: number): SamplingSchedule {
  const alphas = trainingAlphas(config);
  const table = trainingSigmas(alphas);
  const timesteps = ddimTimesteps(config, steps);
  const finalAlpha = finalAlphaCumprod(alphas, config.set_alpha_to_one ?? true);
  const finalSigma = Math.sqrt(f32(f32(1 - finalAlpha) / finalAlpha));
  const sigmas = Float32Array.from([...Array.from(timesteps, (t) => table[t]!), finalSigma]);
  return { sigmas, timesteps, initNoiseSigma: unitVarianceStart(sigmas) };
}

function lcmSchedule(config: SchedulerConfig, steps: number, strength: number): SamplingSchedule {
  const table = trainingSigmaTable(config);
  const timesteps = lcmTimesteps(config, steps, config.original_inference_steps, strength);
  const sigmas = Float32Array.from([...Array.from(timesteps, (t) => table[t]!), 0]);
  return { sigmas, timesteps, initNoiseSigma: unitVarianceStart(sigmas) };
}

function keepLastSteps(schedule: SamplingSchedule, strength: number): SamplingSchedule {
  const steps = schedule.timesteps.length;
  const kept = Math.min(Math.trunc(steps * strength), steps);
  if (kept < 1) {
    throw new RangeError(
      `Denoise ${strength} with ${steps} steps leaves no step to run (img2img runs ⌊steps × denoise⌋ of them); raise denoise or steps`,
    );
  }
  const start = steps - kept;
  return {
    ...schedule,
    sigmas: schedule.sigmas.slice(start),
    timesteps: schedule.timesteps.slice(start),
  };
}

function unitVarianceStart(sigmas: Float32Array): number {
  const first = sigmas[0]!;
  return f32(Math.sqrt(first * first + 1));
}

function trainingAlphas(config: SchedulerConfig): Float32Array {
  const alphas = alphasCumprod(config);
  if (config.rescale_betas_zero_snr) alphas[alphas.length - 1] = 2 ** -24;
  return alphas;
}

/** σ for t = 0 … T − 1 (float32), zero-SNR end made finite as above. */
export function trainingSigmaTable(config: SchedulerConfig): Float32Array {
  return trainingSigmas(trainingAlphas(config));
}
