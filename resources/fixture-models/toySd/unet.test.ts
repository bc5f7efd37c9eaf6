import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPcg32 } from '../../../engine/common/rng.ts';
import { CONTROL_RESIDUALS } from './controlResiduals.ts';
import { COLOURS, ITEMS, SHAPES, itemIndex, scaledLatents } from './dataset.ts';
import { pseudoInverse } from './linearAlgebra.ts';
import { alphaCumprodAt, alphasCumprod } from './schedule.ts';
import type { TempFolder } from './testing.ts';
import { openSession, promptIds, stack, tempFolder } from './testing.ts';
import { PROMPT_WEIGHT } from './unet.ts';
import { TOY_SD_FOLDER, writeToySd } from './write.ts';

const LATENT = 256;
const latents = scaledLatents();
const table = alphasCumprod();

function gaussians(seed: number, count: number): Float32Array {
  const rng = createPcg32(BigInt(seed), 3n);
  return Float32Array.from(
    { length: count },
    () => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next()),
  );
}

/** The posterior mean in float64, straight from the formula in unet.ts. */
function referenceDenoised(x: ArrayLike<number>, timestep: number, prompt: string): Float64Array {
  const alpha = alphaCumprodAt(table, timestep);
  const words = new Set(prompt.split(' '));
  const logits = ITEMS.map((item, i) => {
    let distance = 0;
    for (let p = 0; p < LATENT; p++) distance += (x[p]! - Math.sqrt(alpha) * latents[i]![p]!) ** 2;
    const matches =
      Number(words.has(COLOURS[item.colour]!)) + Number(words.has(SHAPES[item.shape]!));
    return PROMPT_WEIGHT * matches - distance / (2 * (1 - alpha));
  });
  const top = Math.max(...logits);
  const weights = logits.map((logit) => Math.exp(logit - top));
  const total = weights.reduce((sum, w) => sum + w, 0);
  const result = new Float64Array(LATENT);
  weights.forEach((w, i) => latents[i]!.forEach((z, p) => (result[p]! += (w / total) * z)));
  return result;
}

/** x̂0 from an ε prediction. */
function denoisedFrom(
  x: ArrayLike<number>,
  epsilon: ArrayLike<number>,
  timestep: number,
): Float64Array {
  const alpha = alphaCumprodAt(table, timestep);
  return Float64Array.from(
    { length: x.length },
    (_, p) => (x[p]! - Math.sqrt(1 - alpha) * epsilon[p]!) / Math.sqrt(alpha),
  );
}

/** The dataset weights w with x̂0 = Σ wᵢ zᵢ. */
function weightsOf(denoised: ArrayLike<number>): number[] {
  return pseudoInverse(latents).map((row) =>
    row.reduce((sum, value, p) => sum + value * denoised[p]!, 0),
  );
}

function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

describe('toy SD UNet (exact posterior-mean denoiser)', () => {
  let folder: TempFolder;
  let unet: ort.InferenceSession;
  let controlUnet: ort.InferenceSession;
  let textEncoder: ort.InferenceSession;

  async function hiddenStates(...prompts: string[]): Promise<Float32Array> {
    const ids = stack(prompts.map(promptIds));
    const result = await textEncoder.run({
      input_ids: new ort.Tensor('int32', Int32Array.from(ids), [prompts.length, 77]),
    });
    return result.last_hidden_state!.data as Float32Array;
  }

  async function predict(
    x: Float32Array,
    timesteps: number[],
    hidden: Float32Array,
    session = unet,
    extra: Record<string, ort.Tensor> = {},
  ): Promise<Float32Array> {
    const batch = x.length / LATENT;
    const result = await session.run({
      sample: new ort.Tensor('float32', x, [batch, 4, 8, 8]),
      timestep: new ort.Tensor('float32', Float32Array.from(timesteps), [timesteps.length]),
      encoder_hidden_states: new ort.Tensor('float32', hidden, [batch, 77, 768]),
      ...extra,
    });
    expect(result.out_sample!.dims).toEqual([batch, 4, 8, 8]);
    return result.out_sample!.data as Float32Array;
  }

  beforeAll(async () => {
    folder = await tempFolder();
    await writeToySd(folder.path);
    const pipeline = join(folder.path, TOY_SD_FOLDER);
    unet = await openSession(join(pipeline, 'unet/model.onnx'));
    controlUnet = await openSession(join(pipeline, 'controlnet/model.onnx'));
    textEncoder = await openSession(join(pipeline, 'text_encoder/model.onnx'));
  });
  afterAll(() => folder.remove());

  it('has the UNet contract: sample, timestep, encoder_hidden_states → out_sample', () => {
    expect(unet.inputNames).toEqual(['sample', 'timestep', 'encoder_hidden_states']);
    expect(unet.outputNames).toEqual(['out_sample']);
    expect(controlUnet.inputNames).toEqual([
      'sample',
      'timestep',
      'encoder_hidden_states',
      ...CONTROL_RESIDUALS.map((spec) => spec.name),
    ]);
  });

  it('at t = 1, given a noisy red circle, predicts the noise exactly: x̂0 is the red circle', async () => {
    const circle = latents[itemIndex('red', 'circle')]!;
    const noise = gaussians(1, LATENT);
    const alpha = table[1]!;
    const x = circle.map((z, p) => Math.sqrt(alpha) * z + Math.sqrt(1 - alpha) * noise[p]!);
    const epsilon = await predict(x, [1], await hiddenStates(''));
    expect(maxDifference(epsilon, noise)).toBeLessThan(1e-3);
    expect(maxDifference(denoisedFrom(x, epsilon, 1), circle)).toBeLessThan(1e-4);
  });

  it('at t = 999 with an empty prompt, x̂0 is close to the dataset mean', async () => {
    const x = gaussians(2, LATENT);
    const denoised = denoisedFrom(x, await predict(x, [999], await hiddenStates('')), 999);
    const weights = weightsOf(denoised);
    for (const weight of weights) expect(Math.abs(weight - 1 / 9)).toBeLessThan(0.06);
    expect(maxDifference(denoised, referenceDenoised(x, 999, ''))).toBeLessThan(1e-3);
  });

  it('raises the weight of the prompt’s item: "a blue square" at t = 999', async () => {
    const x = gaussians(2, LATENT);
    const hidden = await hiddenStates('', 'a blue square');
    const epsilon = await predict(stack([x, x]), [999], hidden);
    const [empty, prompted] = [0, 1].map((row) =>
      weightsOf(denoisedFrom(x, epsilon.subarray(row * LATENT, (row + 1) * LATENT), 999)),
    );
    const blueSquare = itemIndex('blue', 'square');
    expect(prompted![blueSquare]).toBeGreaterThan(0.5);
    expect(prompted![blueSquare]).toBeGreaterThan(5 * empty![blueSquare]!);
    expect(Math.max(...prompted!)).toBe(prompted![blueSquare]);
    const denoised = denoisedFrom(x, epsilon.subarray(LATENT), 999);
    expect(maxDifference(denoised, referenceDenoised(x, 999, 'a blue square'))).toBeLessThan(1e-3);
  });

  it('matches the float64 formula at mid and fractional timesteps', async () => {
    const base = gaussians(3, LATENT);
    const target = latents[itemIndex('green', 'triangle')]!;
    for (const timestep of [500, 500.5, 740.25]) {
      const alpha = alphaCumprodAt(table, timestep);
      const x = target.map((z, p) => Math.sqrt(alpha) * z + Math.sqrt(1 - alpha) * base[p]!);
      const epsilon = await predict(x, [timestep], await hiddenStates('a photo of a green circle'));
      const expected = referenceDenoised(x, timestep, 'a photo of a green circle');
      expect(maxDifference(denoisedFrom(x, epsilon, timestep), expected)).toBeLessThan(1e-3);
    }
  });

  it('runs a batch of 2 (CFG) row by row, with one timestep per row or one for all', async () => {
    const [a, b] = [gaussians(4, LATENT), gaussians(5, LATENT)];
    const [uncond, cond] = [await hiddenStates(''), await hiddenStates('a red circle')];
    const both = await hiddenStates('', 'a red circle');
    const batched = await predict(stack([a, b]), [801, 801], both);
    const shared = await predict(stack([a, b]), [801], both);
    const first = await predict(a, [801], uncond);
    const second = await predict(b, [801], cond);
    expect(maxDifference(batched, stack([first, second]))).toBeLessThan(1e-6);
    expect(shared).toEqual(batched);
    const mixed = await predict(stack([a, b]), [801, 21], both);
    expect(maxDifference(mixed.subarray(LATENT), await predict(b, [21], cond))).toBeLessThan(1e-6);
  });

  describe('ControlNet variant (controlnet/model.onnx)', () => {
    function residuals(batch: number, itemScores?: number[]): Record<string, ort.Tensor> {
      return Object.fromEntries(
        CONTROL_RESIDUALS.map((spec) => {
          const data = new Float32Array(batch * spec.channels * spec.size * spec.size);
          if (spec.name === 'mid_block_additional_residual' && itemScores) {
            for (let row = 0; row < batch; row++) data.set(itemScores, row * spec.channels);
          }
          return [
            spec.name,
            new ort.Tensor('float32', data, [batch, spec.channels, spec.size, spec.size]),
          ];
        }),
      );
    }

    it('with zero residuals, equals the plain UNet', async () => {
      const x = gaussians(6, 2 * LATENT);
      const hidden = await hiddenStates('', 'a green square');
      const plain = await predict(x, [601], hidden);
      const controlled = await predict(x, [601], hidden, controlUnet, residuals(2));
      expect(controlled).toEqual(plain);
    });

    it('adds the first nine mid-residual channels to the log prior, one per item', async () => {
      const x = gaussians(7, LATENT);
      const scores = ITEMS.map((item) => (item.index === itemIndex('green', 'triangle') ? 6 : 0));
      const hidden = await hiddenStates('');
      const epsilon = await predict(x, [999], hidden, controlUnet, residuals(1, scores));
      const weights = weightsOf(denoisedFrom(x, epsilon, 999));
      const plain = weightsOf(denoisedFrom(x, await predict(x, [999], hidden), 999));
      const triangle = itemIndex('green', 'triangle');
      // e⁶ ≈ 403 times the prior weight: from about 1/9 to above 0.95.
      expect(plain[triangle]).toBeLessThan(0.2);
      expect(weights[triangle]).toBeGreaterThan(0.95);
    });
  });
});
