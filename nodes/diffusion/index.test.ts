import { describe, expect, it } from 'vitest';
import { nodeDefinitionSchema } from '../../engine/common/catalog.ts';
import { allNodes, createDefaultRegistry } from '../index.ts';
import { diffusionPack } from './index.ts';

describe('the diffusion pack', () => {
  it('is registered with the shipped nodes, each type once, all in "Diffusion"', () => {
    const types = createDefaultRegistry()
      .types()
      .filter((type) => type.startsWith('diffusion/'));
    expect(types).toEqual([
      'diffusion/apply-controlnet',
      'diffusion/empty-latent',
      'diffusion/sampler',
      'diffusion/size-conditioning',
      'diffusion/text-encode',
      'diffusion/vae-decode',
      'diffusion/vae-encode',
    ]);
    for (const node of diffusionPack) {
      expect(allNodes).toContain(node);
      expect(node.definition.category).toBe('Diffusion');
      expect(nodeDefinitionSchema.safeParse(node.definition).success).toBe(true);
    }
  });

  it('the sampler offers every sampler and schedule, with the ranges the issue asks for', () => {
    const sampler = diffusionPack.find((node) => node.definition.type === 'diffusion/sampler')!;
    const params = Object.fromEntries(
      sampler.definition.params.map((param) => [param.name, param]),
    );
    expect(params.steps).toMatchObject({ kind: 'int', min: 1, max: 150 });
    expect(params.cfg).toMatchObject({ kind: 'float', min: 0, max: 30 });
    expect(params.denoise).toMatchObject({ kind: 'float', min: 0, max: 1, default: 1 });
    expect(params.seed).toMatchObject({ kind: 'seed' });
    expect(params.sampler).toMatchObject({
      options: [
        'euler',
        'euler_ancestral',
        'heun',
        'dpm_2',
        'dpmpp_2m',
        'dpmpp_2m_sde',
        'ddim',
        'lcm',
      ],
    });
    expect(params.scheduler).toMatchObject({ options: ['normal', 'karras', 'exponential'] });
  });
});
