/**
 * The toy SDXL UNet: toy SD's exact posterior-mean denoiser (toySd/unet.ts)
 * over the same nine latents, conditioned the way SDXL is.
 *
 * Contract (optimum SDXL export): `sample` float32 [B,4,8,8], `timestep`
 * float32 [T] (T = B or 1), `encoder_hidden_states` float32 [B,77,D1+D2]
 * (the two encoders' penultimate hidden states side by side, text_encoder's
 * first), `text_embeds` float32 [B,D2] (text_encoder_2's pooled projection),
 * `time_ids` float32 [B,6] = (orig_h, orig_w, crop_top, crop_left,
 * target_h, target_w) → `out_sample` float32 [B,4,8,8] (epsilon).
 *
 * Per batch row, the prompt prior of toy SD (PROMPT_WEIGHT per matching
 * colour or shape word) is built from three sources that must all agree:
 *   words in the text   colour flags of the text_encoder half (dims 0–2) and
 *                       shape flags of the text_encoder_2 half (dims D1+11
 *                       … D1+13), summed over the tokens, clipped to [0, 1]
 *   words in the pool   text_embeds dims 0–5, clipped to [0, 1]
 *   present             their product: a word counts only when both the
 *                       sequence and the pooled embedding carry it
 *   size gate           g = max(0, 1 − d/16), d = ‖time_ids − (64, 64, 0, 0,
 *                       64, 64)‖: the toy was "trained" on uncropped 64×64
 *                       images, so time_ids that say otherwise (zeros, a
 *                       real model's 1024s, a crop) fade the prompt out
 *   prior logit πᵢ      g · PROMPT_WEIGHT · present · [word names item i]
 * and the rest is toy SD's: wᵢ = softmax(πᵢ − ‖x − √ᾱ zᵢ‖² / (2(1 − ᾱ))),
 * x̂0 = Σ wᵢ zᵢ, out_sample = (x − √ᾱ x̂0) / √(1 − ᾱ).
 *
 * So with the right inputs this UNet is toy SD's exactly (the same prompt and
 * seed land on the same latent), and a missing pooled embedding, time_ids of
 * zeros, the last hidden state instead of the penultimate (colours and
 * shapes read rotated) or the encoders concatenated the other way each leave
 * the prompt unheard or misread.
 */
import { Tensor } from '../../../engine/common/tensor.ts';
import { OnnxBuilder } from '../onnx/builder.ts';
import {
  COLOURS,
  ITEMS,
  LATENT_CHANNELS,
  LATENT_LENGTH,
  LATENT_SIZE,
  SHAPES,
  scaledLatents,
} from '../toySd/dataset.ts';
import {
  PROMPT_WEIGHT,
  alphaBarOf,
  epsilonOutput,
  logLikelihoodOf,
  promptToPrior,
} from '../toySd/unet.ts';
import { MAX_LENGTH } from '../toySd/tokenizerFiles.ts';
import { FLAG_DIM_1, FLAG_DIM_2, TEXT_WIDTH_1, TEXT_WIDTH_2 } from './textEncoders.ts';

export const TEXT_WIDTH = TEXT_WIDTH_1 + TEXT_WIDTH_2;
/** The time_ids the toy was "trained" on: a 64×64 image, uncropped. */
export const NATIVE_TIME_IDS = [64, 64, 0, 0, 64, 64] as const;
/** Pixels of time_ids distance at which the prompt is gone. */
export const TIME_IDS_TOLERANCE = 16;

/** [B, 6]: flags summed over the sequence, colours from the first encoder's half, shapes from the second's. */
function textWordsOf(model: OnnxBuilder, hidden: string): string {
  const counts = model.op('ReduceSum', [hidden, model.ints([1])], { keepdims: 0 });
  const slice = (start: number, length: number) =>
    model.op('Slice', [counts, model.ints([start]), model.ints([start + length]), model.ints([1])]);
  const colours = slice(FLAG_DIM_1, COLOURS.length);
  const shapes = slice(TEXT_WIDTH_1 + FLAG_DIM_2 + COLOURS.length, SHAPES.length);
  return model.op('Concat', [colours, shapes], { axis: 1 });
}

/** [B, 6]: the pooled embedding's colour and shape counts. */
function pooledWordsOf(model: OnnxBuilder, textEmbeds: string): string {
  const words = COLOURS.length + SHAPES.length;
  return model.op('Slice', [textEmbeds, model.ints([0]), model.ints([words]), model.ints([1])]);
}

/** [B, 1]: max(0, 1 − ‖time_ids − native‖ / tolerance). */
function sizeGateOf(model: OnnxBuilder, timeIds: string): string {
  const difference = model.op('Sub', [timeIds, model.floats([...NATIVE_TIME_IDS])]);
  const distance = model.op('Sqrt', [
    model.op('ReduceSum', [model.op('Mul', [difference, difference]), model.ints([1])], {
      keepdims: 1,
    }),
  ]);
  return model.op('Relu', [
    model.op('Sub', [
      model.floats([1], []),
      model.op('Div', [distance, model.floats([TIME_IDS_TOLERANCE], [])]),
    ]),
  ]);
}

function clip01(model: OnnxBuilder, value: string): string {
  return model.op('Clip', [value, model.floats([0], []), model.floats([1], [])]);
}

export function buildSdxlUnet(): Uint8Array {
  const model = new OnnxBuilder('toy_sdxl_unet');
  const sample = model.input('sample', 'float32', [
    'batch',
    LATENT_CHANNELS,
    LATENT_SIZE,
    LATENT_SIZE,
  ]);
  const timestep = model.input('timestep', 'float32', ['timestep_batch']);
  const hidden = model.input('encoder_hidden_states', 'float32', ['batch', MAX_LENGTH, TEXT_WIDTH]);
  const textEmbeds = model.input('text_embeds', 'float32', ['batch', TEXT_WIDTH_2]);
  const timeIds = model.input('time_ids', 'float32', ['batch', NATIVE_TIME_IDS.length]);

  const latents = Float32Array.from(scaledLatents().flatMap((z) => [...z]));
  const dataset = model.constant(new Tensor('float32', [ITEMS.length, LATENT_LENGTH], latents));
  const x = model.op('Reshape', [sample, model.ints([-1, LATENT_LENGTH])]);
  const alphaBar = alphaBarOf(model, timestep);

  const present = model.op('Mul', [
    clip01(model, textWordsOf(model, hidden)),
    clip01(model, pooledWordsOf(model, textEmbeds)),
  ]);
  const prior = model.op('Mul', [
    model.op('MatMul', [present, model.constant(promptToPrior())]),
    sizeGateOf(model, timeIds),
  ]);
  const logits = model.op('Add', [logLikelihoodOf(model, x, alphaBar, dataset), prior]);
  epsilonOutput(model, x, alphaBar, logits, dataset);

  model
    .metadata('weft.fixture', 'toy-sdxl/unet')
    .metadata(
      'weft.contract',
      `sdxl unet (optimum): sample [B,4,8,8], timestep float32 [B or 1], encoder_hidden_states [B,77,${TEXT_WIDTH}], text_embeds [B,${TEXT_WIDTH_2}], time_ids [B,6] → out_sample [B,4,8,8] (epsilon); real: 2048 and 1280 wide`,
    )
    .metadata(
      'weft.computes',
      `toy SD's exact posterior-mean denoiser; a word's log prior ${PROMPT_WEIGHT} counts when both the concatenated penultimate states (colours from text_encoder, shapes from text_encoder_2) and text_embeds carry it, times max(0, 1 − ‖time_ids − (64,64,0,0,64,64)‖/${TIME_IDS_TOLERANCE}); not a trained network`,
    );
  return model.build();
}
