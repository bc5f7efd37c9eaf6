/**
 * The toy VAE: exact linear maps between the dataset's images X (nine
 * 12288-vectors in [-1, 1]) and its raw latents Z (nine 256-vectors).
 *
 *   decoder D = X·Z⁺, so decode(zᵢ) = xᵢ; output clipped to [-1, 1]
 *   encoder E = Z·X⁺, so encode(xᵢ) = zᵢ and encode(decode(z)) = z for every
 *   z in the span of the dataset latents
 *
 * Both are stored factorised through the nine dataset coefficients (latent →
 * 9 → image), which keeps each file near 450 kB. Contract (diffusers ONNX
 * script): vae_decoder `latent_sample` [B,4,8,8] → `sample` [B,3,64,64];
 * vae_encoder `sample` [B,3,64,64] → `latent_sample` [B,4,8,8] (raw latents:
 * the pipeline multiplies by 0.18215 after encoding, divides before decoding).
 */
import { Tensor } from '../../../engine/common/tensor.ts';
import { OnnxBuilder } from '../onnx/builder.ts';
import {
  IMAGE_CHANNELS,
  IMAGE_LENGTH,
  IMAGE_SIZE,
  ITEMS,
  LATENT_CHANNELS,
  LATENT_LENGTH,
  LATENT_SIZE,
  datasetImage,
  rawLatents,
} from './dataset.ts';
import { matrix, pseudoInverse, transposed } from './linearAlgebra.ts';

export function buildVaeDecoder(): Uint8Array {
  const latents = rawLatents();
  const images = ITEMS.map(datasetImage);
  const model = new OnnxBuilder('toy_sd_vae_decoder');
  const input = model.input('latent_sample', 'float32', [
    'batch',
    LATENT_CHANNELS,
    LATENT_SIZE,
    LATENT_SIZE,
  ]);
  const flat = model.op('Reshape', [input, model.ints([-1, LATENT_LENGTH])]);
  // [B,256]·(Z⁺)ᵀ → the nine dataset coefficients; ·Xᵀ → the image.
  const coefficients = model.op('MatMul', [
    flat,
    model.constant(transposed(pseudoInverse(latents))),
  ]);
  const pixels = model.op('MatMul', [coefficients, model.constant(matrix(images))]);
  const shaped = model.op('Reshape', [
    pixels,
    model.ints([-1, IMAGE_CHANNELS, IMAGE_SIZE, IMAGE_SIZE]),
  ]);
  model.op('Clip', [shaped, model.floats([-1], []), model.floats([1], [])], {}, 'sample');
  model.output('sample', 'float32', ['batch', IMAGE_CHANNELS, IMAGE_SIZE, IMAGE_SIZE]);
  model
    .metadata('weft.fixture', 'toy-sd/vae_decoder')
    .metadata(
      'weft.contract',
      'vae decoder (diffusers script): latent_sample [B,4,8,8] (raw latents = sampler latents / 0.18215) → sample [B,3,64,64] in [-1, 1]',
    )
    .metadata(
      'weft.computes',
      'the exact linear map X·Z⁺ taking each toy dataset latent to its image, clipped to [-1, 1]; not a trained network',
    );
  return model.build();
}

export function buildVaeEncoder(): Uint8Array {
  const latents = rawLatents();
  const images = ITEMS.map(datasetImage);
  const model = new OnnxBuilder('toy_sd_vae_encoder');
  const input = model.input('sample', 'float32', ['batch', IMAGE_CHANNELS, IMAGE_SIZE, IMAGE_SIZE]);
  const flat = model.op('Reshape', [input, model.ints([-1, IMAGE_LENGTH])]);
  // X⁺x = X⁺(x − x̄) + 1/9 for the mean image x̄ (which X⁺ maps to 1/9 each): the
  // centred input is near zero over the shared background, so the float32
  // sums stay accurate.
  const mean = new Float32Array(IMAGE_LENGTH);
  for (const image of images) image.forEach((value, p) => (mean[p]! += value / images.length));
  const centred = model.op('Sub', [
    flat,
    model.constant(new Tensor('float32', [IMAGE_LENGTH], mean)),
  ]);
  const coefficients = model.op('Add', [
    model.op('MatMul', [centred, model.constant(transposed(pseudoInverse(images)))]),
    model.floats(images.map(() => 1 / images.length)),
  ]);
  const latent = model.op('MatMul', [coefficients, model.constant(matrix(latents))]);
  model.op(
    'Reshape',
    [latent, model.ints([-1, LATENT_CHANNELS, LATENT_SIZE, LATENT_SIZE])],
    {},
    'latent_sample',
  );
  model.output('latent_sample', 'float32', ['batch', LATENT_CHANNELS, LATENT_SIZE, LATENT_SIZE]);
  model
    .metadata('weft.fixture', 'toy-sd/vae_encoder')
    .metadata(
      'weft.contract',
      'vae encoder (diffusers script): sample [B,3,64,64] in [-1, 1] → latent_sample [B,4,8,8] (raw latents; × 0.18215 for the sampler)',
    )
    .metadata(
      'weft.computes',
      'the exact linear map Z·X⁺ taking each toy dataset image to its latent (the mean, no sampling); not a trained network',
    );
  return model.build();
}
