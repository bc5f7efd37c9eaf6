/**
 * Element-wise arithmetic on latents, in float64 per element with one
 * float32 rounding of the result. Pure.
 */

/** k-diffusion's to_d: the probability-flow ODE's dx/dσ = (x − x0)/σ. */
export function derivative(x: Float32Array, denoised: Float32Array, sigma: number): Float64Array {
  checkLengths(x, denoised);
  return Float64Array.from(x, (value, i) => (value - denoised[i]!) / sigma);
}

/** x + d·dt. */
export function eulerMove(x: Float32Array, d: Float64Array, dt: number): Float32Array {
  checkLengths(x, d);
  return Float32Array.from(x, (value, i) => value + d[i]! * dt);
}

/** a·x + b·y. */
export function combine(
  a: number,
  x: ArrayLike<number>,
  b: number,
  y: ArrayLike<number>,
): Float32Array {
  checkLengths(x, y);
  return Float32Array.from({ length: x.length }, (_, i) => a * x[i]! + b * y[i]!);
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
