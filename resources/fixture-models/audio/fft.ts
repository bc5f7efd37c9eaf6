/**
 * An in-place radix-2 complex FFT (forward, unnormalised: X[k] = Σ x[n]·e^(−2πikn/N)),
 * enough for the mel analysis's power-of-two frames. Pure: no Node built-ins.
 */
export function fft(real: Float64Array, imaginary: Float64Array): void {
  const size = real.length;
  if (imaginary.length !== size || size === 0 || (size & (size - 1)) !== 0)
    throw new Error(`FFT size must be a power of two with matching parts, got ${size}`);
  for (let i = 1, j = 0; i < size; i++) {
    let bit = size >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [real[i], real[j]] = [real[j]!, real[i]!];
      [imaginary[i], imaginary[j]] = [imaginary[j]!, imaginary[i]!];
    }
  }
  for (let length = 2; length <= size; length <<= 1) {
    const angle = (-2 * Math.PI) / length;
    const half = length >> 1;
    for (let start = 0; start < size; start += length) {
      for (let k = 0; k < half; k++) {
        const cos = Math.cos(angle * k);
        const sin = Math.sin(angle * k);
        const a = start + k;
        const b = a + half;
        const re = real[b]! * cos - imaginary[b]! * sin;
        const im = real[b]! * sin + imaginary[b]! * cos;
        real[b] = real[a]! - re;
        imaginary[b] = imaginary[a]! - im;
        real[a] = real[a]! + re;
        imaginary[a] = imaginary[a]! + im;
      }
    }
  }
}

/** |X[k]| for k = 0 … N/2 of a real signal (zero-padded or cut to `size`). */
export function magnitudeSpectrum(signal: ArrayLike<number>, size: number): Float64Array {
  const real = new Float64Array(size);
  const imaginary = new Float64Array(size);
  for (let i = 0; i < Math.min(size, signal.length); i++) real[i] = signal[i]!;
  fft(real, imaginary);
  const magnitudes = new Float64Array(size / 2 + 1);
  for (let k = 0; k < magnitudes.length; k++) magnitudes[k] = Math.hypot(real[k]!, imaginary[k]!);
  return magnitudes;
}
