import { describe, expect, it } from 'vitest';
import { parseSchedulerConfig } from './schedulerConfig.ts';

// Stable Diffusion 1.5's scheduler_config.json, as published.
const SD15 = {
  _class_name: 'PNDMScheduler',
  _diffusers_version: '0.6.0',
  beta_end: 0.012,
  beta_schedule: 'scaled_linear',
  beta_start: 0.00085,
  num_train_timesteps: 1000,
  set_alpha_to_one: false,
  skip_prk_steps: true,
  steps_offset: 1,
  trained_betas: null,
  clip_sample: false,
};

describe('parseSchedulerConfig', () => {
  it('reads a published config, keeps unknown keys and fills diffusers’ defaults', () => {
    const config = parseSchedulerConfig(SD15);
    expect(config.beta_schedule).toBe('scaled_linear');
    expect(config.steps_offset).toBe(1);
    expect(config.set_alpha_to_one).toBe(false);
    expect(config.prediction_type).toBe('epsilon');
    expect(config.use_karras_sigmas).toBe(false);
    expect(config.final_sigmas_type).toBe('zero');
    expect(config.original_inference_steps).toBe(50);
    expect(config.timestep_scaling).toBe(10);
    expect(config.timestep_spacing).toBeUndefined(); // each scheduler class has its own default
    expect(config['skip_prk_steps']).toBe(true);
  });

  it('uses diffusers’ class defaults for an empty config', () => {
    const config = parseSchedulerConfig({});
    expect([config.num_train_timesteps, config.beta_start, config.beta_end]).toEqual([
      1000, 0.0001, 0.02,
    ]);
    expect(config.beta_schedule).toBe('linear');
  });

  it('names the file and each bad field', () => {
    expect(() =>
      parseSchedulerConfig(
        { beta_schedule: 'sigmoid', steps_offset: -1 },
        'sd/scheduler/scheduler_config.json',
      ),
    ).toThrow(
      /^sd\/scheduler\/scheduler_config\.json is not a scheduler config .*beta_schedule: .*steps_offset: /,
    );
    expect(() => parseSchedulerConfig('nope')).toThrow(
      /scheduler_config\.json .*\(the whole file\)/,
    );
  });
});
