import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { magnitudeSpectrum } from './audio/fft.ts';
import { melSpectrogram } from './audio/melSpectrogram.ts';
import { readModelMetadata } from './onnx/metadata.ts';
import { buildToyVocoder } from './toyVocoder.ts';

const SAMPLE_RATE = 22050;
const FFT_BIN_HZ = SAMPLE_RATE / 1024;
const session = await ort.InferenceSession.create(buildToyVocoder());

function sine(frequency: number, seconds: number, amplitude = 0.5): Float32Array {
  return Float32Array.from(
    { length: Math.round(seconds * SAMPLE_RATE) },
    (_, n) => amplitude * Math.sin((2 * Math.PI * frequency * n) / SAMPLE_RATE),
  );
}

async function vocode(mel: { data: Float32Array; dims: readonly number[] }) {
  const result = await session.run({ mel: new ort.Tensor('float32', mel.data, [...mel.dims]) });
  const waveform = result.waveform!;
  return { dims: waveform.dims, samples: waveform.data as Float32Array };
}

function peakHz(samples: Float32Array, size: number): number {
  const spectrum = magnitudeSpectrum(samples, size);
  let peak = 0;
  spectrum.forEach((value, k) => {
    if (value > spectrum[peak]!) peak = k;
  });
  return (peak * SAMPLE_RATE) / size;
}

describe('toy vocoder (HiFi-GAN V1 contract)', () => {
  it('declares mel [1,80,frames] → waveform [1,1,samples], float32', async () => {
    expect(session.inputNames).toEqual(['mel']);
    expect(session.outputNames).toEqual(['waveform']);
    const input = session.inputMetadata[0]!;
    expect(input.isTensor && input.type).toBe('float32');
    expect(input.isTensor && input.shape).toEqual([1, 80, 'frames']);
    expect(await readModelMetadata(buildToyVocoder())).toMatchObject({
      'weft.fixture': 'toy-vocoder',
      sampling_rate: '22050',
      hop_size: '256',
      num_mels: '80',
    });
  });

  for (const frequency of [220, 440, 660]) {
    it(`turns the mel of a 1 s ${frequency} Hz sine back into ${frequency} Hz, T·256 samples long`, async () => {
      const mel = melSpectrogram(sine(frequency, 1));
      expect(mel.dims).toEqual([1, 80, 86]);
      const { dims, samples } = await vocode(mel);
      expect(dims).toEqual([1, 1, 86 * 256]);
      // One 1024-point bin, as asked; and a finer check on 16384 points (1.35 Hz bins).
      expect(Math.abs(peakHz(samples.subarray(4096, 4096 + 1024), 1024) - frequency)).toBeLessThan(
        FFT_BIN_HZ,
      );
      expect(Math.abs(peakHz(samples, 16384) - frequency)).toBeLessThan(2.7);
    });
  }

  it('keeps the amplitude (within 7%) and the phase continuous across frame boundaries', async () => {
    const { samples } = await vocode(melSpectrogram(sine(440, 1, 0.5)));
    const middle = samples.subarray(1024, samples.length - 1024);
    const peak = middle.reduce((max, v) => Math.max(max, Math.abs(v)), 0);
    expect(peak).toBeGreaterThan(0.5);
    expect(peak).toBeLessThan(0.535);
    // A sine of amplitude 0.535 moves at most 0.535·2π·440/22050 ≈ 0.067 per sample.
    let step = 0;
    for (let n = 1; n < middle.length; n++)
      step = Math.max(step, Math.abs(middle[n]! - middle[n - 1]!));
    expect(step).toBeLessThan(0.068);
    expect(samples.every((v) => Math.abs(v) <= 1)).toBe(true);
  });

  it('stays silent for silence (every band at the log floor) and takes any frame count', async () => {
    const frames = 5;
    const floor = new Float32Array(80 * frames).fill(Math.log(1e-5));
    const { dims, samples } = await vocode({ data: floor, dims: [1, 80, frames] });
    expect(dims).toEqual([1, 1, frames * 256]);
    expect(samples.every((v) => v === 0)).toBe(true);
  });

  it('is deterministic: the same model gives the same bytes', () => {
    expect(buildToyVocoder()).toEqual(buildToyVocoder());
  });
});
