/**
 * diffusers' LCMScheduler: the inference timesteps picked from the
 * distillation ("origin") grid, and the consistency-model boundary
 * condition. Pure.
 *
 * The origin grid for O origin steps is k·(1 … ⌊O·strength⌋) − 1 with
 * k = ⌊T/O⌋ (999, 979, …, 19 for O = 50); N steps take the grid entries at
 * ⌊linspace(0, len, N, endpoint=False)⌋ of the reversed grid, so 4 steps give
 * 999, 759, 499, 259.
 */
import { linspace } from './numpyMath.ts';
import type { SchedulerConfig } from './schedulerConfig.ts';

const f32 = Math.fround;
const SIGMA_DATA = 0.5;

export function lcmTimesteps(
  config: Pick<SchedulerConfig, 'num_train_timesteps' | 'original_inference_steps'>,
  steps: number,
  originSteps = config.original_inference_steps,
  strength = 1,
): Float64Array {
  const trainSteps = config.num_train_timesteps;
  if (!Number.isInteger(originSteps) || originSteps < 1 || originSteps > trainSteps) {
    throw new RangeError(
      `LCM's original_inference_steps must be a whole number from 1 to ${trainSteps}, got ${originSteps}`,
    );
  }
  const skip = Math.floor(trainSteps / originSteps);
  const gridSize = Math.trunc(originSteps * strength);
  if (!Number.isInteger(steps) || steps < 1 || steps > gridSize || steps > originSteps) {
    throw new RangeError(
      `LCM can take 1 to ${Math.min(gridSize, originSteps)} steps here (origin steps ${originSteps} × strength ${strength}), got ${steps}`,
    );
  }
  const grid = Array.from({ length: gridSize }, (_, i) => (gridSize - i) * skip - 1);
  return Float64Array.from(
    linspace(0, gridSize, steps, false),
    (position) => grid[Math.floor(position)]!,
  );
}

export interface LcmBoundary {
  cSkip: number;
  cOut: number;
}

/**
 * get_scalings_for_boundary_condition_discrete(t): with s = t·timestep_scaling,
 * c_skip = σd²/(s² + σd²) and c_out = s/√(s² + σd²), σd = 0.5, in float32
 * as torch computes them from the int64 timestep.
 */
export function lcmBoundary(timestep: number, timestepScaling = 10): LcmBoundary {
  const scaled = f32(f32(timestep) * timestepScaling);
  const denominator = f32(f32(scaled * scaled) + SIGMA_DATA ** 2);
  return {
    cSkip: f32(SIGMA_DATA ** 2 / denominator),
    cOut: f32(scaled / f32(Math.sqrt(denominator))),
  };
}
