import { describe, expect, it } from 'vitest';
import { testCatalog } from '../testing/catalog.ts';
import { searchNodes } from './search.ts';

const types = (query: string, filter?: Parameters<typeof searchNodes>[2]) =>
  searchNodes(testCatalog.nodes, query, filter).map((definition) => definition.type);

describe('palette search', () => {
  it('ranks title matches first', () => {
    expect(types('sampler')[0]).toBe('diffusion/sampler');
    expect(types('load image')[0]).toBe('core/load-image');
    expect(types('canny')).toEqual(['control/canny']);
  });

  it('finds nodes by category, port type and description', () => {
    // Equal scores sort by title: Integer, Number, Seed, Switch, Text.
    expect(types('primitives')).toEqual([
      'core/int',
      'core/float',
      'core/seed',
      'core/boolean',
      'core/text',
    ]);
    expect(types('latent')).toEqual(
      expect.arrayContaining([
        'diffusion/empty-latent',
        'diffusion/sampler',
        'diffusion/vae-decode',
      ]),
    );
    expect(types('exif')).toEqual(['core/load-image']);
  });

  it('requires every word to match', () => {
    expect(types('save image')).toEqual(['core/save-image']);
    expect(types('zzzz')).toEqual([]);
  });

  it('with a wire in hand lists only nodes that take or give its type', () => {
    const takesLatent = types('', { type: 'LATENT', needs: 'input' });
    expect(takesLatent.sort()).toEqual(['diffusion/sampler', 'diffusion/vae-decode']);
    const givesPipeline = types('', { type: 'DIFFUSION_PIPELINE', needs: 'output' });
    expect(givesPipeline).toEqual(['models/load-diffusion']);
    expect(types('', { type: 'INT', needs: 'input' })).toContain('diffusion/sampler');
  });
});
