/**
 * Inference timesteps for N steps, as diffusers' set_timesteps spaces them
 * (Table 2 of Lin et al., "Common Diffusion Noise Schedules and Sample Steps
 * are Flawed"), T = num_train_timesteps:
 * - leading: (0, r, 2r, …, (N − 1)·r) reversed + steps_offset, r = ⌊T/N⌋;
 * - trailing: round(arange(T, 0, −T/N)) − 1;
 * - linspace: linspace(0, T − 1, N) reversed; DDIM rounds it (half to even),
 *   the Euler family keeps the float32 values.
 * Pure.
 */
import { arange, linspace, roundHalfEven } from './numpyMath.ts';
import { DEFAULT_SPACING, type SchedulerConfig, type TimestepSpacing } from './schedulerConfig.ts';

type SpacingFields = Pick<
  SchedulerConfig,
  'num_train_timesteps' | 'steps_offset' | 'timestep_spacing'
>;

/**
 * DDIM's (and DDPM's) whole-number timesteps, first step first. The spacing
 * defaults to the config's, else DDIM's default, leading.
 */
export function timesteps(
  config: SpacingFields,
  steps: number,
  spacing: TimestepSpacing = config.timestep_spacing ?? DEFAULT_SPACING.ddim,
): Float64Array {
  checkSteps(config, steps);
  const count = config.num_train_timesteps;
  if (spacing === 'linspace') {
    return Float64Array.from(
      linspace(0, count - 1, steps)
        .map(roundHalfEven)
        .reverse(),
    );
  }
  return Float64Array.from(spacedTimesteps(config, steps, spacing));
}

/**
 * The Euler family's timesteps (EulerDiscrete, EulerAncestral, Heun, KDPM2):
 * float32 values, linspace ones unrounded. Spacing defaults as in
 * EulerDiscreteScheduler: the config's, else linspace.
 */
export function eulerTimesteps(
  config: SpacingFields,
  steps: number,
  spacing: TimestepSpacing = config.timestep_spacing ?? DEFAULT_SPACING.euler,
): Float64Array {
  checkSteps(config, steps);
  const values =
    spacing === 'linspace'
      ? linspace(0, config.num_train_timesteps - 1, steps).reverse()
      : spacedTimesteps(config, steps, spacing);
  return Float64Array.from(values, Math.fround);
}

function spacedTimesteps(
  config: SpacingFields,
  steps: number,
  spacing: 'leading' | 'trailing',
): number[] {
  const count = config.num_train_timesteps;
  if (spacing === 'leading') {
    const ratio = Math.floor(count / steps);
    return Array.from({ length: steps }, (_, i) => (steps - 1 - i) * ratio + config.steps_offset);
  }
  return arange(count, 0, -count / steps).map((value) => roundHalfEven(value) - 1);
}

export function checkSteps(
  config: Pick<SchedulerConfig, 'num_train_timesteps'>,
  steps: number,
): void {
  if (!Number.isInteger(steps) || steps < 1 || steps > config.num_train_timesteps) {
    throw new RangeError(
      `Steps must be a whole number from 1 to ${config.num_train_timesteps} (the model's training steps), got ${steps}`,
    );
  }
}
