import { describe, expect, it } from 'vitest';
import type { NodeDefinition } from '../catalog.ts';
import { effectiveParams } from './params.ts';

const sampler: NodeDefinition = {
  type: 'diffusion/sampler',
  version: 1,
  title: 'Sampler',
  category: 'diffusion',
  description: 'Denoises a latent.',
  inputs: [],
  outputs: [],
  params: [
    { name: 'steps', kind: 'int', default: 20, min: 1, max: 150 },
    { name: 'cfg', kind: 'float', default: 7 },
    { name: 'sampler', kind: 'enum', options: ['euler', 'dpmpp_2m'], default: 'euler' },
    { name: 'tiled', kind: 'boolean', default: false },
  ],
};

describe('effectiveParams', () => {
  it('gives every default when the node saved no params', () => {
    expect(effectiveParams({ type: 'diffusion/sampler' }, sampler)).toEqual({
      steps: 20,
      cfg: 7,
      sampler: 'euler',
      tiled: false,
    });
  });

  it('overlays saved values, including falsy ones, and drops names the definition lacks', () => {
    const node = {
      type: 'diffusion/sampler',
      params: { cfg: 0, tiled: true, sampler: '', eta: 0.5 },
    };
    expect(effectiveParams(node, sampler)).toEqual({
      steps: 20,
      cfg: 0,
      sampler: '',
      tiled: true,
    });
  });

  it('lists params in the definition’s order, not the file’s', () => {
    const node = { type: 'diffusion/sampler', params: { tiled: true, steps: 4 } };
    expect(Object.keys(effectiveParams(node, sampler))).toEqual([
      'steps',
      'cfg',
      'sampler',
      'tiled',
    ]);
  });

  it('does not pick up Object prototype members as saved values', () => {
    const definition: NodeDefinition = {
      ...sampler,
      params: [{ name: 'constructor', kind: 'string', default: 'plain' }],
    };
    expect(effectiveParams({ type: 'diffusion/sampler', params: {} }, definition)).toEqual({
      constructor: 'plain',
    });
  });
});
