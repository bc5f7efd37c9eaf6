/**
 * Text to image written by hand, the baseline of bench/pipeline.ts: the
 * tokenizer, the three ONNX Runtime sessions called directly, and the same
 * sampler code the Sampler node uses (engine/common/diffusion/samplers), with
 * nothing of the engine in between. Sessions, tokenizer and scheduler config
 * are opened once; `generate` is the work one run of graphs/txt2img.weft.json
 * does (two prompt encodes, the sampling loop and one VAE decode per image;
 * image b of a batch uses seed + b, as the Sampler node does). Given the
 * prompts' encodings from an earlier run (`encodePrompts`), it skips the
 * encodes, as a script re-run with only a new seed would.
 *
 * The denoiser is the textbook ε-prediction wrapper with CFG as one batch of
 * two, [negative, positive]: model input x/√(σ² + 1), ε = ε_neg + g·(ε_pos −
 * ε_neg), x0 = x − σ·ε. It covers what graphs/txt2img needs and no more
 * (no prompt weighting, no guidance rescale, no ControlNet).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { sample } from '../engine/common/diffusion/samplers/sample.ts';
import {
  initialNoiseScale,
  samplingSchedule,
} from '../engine/common/diffusion/samplers/schedule.ts';
import type {
  Denoiser,
  SamplerName,
  SchedulerName,
} from '../engine/common/diffusion/samplers/types.ts';
import type { SchedulerConfig } from '../engine/common/diffusion/schedulerConfig.ts';
import { parseSchedulerConfig } from '../engine/common/diffusion/schedulerConfig.ts';
import { TorchGenerator } from '../engine/common/diffusion/torchRandom.ts';
import { ClipTokenizer } from '../engine/common/prompt/clipTokenizer.ts';

const LATENT_CHANNELS = 4;
const LATENT_SCALE = 8;

export interface Txt2ImgSettings {
  prompt: string;
  negative: string;
  seed: number;
  steps: number;
  cfg: number;
  sampler: SamplerName;
  scheduler: SchedulerName;
  width: number;
  height: number;
  batch: number;
}

export interface DirectPipeline {
  tokenizer: ClipTokenizer;
  textEncoder: ort.InferenceSession;
  unet: ort.InferenceSession;
  vaeDecoder: ort.InferenceSession;
  config: SchedulerConfig;
  scalingFactor: number;
}

/** RGB images, NHWC [batch, height, width, 3] in [0, 1], as the engine's IMAGE. */
export interface DirectImage {
  dims: [number, number, number, 3];
  data: Float32Array;
}

/** The text encoder's hidden states for both prompts. */
export interface Encoded {
  positive: ort.Tensor;
  negative: ort.Tensor;
}

async function readJson(file: string): Promise<unknown> {
  return JSON.parse(await readFile(file, 'utf8')) as unknown;
}

/** Where the direct side gets an ONNX Runtime session for a model file. */
export type OpenSession = (path: string) => Promise<ort.InferenceSession>;

/** Plain CPU sessions of its own. */
const ownSession: OpenSession = (path) =>
  ort.InferenceSession.create(path, { executionProviders: ['cpu'] });

/**
 * Opens a diffusers-layout pipeline folder. bench/pipeline.ts passes the
 * engine's own sessions (from its session pool), so both sides run the very
 * same three sessions; without `openSession` it makes plain CPU ones.
 */
export async function openDirectPipeline(
  folder: string,
  openSession: OpenSession = ownSession,
): Promise<DirectPipeline> {
  const text = (relative: string) => readFile(join(folder, relative), 'utf8');
  const session = (component: string) => openSession(join(folder, component, 'model.onnx'));
  const tokenizer = ClipTokenizer.fromFiles({
    vocabJson: await text('tokenizer/vocab.json'),
    mergesTxt: await text('tokenizer/merges.txt'),
    specialTokensMap: await text('tokenizer/special_tokens_map.json'),
    tokenizerConfig: await text('tokenizer/tokenizer_config.json'),
  });
  const vae = (await readJson(join(folder, 'vae_decoder/config.json'))) as {
    scaling_factor?: number;
  };
  return {
    tokenizer,
    textEncoder: await session('text_encoder'),
    unet: await session('unet'),
    vaeDecoder: await session('vae_decoder'),
    config: parseSchedulerConfig(await readJson(join(folder, 'scheduler/scheduler_config.json'))),
    scalingFactor: vae.scaling_factor ?? 0.18215,
  };
}

async function encodePrompt(pipeline: DirectPipeline, prompt: string): Promise<ort.Tensor> {
  const { ids } = pipeline.tokenizer.encode(prompt);
  const outputs = await pipeline.textEncoder.run({
    input_ids: new ort.Tensor('int32', ids, [1, ids.length]),
  });
  return outputs.last_hidden_state!;
}

function guidedDenoiser(
  pipeline: DirectPipeline,
  negative: ort.Tensor,
  positive: ort.Tensor,
  cfg: number,
  shape: readonly [number, number, number],
): Denoiser {
  const [tokens = 0, width = 0] = positive.dims.slice(1);
  const text = new Float32Array(2 * tokens * width);
  text.set(negative.data as Float32Array, 0);
  text.set(positive.data as Float32Array, tokens * width);
  const hidden = new ort.Tensor('float32', text, [2, tokens, width]);
  const size = shape[0] * shape[1] * shape[2];
  return async (x, sigma, timestep) => {
    const scale = 1 / Math.sqrt(sigma * sigma + 1);
    const input = new Float32Array(2 * size);
    for (let i = 0; i < size; i++) input[i] = input[size + i] = x[i]! * scale;
    const outputs = await pipeline.unet.run({
      sample: new ort.Tensor('float32', input, [2, ...shape]),
      timestep: new ort.Tensor('float32', Float32Array.of(timestep), [1]),
      encoder_hidden_states: hidden,
    });
    const epsilon = outputs.out_sample!.data as Float32Array;
    const denoised = new Float32Array(size);
    for (let i = 0; i < size; i++) {
      const unconditional = epsilon[i]!;
      const guided = Math.fround(unconditional + cfg * (epsilon[size + i]! - unconditional));
      denoised[i] = x[i]! - sigma * guided;
    }
    return denoised;
  };
}

/** One latent [4, h, w] → one image, NHWC, written into `into` at `offset`. */
async function decode(
  pipeline: DirectPipeline,
  latent: Float32Array,
  shape: readonly number[],
  into: Float32Array,
  offset: number,
): Promise<void> {
  const scaled = latent.map((value) => value / pipeline.scalingFactor);
  const outputs = await pipeline.vaeDecoder.run({
    latent_sample: new ort.Tensor('float32', scaled, [1, ...shape]),
  });
  const planar = outputs.sample!.data as Float32Array;
  const plane = planar.length / 3;
  for (let p = 0; p < plane; p++)
    for (let c = 0; c < 3; c++)
      into[offset + p * 3 + c] = Math.min(1, Math.max(0, planar[c * plane + p]! / 2 + 0.5));
}

export async function encodePrompts(
  pipeline: DirectPipeline,
  settings: Txt2ImgSettings,
): Promise<Encoded> {
  return {
    positive: await encodePrompt(pipeline, settings.prompt),
    negative: await encodePrompt(pipeline, settings.negative),
  };
}

/** One text-to-image run: image b from seed `settings.seed + b`, PyTorch's CPU noise. */
export async function generate(
  pipeline: DirectPipeline,
  settings: Txt2ImgSettings,
  encoded?: Encoded,
): Promise<DirectImage> {
  const shape = [
    LATENT_CHANNELS,
    settings.height / LATENT_SCALE,
    settings.width / LATENT_SCALE,
  ] as const;
  const { positive, negative } = encoded ?? (await encodePrompts(pipeline, settings));
  const schedule = samplingSchedule(
    pipeline.config,
    settings.sampler,
    settings.scheduler,
    settings.steps,
  );
  const denoise = guidedDenoiser(pipeline, negative, positive, settings.cfg, shape);
  const start = initialNoiseScale(schedule);
  const pixels = settings.height * settings.width * 3;
  const data = new Float32Array(settings.batch * pixels);
  for (let b = 0; b < settings.batch; b++) {
    const generator = new TorchGenerator(settings.seed + b);
    const draw = () => generator.randn([1, ...shape]).data;
    const latent = await sample({
      sampler: settings.sampler,
      schedule,
      latent: draw().map((value) => value * start),
      denoise,
      noise: draw,
      config: pipeline.config,
    });
    await decode(pipeline, latent, shape, data, b * pixels);
  }
  return { dims: [settings.batch, settings.height, settings.width, 3], data };
}
