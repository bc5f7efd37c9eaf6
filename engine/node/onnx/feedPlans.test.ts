import { describe, expect, it } from 'vitest';
import { Tensor } from '../../common/tensor.ts';
import { adaptFeeds } from './adaptFeeds.ts';
import type { Feeds, TensorSpec } from './feedErrors.ts';
import { ModelInputError } from './feedErrors.ts';
import { createFeedAdapter } from './feedPlans.ts';

const UNET: TensorSpec[] = [
  { name: 'sample', dtype: 'float32', shape: ['batch', 4, 2, 2] },
  { name: 'timestep', dtype: 'float32', shape: ['batch'] },
  { name: 'encoder_hidden_states', dtype: 'float32', shape: ['batch', 77, 8] },
];
const latents = (batch: number, fill = 0) =>
  new Tensor('float32', [batch, 4, 2, 2], new Float32Array(batch * 16).fill(fill));
const text = (batch: number) => Tensor.zeros('float32', [batch, 77, 8]);

function values(tensor: Tensor): unknown[] {
  return Array.from(tensor.data as ArrayLike<unknown>);
}

describe('createFeedAdapter', () => {
  it('gives what adaptFeeds gives, call after call: tensors through as they are, numbers filled', () => {
    const adapt = createFeedAdapter('unet/model.onnx', UNET);
    const hidden = text(2);
    for (const [step, timestep] of [999, 981.5, 0].entries()) {
      const sample = latents(2, step);
      const feeds: Feeds = { sample, timestep, encoder_hidden_states: hidden };
      const adapted = adapt(feeds);
      const reference = adaptFeeds('unet/model.onnx', UNET, feeds);
      expect(adapted.sample).toBe(sample);
      expect(adapted.encoder_hidden_states).toBe(hidden);
      expect(adapted.timestep!.dtype).toBe('float32');
      expect(adapted.timestep!.dims).toEqual([2]);
      expect(values(adapted.timestep!)).toEqual([timestep, timestep]);
      expect(values(adapted.timestep!)).toEqual(values(reference.timestep!));
    }
  });

  it('follows another batch size with a plan of its own', () => {
    const adapt = createFeedAdapter('unet/model.onnx', UNET);
    adapt({ sample: latents(2), timestep: 5, encoder_hidden_states: text(2) });
    const three = adapt({ sample: latents(3), timestep: 5, encoder_hidden_states: text(3) });
    expect(three.timestep!.dims).toEqual([3]);
  });

  it('still refuses, with adaptFeeds’ own message, feeds that do not fit after a plan was learned', () => {
    const adapt = createFeedAdapter('unet/model.onnx', UNET);
    adapt({ sample: latents(1), timestep: 5, encoder_hidden_states: text(1) });
    const wrong: Feeds = {
      sample: Tensor.zeros('float32', [1, 3, 2, 2]),
      timestep: 5,
      encoder_hidden_states: text(1),
    };
    const expected = (() => {
      try {
        adaptFeeds('unet/model.onnx', UNET, wrong);
      } catch (error) {
        return error as ModelInputError;
      }
      throw new Error('adaptFeeds accepted a 3-channel latent');
    })();
    expect(() => adapt(wrong)).toThrow(expected.message);
    expect(() => adapt({ sample: latents(1), timestep: 5 })).toThrow(ModelInputError);
  });

  it('checks a number for an integer input every time (no plan covers it)', () => {
    const specs: TensorSpec[] = [{ name: 'timestep', dtype: 'int64', shape: [1] }];
    const adapt = createFeedAdapter('unet/model.onnx', specs);
    expect(values(adapt({ timestep: 981 }).timestep!)).toEqual([981n]);
    expect(values(adapt({ timestep: 21 }).timestep!)).toEqual([21n]);
    expect(() => adapt({ timestep: 20.5 })).toThrow(ModelInputError);
  });

  it('converts a tensor of another dtype every time too (int32 ids for an int64 input)', () => {
    const specs: TensorSpec[] = [{ name: 'input_ids', dtype: 'int64', shape: ['batch', 3] }];
    const adapt = createFeedAdapter('text_encoder/model.onnx', specs);
    for (const first of [1, 7]) {
      const ids = new Tensor('int32', [1, 3], Int32Array.of(first, 2, 3));
      expect(values(adapt({ input_ids: ids }).input_ids!)).toEqual([BigInt(first), 2n, 3n]);
    }
  });
});
