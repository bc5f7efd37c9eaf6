/**
 * The toy pipeline's captioned dataset: three shapes in three colours on a
 * light background, 64×64 RGB, each with a fixed latent. Everything here is
 * deterministic: the images are drawn with 4×4 supersampling, the latents come
 * from the engine's PCG32 with a fixed seed.
 *
 * Item index = colour × 3 + shape, so 0 is the red circle and 4 the green
 * square.
 */
import { createPcg32 } from '../../../engine/common/rng.ts';

export const COLOURS = ['red', 'green', 'blue'] as const;
export const SHAPES = ['circle', 'square', 'triangle'] as const;
export type ColourWord = (typeof COLOURS)[number];
export type ShapeWord = (typeof SHAPES)[number];

export const IMAGE_SIZE = 64;
export const IMAGE_CHANNELS = 3;
export const IMAGE_LENGTH = IMAGE_CHANNELS * IMAGE_SIZE * IMAGE_SIZE;
export const LATENT_CHANNELS = 4;
export const LATENT_SIZE = IMAGE_SIZE / 8;
export const LATENT_LENGTH = LATENT_CHANNELS * LATENT_SIZE * LATENT_SIZE;
/** SD 1.x's VAE scaling factor: the sampler's latents are raw VAE latents × this. */
export const SCALING_FACTOR = 0.18215;

/** Linear RGB in [0, 1]. The colour differences from the background are linearly independent, so the nine images are too. */
export const BACKGROUND = [0.94, 0.93, 0.89] as const;
export const PAINT: Record<ColourWord, readonly [number, number, number]> = {
  red: [0.85, 0.15, 0.13],
  green: [0.16, 0.65, 0.24],
  blue: [0.15, 0.3, 0.82],
};

export interface DatasetItem {
  index: number;
  colour: number;
  shape: number;
  caption: string;
}

export const ITEMS: readonly DatasetItem[] = COLOURS.flatMap((colour, c) =>
  SHAPES.map((shape, s) => ({
    index: c * SHAPES.length + s,
    colour: c,
    shape: s,
    caption: `a ${colour} ${shape}`,
  })),
);

export function itemIndex(colour: ColourWord, shape: ShapeWord): number {
  return COLOURS.indexOf(colour) * SHAPES.length + SHAPES.indexOf(shape);
}

/** Whether the point (x, y), in pixels from the top-left corner, lies inside the shape. */
function inside(shape: number, x: number, y: number): boolean {
  if (shape === 0) return (x - 32) ** 2 + (y - 32) ** 2 <= 21 ** 2;
  if (shape === 1) return x >= 14 && x <= 50 && y >= 14 && y <= 50;
  // Triangle with apex (32, 10) and base from (9, 52) to (55, 52).
  if (y > 52 || y < 10) return false;
  const halfWidth = ((y - 10) / 42) * 23;
  return Math.abs(x - 32) <= halfWidth;
}

/** The fraction of each pixel the shape covers, [64·64] row-major, from 4×4 samples. */
export function shapeCoverage(shape: number): Float32Array {
  const samples = 4;
  const coverage = new Float32Array(IMAGE_SIZE * IMAGE_SIZE);
  for (let y = 0; y < IMAGE_SIZE; y++) {
    for (let x = 0; x < IMAGE_SIZE; x++) {
      let hits = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          if (inside(shape, x + (sx + 0.5) / samples, y + (sy + 0.5) / samples)) hits++;
        }
      }
      coverage[y * IMAGE_SIZE + x] = hits / (samples * samples);
    }
  }
  return coverage;
}

/** The item's image, CHW float32 in [-1, 1] (the VAE's pixel range). */
export function datasetImage(item: DatasetItem): Float32Array {
  const coverage = shapeCoverage(item.shape);
  const paint = PAINT[COLOURS[item.colour]!];
  const image = new Float32Array(IMAGE_LENGTH);
  const plane = IMAGE_SIZE * IMAGE_SIZE;
  for (let channel = 0; channel < IMAGE_CHANNELS; channel++) {
    const background = BACKGROUND[channel]!;
    const colour = paint[channel]!;
    for (let p = 0; p < plane; p++) {
      const value = background + coverage[p]! * (colour - background);
      image[channel * plane + p] = 2 * value - 1;
    }
  }
  return image;
}

/**
 * How much of each latent is the item's own: scaled latent zᵢ = √(1 − s²)·m +
 * s·uᵢ with m (shared) and uᵢ standard normal. The items share most of their
 * latent, as real images share structure, so at high noise the likelihood
 * hardly tells them apart and the prompt (with CFG) decides the early steps,
 * as in SD; they are still ‖zᵢ − zⱼ‖ ≈ s·√512 ≈ 4.5 apart, far beyond the
 * noise of the last steps.
 */
export const ITEM_SPREAD = 0.2;

/**
 * The items' raw VAE latents, [4·8·8] each: the scaled latents above divided
 * by the scaling factor, so the sampler's latents have a standard deviation of
 * about 1, like SD's.
 */
export function rawLatents(): Float32Array[] {
  const rng = createPcg32(0x746f79n, 0x7364n); // "toy", "sd"
  function gaussian(): number {
    const u = 1 - rng.next();
    const v = rng.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
  const shared = Math.sqrt(1 - ITEM_SPREAD ** 2);
  const common = Array.from({ length: LATENT_LENGTH }, gaussian);
  return ITEMS.map(() =>
    Float32Array.from(
      common,
      (value) => (shared * value + ITEM_SPREAD * gaussian()) / SCALING_FACTOR,
    ),
  );
}

/** The latents the sampler sees: raw latents × 0.18215 in float32, as the pipeline scales them. */
export function scaledLatents(): Float32Array[] {
  return rawLatents().map((latent) => latent.map((value) => value * SCALING_FACTOR));
}
