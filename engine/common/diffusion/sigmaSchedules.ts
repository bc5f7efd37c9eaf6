/**
 * Sigma schedules that replace the interpolated ones, and the way back from
 * a sigma to a (fractional) training timestep, as diffusers writes them
 * (_convert_to_karras, _convert_to_exponential, _sigma_to_t), in float64.
 *
 * _sigma_to_t works on log σ of the float32 training sigmas. diffusers takes
 * that log with NumPy's float32 log, which is not correctly rounded (its SIMD
 * versions are off by up to ~4 ulp and differ between CPUs and NumPy
 * versions); here it is the correctly rounded float32 log, so a recovered
 * timestep can differ from diffusers' by ~1e-4. Pure.
 */
import { linspace } from './numpyMath.ts';

/** Karras et al. (2022): (σmax^(1/ρ) + r·(σmin^(1/ρ) − σmax^(1/ρ)))^ρ for r = 0 … 1. */
export function karrasSigmas(sigmaMin: number, sigmaMax: number, steps: number, rho = 7): number[] {
  const minInverse = sigmaMin ** (1 / rho);
  const maxInverse = sigmaMax ** (1 / rho);
  return linspace(0, 1, steps).map(
    (ramp) => (maxInverse + ramp * (minInverse - maxInverse)) ** rho,
  );
}

/** exp(linspace(ln σmax, ln σmin, N)): evenly spaced in log σ. */
export function exponentialSigmas(sigmaMin: number, sigmaMax: number, steps: number): number[] {
  return linspace(Math.log(sigmaMax), Math.log(sigmaMin), steps).map(Math.exp);
}

/** ln σ of each training sigma, float32 (diffusers' log_sigmas). */
export function logSigmas(trainingSigmas: Float32Array): Float32Array {
  return trainingSigmas.map(Math.log);
}

/**
 * diffusers' _sigma_to_t: the fractional training timestep whose log σ is
 * ln `sigma`, interpolating linearly in log σ between neighbours and clamping
 * to [0, T − 1].
 */
export function sigmaToTimestep(sigma: number, logSigmaTable: Float32Array): number {
  const logSigma = Math.log(Math.max(sigma, 1e-10));
  // The last index whose log σ is ≤ ln sigma (0 when none is), at most T − 2.
  let low = 0;
  for (let t = 0; t < logSigmaTable.length; t++) if (logSigma - logSigmaTable[t]! >= 0) low = t;
  low = Math.min(low, logSigmaTable.length - 2);
  const lowLog = logSigmaTable[low]!;
  const highLog = logSigmaTable[low + 1]!;
  // NumPy subtracts the two float32 table entries in float32.
  const weight = Math.min(Math.max((lowLog - logSigma) / Math.fround(lowLog - highLog), 0), 1);
  return (1 - weight) * low + weight * (low + 1);
}
