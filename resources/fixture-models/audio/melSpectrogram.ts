/**
 * The mel analysis HiFi-GAN V1 was trained on (`meldataset.mel_spectrogram`):
 * reflect-pad (n_fft − hop)/2 samples each side, frames not centred, a periodic
 * Hann window (torch.hann_window), magnitude √(re² + im² + 1e-9), the slaney mel
 * filterbank, then log(max(x, 1e-5)). A signal of L samples gives
 * ⌊(L + n_fft − hop − n_fft)/hop⌋ + 1 frames (L/hop when hop divides L).
 * Computed in float64, returned as float32 [1, nMels, frames]. Pure.
 */
import { Tensor } from '../../../engine/common/tensor.ts';
import { fft } from './fft.ts';
import type { MelFilterbankOptions } from './melFilterbank.ts';
import { melFilterbank } from './melFilterbank.ts';

export interface MelAnalysisOptions extends MelFilterbankOptions {
  hopLength: number;
  winLength: number;
}

/** HiFi-GAN V1's config (config_v1.json). */
export const HIFIGAN_V1_MEL: Readonly<MelAnalysisOptions> = Object.freeze({
  sampleRate: 22050,
  nFft: 1024,
  hopLength: 256,
  winLength: 1024,
  nMels: 80,
  fmin: 0,
  fmax: 8000,
});

/** log(max(mel, LOG_FLOOR)): the value silence maps to is log(1e-5) ≈ −11.513. */
export const LOG_FLOOR = 1e-5;
const MAGNITUDE_EPSILON = 1e-9;

/** torch.hann_window(winLength) (periodic), centred in an nFft frame as torch.stft pads it. */
export function periodicHannWindow(winLength: number, nFft: number): Float64Array {
  const window = new Float64Array(nFft);
  const offset = Math.floor((nFft - winLength) / 2);
  for (let n = 0; n < winLength; n++)
    window[offset + n] = 0.5 - 0.5 * Math.cos((2 * Math.PI * n) / winLength);
  return window;
}

/** numpy/torch 'reflect' padding (the edge sample is not repeated). */
export function reflectPad(samples: ArrayLike<number>, pad: number): Float64Array {
  const length = samples.length;
  if (pad >= length)
    throw new Error(
      `Mel analysis needs more than ${pad} samples to reflect-pad, got ${length}: use a longer clip`,
    );
  const padded = new Float64Array(length + 2 * pad);
  for (let i = 0; i < padded.length; i++) {
    const source = i - pad;
    const index = source < 0 ? -source : source >= length ? 2 * (length - 1) - source : source;
    padded[i] = samples[index]!;
  }
  return padded;
}

export function melSpectrogram(
  samples: ArrayLike<number>,
  options: MelAnalysisOptions = HIFIGAN_V1_MEL,
): Tensor<'float32'> {
  const { nFft, hopLength, winLength, nMels } = options;
  const padded = reflectPad(samples, Math.floor((nFft - hopLength) / 2));
  const frames = Math.floor((padded.length - nFft) / hopLength) + 1;
  const window = periodicHannWindow(winLength, nFft);
  const filterbank = melFilterbank(options).data;
  const bins = nFft / 2 + 1;
  const magnitude = new Float64Array(bins);
  const real = new Float64Array(nFft);
  const imaginary = new Float64Array(nFft);
  const mel = new Float32Array(nMels * frames);
  for (let t = 0; t < frames; t++) {
    for (let n = 0; n < nFft; n++) real[n] = padded[t * hopLength + n]! * window[n]!;
    imaginary.fill(0);
    fft(real, imaginary);
    for (let k = 0; k < bins; k++)
      magnitude[k] = Math.sqrt(real[k]! ** 2 + imaginary[k]! ** 2 + MAGNITUDE_EPSILON);
    for (let m = 0; m < nMels; m++) {
      let sum = 0;
      for (let k = 0; k < bins; k++) sum += filterbank[m * bins + k]! * magnitude[k]!;
      mel[m * frames + t] = Math.log(Math.max(sum, LOG_FLOOR));
    }
  }
  return new Tensor('float32', [1, nMels, frames], mel);
}
