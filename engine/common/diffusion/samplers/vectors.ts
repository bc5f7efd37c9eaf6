/**
 * Element-wise arithmetic on latents, in float64 per element with one
 * float32 rounding of the result. Pure.
 *
 * Plain loops on purpose: `TypedArray.from(x, fn)` costs ~150 ns an element
 * (a call per element, and tsx wraps the closure), which made these two
 * functions a third of a toy txt2img run (docs/PERFORMANCE.md §3).
 */

/** k-diffusion's to_d: the probability-flow ODE's dx/dσ = (x − x0)/σ. */
export function derivative(x: Float32Array, denoised: Float32Array, sigma: number): Float64Array {
  checkLengths(x, denoised);
  const result = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) result[i] = (x[i]! - denoised[i]!) / sigma;
  return result;
}

/** x + d·dt. */
export function eulerMove(x: Float32Array, d: Float64Array, dt: number): Float32Array {
  checkLengths(x, d);
  const result = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) result[i] = x[i]! + d[i]! * dt;
  return result;
}

/** a·x + b·y. */
export function combine(
  a: number,
  x: ArrayLike<number>,
  b: number,
  y: ArrayLike<number>,
): Float32Array {
  checkLengths(x, y);
  const result = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) result[i] = a * x[i]! + b * y[i]!;
  return result;
}

/** x + b·y, for adding noise. */
export function addScaled(x: Float32Array, b: number, y: ArrayLike<number>): Float32Array {
  return combine(1, x, b, y);
}

export function checkLengths(a: ArrayLike<number>, b: ArrayLike<number>): void {
  if (a.length !== b.length) {
    throw new Error(
      `A sampler got a tensor of ${b.length} values for a latent of ${a.length}: the denoiser's output shape does not match its input`,
    );
  }
}
