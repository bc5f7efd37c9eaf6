/**
 * The toy SDXL VAE: toy SD's exact linear maps between the nine dataset
 * images and their latents (toySd/vae.ts), for SDXL's scaling factor
 * 0.13025, stored compactly.
 *
 * Latents: the sampler's (scaled) latents are toy SD's, zᵢ; the raw VAE
 * latents are zᵢ / 0.13025, so decode(latents / 0.13025) gives the images as
 * SDXL's pipeline computes it, and the toy SDXL UNet denoises toward the
 * same zᵢ as toy SD's.
 *
 * Compact: every dataset image is, per channel, a mix of four planes, a flat
 * one and the three shapes' coverage (x = background + coverage·(paint −
 * background), in [-1, 1]). Both maps go through those planes [4, 64·64]
 * instead of toy SD's full 12288 × 9 matrices, so each file is about 75 kB:
 *   decoder  latent →(Z⁺)→ the nine dataset coefficients → 3 × 4 plane
 *            weights → pixels, clipped to [-1, 1]
 *   encoder  image − mean image → its 3 × 4 projections on the planes →
 *            (X⁺ written on the planes) → coefficients + 1/9 → latent
 * Contract (diffusers ONNX script): vae_decoder `latent_sample` [B,4,8,8] →
 * `sample` [B,3,64,64]; vae_encoder `sample` [B,3,64,64] → `latent_sample`
 * [B,4,8,8] (raw latents).
 */
import { Tensor } from '../../../engine/common/tensor.ts';
import { OnnxBuilder } from '../onnx/builder.ts';
import {
  BACKGROUND,
  COLOURS,
  IMAGE_CHANNELS,
  IMAGE_SIZE,
  ITEMS,
  LATENT_CHANNELS,
  LATENT_LENGTH,
  LATENT_SIZE,
  PAINT,
  SHAPES,
  datasetImage,
  scaledLatents,
  shapeCoverage,
} from '../toySd/dataset.ts';
import { matrix, pseudoInverse, transposed } from '../toySd/linearAlgebra.ts';

/** SDXL's VAE scaling factor. */
export const XL_SCALING_FACTOR = 0.13025;
const PLANE = IMAGE_SIZE * IMAGE_SIZE;
/** The flat plane and the three shapes' coverage. */
const PLANES = 1 + SHAPES.length;

/** The raw latents of the dataset for SDXL's scaling: toy SD's scaled latents / 0.13025. */
export function xlRawLatents(): Float32Array[] {
  return scaledLatents().map((latent) =>
    Float32Array.from(latent, (value) => value / XL_SCALING_FACTOR),
  );
}

/** The planes as rows, [4, 4096]. */
function planes(): Float32Array[] {
  return [new Float32Array(PLANE).fill(1), ...SHAPES.map((_, shape) => shapeCoverage(shape))];
}

/** Item i as plane weights, [9][3·4]: channel c's image = Σⱼ w[c·4 + j]·plane j. */
function planeWeights(): Float64Array[] {
  return ITEMS.map((item) => {
    const weights = new Float64Array(IMAGE_CHANNELS * PLANES);
    const paint = PAINT[COLOURS[item.colour]!];
    for (let channel = 0; channel < IMAGE_CHANNELS; channel++) {
      const background = BACKGROUND[channel]!;
      weights[channel * PLANES] = 2 * background - 1;
      weights[channel * PLANES + 1 + item.shape] = 2 * (paint[channel]! - background);
    }
    return weights;
  });
}

export function buildXlVaeDecoder(): Uint8Array {
  const model = new OnnxBuilder('toy_sdxl_vae_decoder');
  const input = model.input('latent_sample', 'float32', [
    'batch',
    LATENT_CHANNELS,
    LATENT_SIZE,
    LATENT_SIZE,
  ]);
  const flat = model.op('Reshape', [input, model.ints([-1, LATENT_LENGTH])]);
  const coefficients = model.op('MatMul', [
    flat,
    model.constant(transposed(pseudoInverse(xlRawLatents()))),
  ]);
  const weights = model.op('Reshape', [
    model.op('MatMul', [coefficients, model.constant(matrix(planeWeights()))]),
    model.ints([-1, IMAGE_CHANNELS, PLANES]),
  ]);
  const pixels = model.op('MatMul', [weights, model.constant(matrix(planes()))]);
  const shaped = model.op('Reshape', [
    pixels,
    model.ints([-1, IMAGE_CHANNELS, IMAGE_SIZE, IMAGE_SIZE]),
  ]);
  model.op('Clip', [shaped, model.floats([-1], []), model.floats([1], [])], {}, 'sample');
  model.output('sample', 'float32', ['batch', IMAGE_CHANNELS, IMAGE_SIZE, IMAGE_SIZE]);
  model
    .metadata('weft.fixture', 'toy-sdxl/vae_decoder')
    .metadata(
      'weft.contract',
      `vae decoder (diffusers script): latent_sample [B,4,8,8] (raw latents = sampler latents / ${XL_SCALING_FACTOR}) → sample [B,3,64,64] in [-1, 1]`,
    )
    .metadata(
      'weft.computes',
      'the exact linear map taking each toy dataset latent to its image, through the flat and shape-coverage planes, clipped to [-1, 1]; not a trained network',
    );
  return model.build();
}

/**
 * X⁺ on the planes, [9][3·4]: each row of X⁺ lies, per channel, in the
 * planes' span, so row i · x = Σ_{c,j} K[i][c·4 + j] ⟨plane j, x_c⟩ with K
 * its coordinates on the planes.
 */
function inverseOnPlanes(): Float64Array[] {
  const onPlanes = pseudoInverse(planes());
  return pseudoInverse(ITEMS.map(datasetImage)).map((row) => {
    const weights = new Float64Array(IMAGE_CHANNELS * PLANES);
    for (let channel = 0; channel < IMAGE_CHANNELS; channel++) {
      const part = row.subarray(channel * PLANE, (channel + 1) * PLANE);
      onPlanes.forEach((inverse, j) => {
        let sum = 0;
        for (let p = 0; p < PLANE; p++) sum += inverse[p]! * part[p]!;
        weights[channel * PLANES + j] = sum;
      });
    }
    return weights;
  });
}

export function buildXlVaeEncoder(): Uint8Array {
  const model = new OnnxBuilder('toy_sdxl_vae_encoder');
  const input = model.input('sample', 'float32', ['batch', IMAGE_CHANNELS, IMAGE_SIZE, IMAGE_SIZE]);
  const flat = model.op('Reshape', [input, model.ints([-1, IMAGE_CHANNELS, PLANE])]);
  const planeMatrix = model.constant(matrix(planes()));
  // X⁺x = X⁺(x − x̄) + 1/9 for the mean image x̄: the centred input is near
  // zero over the shared background, so the float32 sums stay accurate.
  const meanWeights = new Float64Array(IMAGE_CHANNELS * PLANES);
  for (const weights of planeWeights())
    weights.forEach((value, index) => (meanWeights[index]! += value / ITEMS.length));
  const meanImage = model.op('MatMul', [
    model.constant(new Tensor('float32', [IMAGE_CHANNELS, PLANES], Float32Array.from(meanWeights))),
    planeMatrix,
  ]);
  const centred = model.op('Sub', [flat, meanImage]);
  const projections = model.op('Reshape', [
    model.op('MatMul', [centred, model.op('Transpose', [planeMatrix], { perm: { ints: [1, 0] } })]),
    model.ints([-1, IMAGE_CHANNELS * PLANES]),
  ]);
  const coefficients = model.op('Add', [
    model.op('MatMul', [projections, model.constant(transposed(inverseOnPlanes()))]),
    model.floats(ITEMS.map(() => 1 / ITEMS.length)),
  ]);
  const latent = model.op('MatMul', [coefficients, model.constant(matrix(xlRawLatents()))]);
  model.op(
    'Reshape',
    [latent, model.ints([-1, LATENT_CHANNELS, LATENT_SIZE, LATENT_SIZE])],
    {},
    'latent_sample',
  );
  model.output('latent_sample', 'float32', ['batch', LATENT_CHANNELS, LATENT_SIZE, LATENT_SIZE]);
  model
    .metadata('weft.fixture', 'toy-sdxl/vae_encoder')
    .metadata(
      'weft.contract',
      `vae encoder (diffusers script): sample [B,3,64,64] in [-1, 1] → latent_sample [B,4,8,8] (raw latents; × ${XL_SCALING_FACTOR} for the sampler)`,
    )
    .metadata(
      'weft.computes',
      'the exact linear map taking each toy dataset image to its latent (the mean, no sampling), through the flat and shape-coverage planes; not a trained network',
    );
  return model.build();
}
