import { describe, expect, it } from 'vitest';
import { RIVAGAN_BITS, rivaganBits, rivaganData, rivaganFrames, rivaganImages } from './rivagan.ts';

// Two 2×1 images: pixel values chosen to test channel order and layout.
const first = { width: 2, height: 1, data: new Uint8Array([0, 1, 127, 128, 200, 255]) };
const second = { width: 2, height: 1, data: new Uint8Array([255, 255, 255, 0, 0, 0]) };

// numpy: np.arange(256, dtype=np.float32) / np.float32(127.5) - np.float32(1)
const scaled = {
  0: -1,
  1: -0.9921568632125854,
  127: -0.003921568393707275,
  128: 0.003921627998352051,
  200: 0.5686274766921997,
  255: 1,
};

describe('RivaGAN tensors', () => {
  it('lays frames out as [B, 3, 1, H, W] in B, G, R order, float32 as torch rounds', () => {
    const frames = rivaganFrames([first, second]);
    expect(frames.dims).toEqual([2, 3, 1, 1, 2]);
    // image 0: B plane (127, 255), G plane (1, 200), R plane (0, 128)
    expect(Array.from(frames.data.subarray(0, 6))).toEqual([
      scaled[127],
      scaled[255],
      scaled[1],
      scaled[200],
      scaled[0],
      scaled[128],
    ]);
    expect(Array.from(frames.data.subarray(6, 12))).toEqual([1, -1, 1, -1, 1, -1]);
  });

  it('turns the encoder output back into RGB, clamped and rounded', () => {
    // numpy: (clip(v, -1, 1) + 1) * 127.5 in float32 → 0, 1.2749988, 127.5, 191.25, 254.87251, 255
    const output = new Float32Array([-1.5, -0.99, 0, 0.5, 0.999, 1.2]);
    const [image] = rivaganImages(output, [1, 3, 1, 1, 2]);
    // B plane = (-1.5, -0.99) → 0, 1; G = (0, 0.5) → 128, 191; R = (0.999, 1.2) → 255, 255
    expect(Array.from(image?.data ?? [])).toEqual([255, 128, 0, 255, 191, 1]);
    const [truncated] = rivaganImages(output, [1, 3, 1, 1, 2], { rounding: 'truncate' });
    expect(Array.from(truncated?.data ?? [])).toEqual([254, 127, 0, 255, 191, 1]);
  });

  it('round-trips frames of real pixels exactly', () => {
    const frames = rivaganFrames([first, second]);
    const images = rivaganImages(frames.data, frames.dims);
    expect(Array.from(images[0]?.data ?? [])).toEqual(Array.from(first.data));
    expect(Array.from(images[1]?.data ?? [])).toEqual(Array.from(second.data));
  });

  it('carries bits as 0/1 floats and reads scores above 0.52 as 1', () => {
    const bits = Array.from({ length: RIVAGAN_BITS }, (_, index) => (index % 3 === 0 ? 1 : 0));
    const data = rivaganData([bits, bits.map((bit) => 1 - bit)]);
    expect(data.length).toBe(64);
    expect(Array.from(data.subarray(0, 4))).toEqual([1, 0, 0, 1]);
    expect(Array.from(data.subarray(32, 36))).toEqual([0, 1, 1, 0]);
    const scores = new Float32Array(64).fill(0.52);
    scores[1] = 0.5201;
    scores[40] = 3;
    const read = rivaganBits(scores);
    expect(read[0]?.slice(0, 3)).toEqual([0, 1, 0]);
    expect(read[1]?.[8]).toBe(1);
    expect(read[1]?.reduce((sum, bit) => sum + bit, 0)).toBe(1);
  });

  it('explains wrong inputs', () => {
    expect(() => rivaganData([[1, 0]])).toThrow(/exactly 32 bits/);
    expect(() => rivaganFrames([first, { width: 1, height: 1, data: new Uint8Array(3) }])).toThrow(
      /share a size/,
    );
    expect(() => rivaganImages(new Float32Array(6), [1, 3, 2, 1, 1])).toThrow(/\[B, 3, 1, H, W\]/);
    expect(() => rivaganBits(new Float32Array(5))).toThrow(/32 per image/);
  });
});
