import { describe, expect, it } from 'vitest';
import { fnv1aFloat32, float32Hex, hexWords } from './referenceData.ts';
import { parseSchedulerConfig } from './schedulerConfig.ts';
import { CONFIGS, TRAINING } from './schedules.reference.ts';
import {
  alphasCumprod,
  betas,
  finalAlphaCumprod,
  torchLinspaceFloat32,
  trainingSigmas,
} from './trainingSchedule.ts';

const sd = parseSchedulerConfig(CONFIGS.sd);

describe('training schedule (torch float32 on x86)', () => {
  it('SD’s ᾱ[0] = 0.99914998 and ᾱ[999] = 0.0046600960', () => {
    const table = alphasCumprod(sd);
    expect(table).toHaveLength(1000);
    expect(table[0]).toBe(Math.fround(0.99914998));
    expect(table[999]).toBe(Math.fround(0.004660096));
    // Unfused float32 linspace arithmetic would end at 0.0046600951 instead.
    expect(table[999]).not.toBe(Math.fround(0.0046600951));
  });

  it.each(Object.keys(TRAINING))('%s: betas and alphas_cumprod match torch to the bit', (name) => {
    const config = parseSchedulerConfig(CONFIGS[name as keyof typeof CONFIGS]);
    const reference = TRAINING[name]!;
    const table = alphasCumprod(config);
    const last = table.length - 1;
    expect(float32Hex([0, 1, 499, 500, 501, last - 1, last].map((t) => table[t]!))).toEqual(
      hexWords(reference.samples),
    );
    expect(fnv1aFloat32(betas(config))).toBe(reference.betas);
    expect(fnv1aFloat32(table)).toBe(reference.alphasCumprod);
  });

  it('torch.linspace counts from the end above halfway and fills 8 lanes from each lane base', () => {
    // Lanes 496…503 start below halfway (500), so 500…503 still count from the start.
    const values = torchLinspaceFloat32(Math.sqrt(0.00085), Math.sqrt(0.012), 1000);
    expect(values[0]).toBe(Math.fround(Math.sqrt(0.00085)));
    expect(values[999]).toBe(Math.fround(Math.sqrt(0.012)));
    expect(float32Hex(values.subarray(498, 506))).toEqual(
      float32Hex(betas(sd).subarray(498, 506).map(Math.sqrt)),
    );
    expect(Array.from(torchLinspaceFloat32(1, 2, 1))).toEqual([1]);
    expect(Array.from(torchLinspaceFloat32(0, 1, 5))).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it('σ runs from 0.0292 to SD’s σmax 14.6146 and the zero-SNR rescale ends at ᾱ = 0', () => {
    const sigmas = trainingSigmas(alphasCumprod(sd));
    expect(sigmas[0]).toBeCloseTo(0.029168, 6);
    expect(sigmas[999]).toBeCloseTo(14.614645, 5);
    expect(alphasCumprod(parseSchedulerConfig(CONFIGS.sdzsnr))[999]).toBe(0);
  });

  it('DDIM’s final ᾱ is 1 with set_alpha_to_one, else ᾱ[0]', () => {
    const table = alphasCumprod(sd);
    expect(finalAlphaCumprod(table, true)).toBe(1);
    expect(finalAlphaCumprod(table, false)).toBe(table[0]);
  });

  it('refuses trained_betas of the wrong length', () => {
    expect(() =>
      betas(parseSchedulerConfig({ num_train_timesteps: 3, trained_betas: [0.1, 0.2] })),
    ).toThrow('scheduler_config.json lists 2 trained_betas but num_train_timesteps is 3');
    expect(
      Array.from(
        betas(parseSchedulerConfig({ num_train_timesteps: 2, trained_betas: [0.5, 0.25] })),
      ),
    ).toEqual([0.5, 0.25]);
  });
});
