/**
 * The slaney mel scale and filterbank, as librosa computes them:
 * `librosa.filters.mel(sr, n_fft, n_mels, fmin, fmax, htk=False, norm='slaney')`,
 * which HiFi-GAN (and most vocoders trained on its recipe) analyse with. The
 * scale is linear below 1 kHz (200/3 Hz per mel) and logarithmic above it; each
 * filter is a triangle between its neighbours' centres, scaled to unit area.
 * Pure: no Node built-ins.
 */
import { Tensor } from '../../../engine/common/tensor.ts';

const HZ_PER_MEL = 200 / 3;
const MIN_LOG_HZ = 1000;
const MIN_LOG_MEL = MIN_LOG_HZ / HZ_PER_MEL;
const LOG_STEP = Math.log(6.4) / 27;

export interface MelFilterbankOptions {
  sampleRate: number;
  nFft: number;
  nMels: number;
  fmin: number;
  fmax: number;
}

export function hzToMel(hz: number): number {
  return hz >= MIN_LOG_HZ ? MIN_LOG_MEL + Math.log(hz / MIN_LOG_HZ) / LOG_STEP : hz / HZ_PER_MEL;
}

export function melToHz(mel: number): number {
  return mel >= MIN_LOG_MEL
    ? MIN_LOG_HZ * Math.exp(LOG_STEP * (mel - MIN_LOG_MEL))
    : HZ_PER_MEL * mel;
}

/**
 * The nMels + 2 band edges in Hz, evenly spaced in mel from fmin to fmax
 * (librosa's `mel_frequencies`): filter i rises from edge i, peaks at edge
 * i + 1 (its centre) and falls to zero at edge i + 2.
 */
export function melBandEdges(nMels: number, fmin: number, fmax: number): Float64Array {
  const count = nMels + 2;
  const low = hzToMel(fmin);
  const high = hzToMel(fmax);
  const edges = new Float64Array(count);
  // numpy's linspace: start + i·step, with the last point exactly `high`.
  const step = (high - low) / (count - 1);
  for (let i = 0; i < count; i++) edges[i] = melToHz(i === count - 1 ? high : low + i * step);
  return edges;
}

/** The filterbank as float32 [nMels, nFft/2 + 1]: row m weighs FFT bin k. */
export function melFilterbank(options: MelFilterbankOptions): Tensor<'float32'> {
  const { sampleRate, nFft, nMels, fmin, fmax } = options;
  if (fmax > sampleRate / 2 || fmin < 0 || fmin >= fmax)
    throw new Error(
      `Mel filterbank: need 0 ≤ fmin < fmax ≤ sampleRate/2, got fmin ${fmin}, fmax ${fmax} at ${sampleRate} Hz`,
    );
  const bins = Math.floor(nFft / 2) + 1;
  const edges = melBandEdges(nMels, fmin, fmax);
  const weights = new Float32Array(nMels * bins);
  // numpy's rfftfreq: k · (1 / (n · (1 / sr))), rounded as it rounds.
  const hzPerBin = 1 / (nFft * (1 / sampleRate));
  for (let m = 0; m < nMels; m++) {
    const left = edges[m]!;
    const centre = edges[m + 1]!;
    const right = edges[m + 2]!;
    const norm = 2 / (right - left);
    for (let k = 0; k < bins; k++) {
      const hz = k * hzPerBin;
      const rising = (hz - left) / (centre - left);
      const falling = (right - hz) / (right - centre);
      const triangle = Math.max(0, Math.min(rising, falling));
      // librosa stores the triangle in float32 before scaling it; round the same way.
      weights[m * bins + k] = Math.fround(triangle) * norm;
    }
  }
  return new Tensor('float32', [nMels, bins], weights);
}
