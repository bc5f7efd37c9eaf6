/**
 * diffusers' scheduler_config.json, validated once. Field names stay as
 * diffusers writes them (snake_case), so a config file parses as it is.
 * Defaults are diffusers' where every scheduler class agrees; where the
 * classes disagree (timestep_spacing, set_alpha_to_one, clip_sample) the
 * field stays undefined when absent and each schedule function applies its
 * class's default (DEFAULT_SPACING), as `Scheduler.from_config` would. Keys
 * this schema does not name are kept. Pure.
 */
import { z } from 'zod';

export const TIMESTEP_SPACINGS = ['linspace', 'leading', 'trailing'] as const;
export type TimestepSpacing = (typeof TIMESTEP_SPACINGS)[number];

/** The timestep_spacing each diffusers class uses when its config has none. */
export const DEFAULT_SPACING = {
  euler: 'linspace',
  ddim: 'leading',
  dpmSolver: 'linspace',
  lcm: 'leading',
} as const satisfies Record<string, TimestepSpacing>;

export const schedulerConfigSchema = z.looseObject({
  _class_name: z.string().optional(),
  num_train_timesteps: z.int().min(2).default(1000),
  beta_start: z.number().positive().default(0.0001),
  beta_end: z.number().positive().default(0.02),
  beta_schedule: z.enum(['linear', 'scaled_linear', 'squaredcos_cap_v2']).default('linear'),
  trained_betas: z.array(z.number()).nullable().default(null),
  rescale_betas_zero_snr: z.boolean().default(false),
  prediction_type: z.enum(['epsilon', 'v_prediction', 'sample']).default('epsilon'),
  timestep_spacing: z.enum(TIMESTEP_SPACINGS).nullish(),
  steps_offset: z.int().min(0).default(0),
  // Euler family
  interpolation_type: z.enum(['linear', 'log_linear']).default('linear'),
  use_karras_sigmas: z.boolean().nullable().default(false),
  use_exponential_sigmas: z.boolean().nullable().default(false),
  use_beta_sigmas: z.boolean().nullable().default(false),
  sigma_min: z.number().positive().nullable().default(null),
  sigma_max: z.number().positive().nullable().default(null),
  timestep_type: z.enum(['discrete', 'continuous']).default('discrete'),
  final_sigmas_type: z.enum(['zero', 'sigma_min']).default('zero'),
  // DDIM and LCM
  set_alpha_to_one: z.boolean().nullish(),
  clip_sample: z.boolean().nullish(),
  clip_sample_range: z.number().positive().default(1),
  thresholding: z.boolean().default(false),
  dynamic_thresholding_ratio: z.number().default(0.995),
  sample_max_value: z.number().default(1),
  original_inference_steps: z.int().min(1).default(50),
  timestep_scaling: z.number().default(10),
  // DPM-Solver multistep
  solver_order: z.int().min(1).max(3).default(2),
  algorithm_type: z.string().default('dpmsolver++'),
  solver_type: z.enum(['midpoint', 'heun']).default('midpoint'),
  lower_order_final: z.boolean().default(true),
  euler_at_final: z.boolean().default(false),
});

export type SchedulerConfig = z.infer<typeof schedulerConfigSchema>;
export type SchedulerConfigInput = z.input<typeof schedulerConfigSchema>;

/**
 * Parses a scheduler_config.json value; the error names the file and each
 * bad field with what was expected.
 */
export function parseSchedulerConfig(
  value: unknown,
  file = 'scheduler_config.json',
): SchedulerConfig {
  const result = schedulerConfigSchema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const field = issue.path.join('.') || '(the whole file)';
    return `${field}: ${issue.message}`;
  });
  throw new Error(
    `${file} is not a scheduler config diffusers would accept: ${problems.join('; ')}. ` +
      'Fix the field in the pipeline folder, or re-export the pipeline.',
  );
}
