import { describe, expect, it } from 'vitest';
import { guidanceEmbedding } from './lcmGuidance.ts';

describe('guidanceEmbedding', () => {
  it('is [sin, cos] of w = (g − 1)·1000 over frequencies 1 … 1/10000 (diffusers get_guidance_scale_embedding)', () => {
    const embedding = guidanceEmbedding(8.5, 256);
    expect(embedding).toHaveLength(256);
    expect(embedding[0]).toBeCloseTo(Math.sin(7500), 6);
    expect(embedding[128]).toBeCloseTo(Math.cos(7500), 6);
    // The last frequency is exactly 1/10000: w · 10⁻⁴ = 0.75.
    expect(embedding[127]).toBeCloseTo(Math.sin(0.75), 6);
    expect(embedding[255]).toBeCloseTo(Math.cos(0.75), 6);
    expect(embedding[64]).toBeCloseTo(Math.sin(7500 * Math.exp((-64 * Math.log(10000)) / 127)), 6);
  });

  it('pads an odd size with a zero and gives sin 0, cos 1 at guidance 1', () => {
    const embedding = guidanceEmbedding(1, 5);
    expect(Array.from(embedding)).toEqual([0, 0, 1, 1, 0]);
  });
});
