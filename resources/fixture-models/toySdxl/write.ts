/**
 * # The toy SDXL pipeline
 *
 * A complete SDXL pipeline in the diffusers/optimum ONNX folder layout, built
 * from toy SD's pieces (../toySd: the nine-shape dataset, the CLIP-format
 * tokenizer, the schedule, the exact denoiser) so that Weft's SDXL path runs
 * real code on models known in closed form.
 *
 * `writeToySdxl(root)` writes `root/diffusion/toy-sdxl/`:
 *
 *     model_index.json                 StableDiffusionXLPipeline, force_zeros_for_empty_prompt
 *     scheduler/scheduler_config.json  EulerDiscrete, scaled_linear 0.00085 → 0.012, leading, offset 1
 *     tokenizer/                       toy SD's CLIP files, pad <|endoftext|> (49407)
 *     tokenizer_2/                     the same vocabulary, pad "!" (id 0), as SDXL's second tokenizer
 *     text_encoder/model.onnx          input_ids int64 → last_hidden_state, pooler_output,
 *                                      hidden_states.0…3, 32 wide          (textEncoders.ts)
 *     text_encoder_2/model.onnx        input_ids int64 → text_embeds, last_hidden_state,
 *                                      hidden_states.0…4, 48 wide          (textEncoders.ts)
 *     unet/model.onnx                  sample, timestep, encoder_hidden_states [B,77,80],
 *                                      text_embeds [B,48], time_ids [B,6] → out_sample  (unet.ts)
 *     vae_decoder/, vae_encoder/       toy SD's exact VAE at scaling factor 0.13025  (vae.ts)
 *     <component>/config.json          optimum-style configs; the VAE's carry scaling_factor 0.13025
 *
 * Guarantees (each checked by a test beside this file):
 * - SDXL's recipe, penultimate hidden states of both encoders side by side
 *   (text_encoder first), text_encoder_2's text_embeds as the pooled
 *   embedding, time_ids (64, 64, 0, 0, 64, 64), makes the UNet toy SD's exact
 *   denoiser: "a red circle" at CFG 7.5 lands on the red circle, on the same
 *   latent toy SD reaches with that seed.
 * - Each mistake leaves the prompt unheard or misread: zero text_embeds,
 *   time_ids of zeros (or 16 px off in all), last_hidden_state instead of
 *   hidden_states[-2] (colours and shapes rotated), the encoders in the other
 *   order.
 * - The VAE is exact on the dataset: decode(zᵢ / 0.13025) = xᵢ,
 *   encode(xᵢ) = zᵢ / 0.13025.
 * - Generating twice gives identical bytes; the folder is about 250 kB.
 */
import { join } from 'node:path';
import type { FixtureFile } from '../files.ts';
import { writeFixtureFiles } from '../files.ts';
import { IMAGE_CHANNELS, IMAGE_SIZE, LATENT_CHANNELS, LATENT_SIZE } from '../toySd/dataset.ts';
import { BETA_END, BETA_START, TRAIN_TIMESTEPS } from '../toySd/schedule.ts';
import { END_OF_TEXT, MAX_LENGTH, START_OF_TEXT, tokenizerFiles } from '../toySd/tokenizerFiles.ts';
import {
  LAYERS_1,
  LAYERS_2,
  TEXT_WIDTH_1,
  TEXT_WIDTH_2,
  buildTextEncoder1,
  buildTextEncoder2,
} from './textEncoders.ts';
import { NATIVE_TIME_IDS, TEXT_WIDTH, buildSdxlUnet } from './unet.ts';
import { XL_SCALING_FACTOR, buildXlVaeDecoder, buildXlVaeEncoder } from './vae.ts';

export const TOY_SDXL_FOLDER = 'diffusion/toy-sdxl';
const DIFFUSERS_VERSION = '0.30.0';

const vaeConfig = {
  _class_name: 'AutoencoderKL',
  _diffusers_version: DIFFUSERS_VERSION,
  force_upcast: true,
  in_channels: IMAGE_CHANNELS,
  out_channels: IMAGE_CHANNELS,
  latent_channels: LATENT_CHANNELS,
  sample_size: IMAGE_SIZE,
  scaling_factor: XL_SCALING_FACTOR,
};

function textEncoderConfig(architecture: string, width: number, layers: number) {
  return {
    architectures: [architecture],
    bos_token_id: START_OF_TEXT,
    eos_token_id: END_OF_TEXT,
    hidden_size: width,
    max_position_embeddings: MAX_LENGTH,
    model_type: 'clip_text_model',
    num_hidden_layers: layers,
    ...(architecture === 'CLIPTextModelWithProjection' ? { projection_dim: width } : {}),
    vocab_size: END_OF_TEXT + 1,
  };
}

function folder(name: string, files: Record<string, string>): [string, FixtureFile][] {
  return Object.entries(files).map(([file, text]) => [
    `${name}/${file}`,
    new TextEncoder().encode(text),
  ]);
}

/** Every file of the pipeline folder, by path inside it. */
export function toySdxlFiles(): Record<string, FixtureFile> {
  return {
    'model_index.json': {
      _class_name: 'StableDiffusionXLPipeline',
      _diffusers_version: DIFFUSERS_VERSION,
      force_zeros_for_empty_prompt: true,
      scheduler: ['diffusers', 'EulerDiscreteScheduler'],
      text_encoder: ['diffusers', 'OnnxRuntimeModel'],
      text_encoder_2: ['diffusers', 'OnnxRuntimeModel'],
      tokenizer: ['transformers', 'CLIPTokenizer'],
      tokenizer_2: ['transformers', 'CLIPTokenizer'],
      unet: ['diffusers', 'OnnxRuntimeModel'],
      vae_decoder: ['diffusers', 'OnnxRuntimeModel'],
      vae_encoder: ['diffusers', 'OnnxRuntimeModel'],
    },
    'scheduler/scheduler_config.json': {
      _class_name: 'EulerDiscreteScheduler',
      _diffusers_version: DIFFUSERS_VERSION,
      beta_end: BETA_END,
      beta_schedule: 'scaled_linear',
      beta_start: BETA_START,
      clip_sample: false,
      interpolation_type: 'linear',
      num_train_timesteps: TRAIN_TIMESTEPS,
      prediction_type: 'epsilon',
      sample_max_value: 1.0,
      set_alpha_to_one: false,
      skip_prk_steps: true,
      steps_offset: 1,
      timestep_spacing: 'leading',
      trained_betas: null,
      use_karras_sigmas: false,
    },
    ...Object.fromEntries(folder('tokenizer', tokenizerFiles())),
    ...Object.fromEntries(folder('tokenizer_2', tokenizerFiles('!'))),
    'text_encoder/model.onnx': buildTextEncoder1(),
    'text_encoder/config.json': textEncoderConfig('CLIPTextModel', TEXT_WIDTH_1, LAYERS_1),
    'text_encoder_2/model.onnx': buildTextEncoder2(),
    'text_encoder_2/config.json': textEncoderConfig(
      'CLIPTextModelWithProjection',
      TEXT_WIDTH_2,
      LAYERS_2,
    ),
    'unet/model.onnx': buildSdxlUnet(),
    'unet/config.json': {
      _class_name: 'UNet2DConditionModel',
      _diffusers_version: DIFFUSERS_VERSION,
      addition_embed_type: 'text_time',
      addition_time_embed_dim: 256,
      cross_attention_dim: TEXT_WIDTH,
      in_channels: LATENT_CHANNELS,
      out_channels: LATENT_CHANNELS,
      projection_class_embeddings_input_dim: TEXT_WIDTH_2 + 256 * NATIVE_TIME_IDS.length,
      sample_size: LATENT_SIZE,
    },
    'vae_decoder/model.onnx': buildXlVaeDecoder(),
    'vae_decoder/config.json': vaeConfig,
    'vae_encoder/model.onnx': buildXlVaeEncoder(),
    'vae_encoder/config.json': vaeConfig,
  };
}

/** Writes the toy SDXL pipeline into `root/diffusion/toy-sdxl/`. */
export async function writeToySdxl(root: string): Promise<void> {
  await writeFixtureFiles(join(root, TOY_SDXL_FOLDER), toySdxlFiles());
}
