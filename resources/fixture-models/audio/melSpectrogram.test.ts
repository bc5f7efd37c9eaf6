import { describe, expect, it } from 'vitest';
import { fft, magnitudeSpectrum } from './fft.ts';
import { melSpectrogram, periodicHannWindow, reflectPad } from './melSpectrogram.ts';

// Reference values from melReference.py: HiFi-GAN's mel_spectrogram in numpy on
// 4096 samples of 0.5·sin(2π·440·n/sr) + 0.25·sin(2π·3000·n/sr), sr 22050.
const REFERENCE: [mel: number, frame: number, value: number][] = [
  [0, 0, -1.1014654681344793],
  [11, 0, 1.1774208542387834],
  [11, 8, 1.4427963041074094],
  [12, 15, 0.12893733854876496],
  [55, 7, -0.6629873791165252],
  [54, 0, -0.046466489641973],
  [30, 4, -9.87540911970409],
  [79, 3, -11.512925464970229],
];

function twoTones(length: number): Float32Array {
  return Float32Array.from({ length }, (_, n) => {
    const t = n / 22050;
    return 0.5 * Math.sin(2 * Math.PI * 440 * t) + 0.25 * Math.sin(2 * Math.PI * 3000 * t);
  });
}

describe('fft', () => {
  it('matches the direct DFT of a short signal', () => {
    const signal = [1, -2, 3.5, 0, 0.25, 7, -1, 2];
    const real = Float64Array.from(signal);
    const imaginary = new Float64Array(8);
    fft(real, imaginary);
    for (let k = 0; k < 8; k++) {
      let re = 0;
      let im = 0;
      signal.forEach((x, n) => {
        re += x * Math.cos((-2 * Math.PI * k * n) / 8);
        im += x * Math.sin((-2 * Math.PI * k * n) / 8);
      });
      expect(real[k]).toBeCloseTo(re, 10);
      expect(imaginary[k]).toBeCloseTo(im, 10);
    }
  });

  it('puts a bin-centred cosine of amplitude A at bin k with magnitude A·N/2', () => {
    const spectrum = magnitudeSpectrum(
      Array.from({ length: 64 }, (_, n) => 3 * Math.cos((2 * Math.PI * 5 * n) / 64)),
      64,
    );
    expect(spectrum[5]).toBeCloseTo(96, 9);
    expect(spectrum[4]).toBeCloseTo(0, 9);
  });

  it('refuses sizes that are not powers of two', () => {
    expect(() => fft(new Float64Array(6), new Float64Array(6))).toThrow(/power of two/);
  });
});

describe('HiFi-GAN mel analysis', () => {
  it('uses the periodic Hann window of torch.hann_window', () => {
    const window = periodicHannWindow(8, 8);
    expect(Array.from(window).map((w) => Number(w.toFixed(12)))).toEqual([
      0, 0.146446609407, 0.5, 0.853553390593, 1, 0.853553390593, 0.5, 0.146446609407,
    ]);
  });

  it('reflect-pads without repeating the edge sample', () => {
    expect(Array.from(reflectPad([1, 2, 3, 4], 2))).toEqual([3, 2, 1, 2, 3, 4, 3, 2]);
    expect(() => reflectPad([1, 2], 384)).toThrow(/more than 384 samples/);
  });

  it('gives L/256 frames of 80 mels for L samples', () => {
    expect(melSpectrogram(twoTones(4096)).dims).toEqual([1, 80, 16]);
    expect(melSpectrogram(twoTones(22050)).dims).toEqual([1, 80, 86]);
  });

  it('matches the numpy transcription of meldataset.mel_spectrogram', () => {
    const mel = melSpectrogram(twoTones(4096));
    for (const [m, frame, value] of REFERENCE)
      expect(mel.data[m * 16 + frame]).toBeCloseTo(value, 4);
  });
});
