import { describe, expect, it } from 'vitest';
import { Tensor } from '../../engine/common/tensor.ts';
import { expectNodeError } from '../../engine/node/testing/nodeErrors.ts';
import { createTestContext, runNode } from '../../engine/node/testing/testContext.ts';
import { emptyLatentNode } from './emptyLatent.ts';

describe('diffusion/empty-latent', () => {
  it('is zeros of [batch, 4, height/8, width/8]', async () => {
    const test = await createTestContext();
    try {
      const { latent } = await runNode(
        emptyLatentNode,
        {},
        { width: 64, height: 48, batch: 2 },
        test.ctx,
      );
      const { samples } = latent as { samples: Tensor<'float32'> };
      expect(samples).toBeInstanceOf(Tensor);
      expect(samples.dims).toEqual([2, 4, 6, 8]);
      expect(samples.data.every((value) => value === 0)).toBe(true);
      const error = await expectNodeError(runNode(emptyLatentNode, {}, { width: 60 }, test.ctx));
      expect(error).toMatchObject({ code: 'INVALID_PARAM', field: 'width' });
      expect(error.message).toBe('"Width" must be a multiple of 8, got 60. Use 56 or 64.');
    } finally {
      await test.cleanup();
    }
  });
});
