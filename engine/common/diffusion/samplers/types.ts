/**
 * The contract between the sampler algorithms (this folder, pure) and the
 * nodes that drive a real UNet (nodes/diffusion/). Samplers work in
 * k-diffusion's form: x lives in sigma space (x = x0 + σ·ε) and the model is
 * a denoiser returning its estimate of x0; the node wraps the UNet (input
 * scaling, ε → x0, classifier-free guidance, ControlNet residuals) into one.
 */

export const SAMPLERS = [
  'euler',
  'euler_ancestral',
  'heun',
  'dpm_2',
  'dpmpp_2m',
  'dpmpp_2m_sde',
  'ddim',
  'lcm',
] as const;
export type SamplerName = (typeof SAMPLERS)[number];

/** How sigmas are spread over the steps: the model config's own spacing, or Karras / exponential. */
export const SCHEDULERS = ['normal', 'karras', 'exponential'] as const;
export type SchedulerName = (typeof SCHEDULERS)[number];

export interface SamplingSchedule {
  /**
   * σ for each step boundary, descending, ending in 0: length steps + 1.
   * (DDIM with set_alpha_to_one false ends at σ of ᾱ[0] instead, as diffusers.)
   */
  sigmas: Float32Array;
  /** The UNet timestep for each step (may be fractional for interpolated sigmas): length steps. */
  timesteps: Float64Array;
  /**
   * Standard deviation of txt2img's starting noise in sigma space (diffusers'
   * init_noise_sigma, translated); σ0 when absent. See initialNoiseScale().
   */
  initNoiseSigma?: number;
}

/**
 * The model as a denoiser: given x at noise level σ (with its timestep),
 * returns the predicted clean latent x0, same length as x.
 */
export type Denoiser = (x: Float32Array, sigma: number, timestep: number) => Promise<Float32Array>;

export interface StepInfo {
  /** Steps done so far, 1 … total. */
  step: number;
  total: number;
  /** The latent after this step. */
  x: Float32Array;
  /** The model's x0 estimate at this step (for live previews). */
  denoised: Float32Array;
}
