import { describe, expect, it } from 'vitest';
import { latentPreview } from './latentSpace.ts';

describe('latentPreview', () => {
  it('maps each latent pixel through the SD 1.x factors to (rgb + 1)/2, clamped', () => {
    // Two latent pixels: (1, 0, 0, 0) and (0, 0, 0, 3).
    const latent = Float32Array.from([1, 0, 0, 0, 0, 0, 0, 3]);
    const preview = latentPreview(latent, 1, 2);
    expect(preview.dims).toEqual([1, 1, 2, 3]);
    const values = Array.from(preview.data);
    [
      (1 + 0.3512) / 2,
      (1 + 0.2297) / 2,
      (1 + 0.3227) / 2,
      (1 - 0.636) / 2,
      (1 - 0.7848) / 2,
      0,
    ].forEach((expected, index) => expect(values[index]).toBeCloseTo(expected, 6));
  });
});
