/**
 * # The toy Stable Diffusion pipeline
 *
 * A complete SD 1.x pipeline in the diffusers ONNX folder layout whose models
 * are tiny and known in closed form, so Weft's real loading, tokenizing and
 * sampling code can be tested without downloading weights.
 *
 * `writeToySd(root)` writes `root/diffusion/toy-sd/`:
 *
 *     model_index.json                 OnnxStableDiffusionPipeline
 *     scheduler/scheduler_config.json  PNDM, scaled_linear 0.00085 → 0.012, leading, offset 1
 *     tokenizer/                       CLIP files: vocab.json, merges.txt, special_tokens_map.json,
 *                                      tokenizer_config.json (tokenizerFiles.ts has the word ids)
 *     text_encoder/model.onnx          input_ids int32 [B,77] → last_hidden_state [B,77,768],
 *                                      pooler_output [B,768]                      (textEncoder.ts)
 *     unet/model.onnx                  sample [B,4,8,8], timestep float32 [B or 1],
 *                                      encoder_hidden_states [B,77,768] → out_sample (ε)  (unet.ts)
 *     controlnet/model.onnx            the same UNet taking the 13 ControlNet residuals too; the
 *                                      folder name is OnnxStack's for its ControlNet-enabled UNet
 *     vae_decoder/model.onnx           latent_sample [B,4,8,8] → sample [B,3,64,64] in [-1, 1]
 *     vae_encoder/model.onnx           sample [B,3,64,64] → latent_sample [B,4,8,8]  (vae.ts)
 *     <component>/config.json          optimum-style configs; the VAE's carry scaling_factor 0.18215
 *
 * The data (dataset.ts): nine 64×64 images, circle / square / triangle in
 * red / green / blue on a light background, captioned "a red circle" etc.,
 * each with a fixed latent (scaled latents ≈ N(0, 1), sharing most of their
 * values, ITEM_SPREAD = 0.2 their own).
 *
 * Guarantees (each checked by a test beside this file):
 * - The VAE is exact on the dataset: decode(zᵢ) = xᵢ and encode(xᵢ) = zᵢ
 *   (raw latents; the pipeline scales by 0.18215).
 * - The schedule is diffusers' float32 one: ᾱ[0] = 0.99914998,
 *   ᾱ[999] = 0.0046600951.
 * - The UNet is the exact posterior-mean denoiser of the dataset under that
 *   schedule, with a prompt prior of PROMPT_WEIGHT = 3 per matching colour or
 *   shape word; an empty prompt gives a uniform prior. Batches of any size
 *   give the rows' single results.
 * - A correct 20-step DDIM (or Euler, which is the same ODE) run of "a red
 *   circle" at CFG 7.5 ends at the red circle: Euler exactly (within float
 *   error), DDIM within its last step's noise √(1 − ᾱ[0]) ≈ 0.029 RMS. At
 *   CFG 1 about one seed in five ends at another item.
 * - Gross sampler mistakes show: CFG with the batch order swapped lands
 *   elsewhere for most seeds; DDIM started at Euler's noise scale ends about
 *   0.4 RMS off the dataset. Subtle ones do not change where a run lands (the
 *   denoiser's x̂0 is always a blend of dataset latents): with DDPM's linear
 *   betas in the sampler, or Euler without its input scaling, "a red circle"
 *   still ends near the red circle (Euler then 0.001 RMS off instead of 0), so
 *   sampler tests should also compare a run step by step with a float64
 *   reference built on schedule.ts.
 * - Generating twice gives identical bytes.
 *
 * The toy ControlNet that drives `controlnet/model.onnx` lives in
 * ../toyControlnet.
 */
import { join } from 'node:path';
import { buildUnet } from './unet.ts';
import { buildTextEncoder, HIDDEN_SIZE } from './textEncoder.ts';
import { END_OF_TEXT, MAX_LENGTH, START_OF_TEXT, tokenizerFiles } from './tokenizerFiles.ts';
import { buildVaeDecoder, buildVaeEncoder } from './vae.ts';
import {
  IMAGE_CHANNELS,
  IMAGE_SIZE,
  LATENT_CHANNELS,
  LATENT_SIZE,
  SCALING_FACTOR,
} from './dataset.ts';
import { BETA_END, BETA_START, TRAIN_TIMESTEPS } from './schedule.ts';
import type { FixtureFile } from '../files.ts';
import { writeFixtureFiles } from '../files.ts';

export const TOY_SD_FOLDER = 'diffusion/toy-sd';
const DIFFUSERS_VERSION = '0.30.0';

const vaeConfig = {
  _class_name: 'AutoencoderKL',
  _diffusers_version: DIFFUSERS_VERSION,
  in_channels: IMAGE_CHANNELS,
  out_channels: IMAGE_CHANNELS,
  latent_channels: LATENT_CHANNELS,
  sample_size: IMAGE_SIZE,
  scaling_factor: SCALING_FACTOR,
};

const unetConfig = {
  _class_name: 'UNet2DConditionModel',
  _diffusers_version: DIFFUSERS_VERSION,
  cross_attention_dim: HIDDEN_SIZE,
  in_channels: LATENT_CHANNELS,
  out_channels: LATENT_CHANNELS,
  sample_size: LATENT_SIZE,
};

/** Every file of the pipeline folder, by path inside it. */
export function toySdFiles(): Record<string, FixtureFile> {
  const tokenizer = Object.entries(tokenizerFiles()).map(
    ([name, text]) => [`tokenizer/${name}`, new TextEncoder().encode(text)] as const,
  );
  return {
    'model_index.json': {
      _class_name: 'OnnxStableDiffusionPipeline',
      _diffusers_version: DIFFUSERS_VERSION,
      feature_extractor: [null, null],
      requires_safety_checker: false,
      safety_checker: [null, null],
      scheduler: ['diffusers', 'PNDMScheduler'],
      text_encoder: ['diffusers', 'OnnxRuntimeModel'],
      tokenizer: ['transformers', 'CLIPTokenizer'],
      unet: ['diffusers', 'OnnxRuntimeModel'],
      vae_decoder: ['diffusers', 'OnnxRuntimeModel'],
      vae_encoder: ['diffusers', 'OnnxRuntimeModel'],
    },
    'scheduler/scheduler_config.json': {
      _class_name: 'PNDMScheduler',
      _diffusers_version: DIFFUSERS_VERSION,
      beta_end: BETA_END,
      beta_schedule: 'scaled_linear',
      beta_start: BETA_START,
      clip_sample: false,
      num_train_timesteps: TRAIN_TIMESTEPS,
      prediction_type: 'epsilon',
      set_alpha_to_one: false,
      skip_prk_steps: true,
      steps_offset: 1,
      timestep_spacing: 'leading',
      trained_betas: null,
    },
    ...Object.fromEntries(tokenizer),
    'text_encoder/model.onnx': buildTextEncoder(),
    'text_encoder/config.json': {
      architectures: ['CLIPTextModel'],
      bos_token_id: START_OF_TEXT,
      eos_token_id: END_OF_TEXT,
      hidden_size: HIDDEN_SIZE,
      max_position_embeddings: MAX_LENGTH,
      model_type: 'clip_text_model',
      vocab_size: END_OF_TEXT + 1,
    },
    'unet/model.onnx': buildUnet(),
    'unet/config.json': unetConfig,
    'controlnet/model.onnx': buildUnet({ controlnet: true }),
    'controlnet/config.json': unetConfig,
    'vae_decoder/model.onnx': buildVaeDecoder(),
    'vae_decoder/config.json': vaeConfig,
    'vae_encoder/model.onnx': buildVaeEncoder(),
    'vae_encoder/config.json': vaeConfig,
  };
}

/** Writes the toy pipeline into `root/diffusion/toy-sd/`. */
export async function writeToySd(root: string): Promise<void> {
  await writeFixtureFiles(join(root, TOY_SD_FOLDER), toySdFiles());
}
