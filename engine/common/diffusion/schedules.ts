/**
 * The diffusers noise schedules, one import for the samplers. Each module
 * mirrors one diffusers routine; see their headers for the exact formulas and
 * what was checked against PyTorch/NumPy:
 * - schedulerConfig.ts: scheduler_config.json (zod) and per-class defaults;
 * - trainingSchedule.ts: betas, alphas_cumprod, training sigmas (torch float32);
 * - timesteps.ts: DDIM's and the Euler family's inference timesteps;
 * - eulerSchedule.ts: Euler/Heun/KDPM2 sigmas and init_noise_sigma;
 * - sigmaSchedules.ts: Karras, exponential, _sigma_to_t;
 * - dpmSolverSchedule.ts: DPM-Solver++ multistep timesteps and sigmas;
 * - lcmSchedule.ts: LCM timesteps and boundary condition.
 * Pure.
 */
export {
  DEFAULT_SPACING,
  TIMESTEP_SPACINGS,
  parseSchedulerConfig,
  schedulerConfigSchema,
  type SchedulerConfig,
  type SchedulerConfigInput,
  type TimestepSpacing,
} from './schedulerConfig.ts';
export { alphasCumprod, betas, finalAlphaCumprod, trainingSigmas } from './trainingSchedule.ts';
export { eulerTimesteps, timesteps } from './timesteps.ts';
export {
  eulerSigmas,
  initNoiseSigma,
  type EulerSigmaOptions,
  type SigmaSchedule,
} from './eulerSchedule.ts';
export { exponentialSigmas, karrasSigmas, logSigmas, sigmaToTimestep } from './sigmaSchedules.ts';
export {
  dpmSolverSigmas,
  dpmSolverTimesteps,
  type DpmSolverSigmaOptions,
} from './dpmSolverSchedule.ts';
export { lcmBoundary, lcmTimesteps, type LcmBoundary } from './lcmSchedule.ts';
