/**
 * Tests of the renderer's pure code use the real catalog (every shipped
 * node pack's definitions), the same data the engine sends the editor.
 */
import type { Catalog } from '../../engine/common/catalog.ts';
import type { GraphFile } from '../../engine/common/graph/schema.ts';
import { createDefaultRegistry } from '../../nodes/index.ts';
import type { DefinitionOf } from '../graph/lookup.ts';

const registry = createDefaultRegistry();

export const testCatalog: Catalog = registry.catalog();
export const testDefinitionOf: DefinitionOf = (type) => registry.definition(type);

/** A small text-to-image graph (the shape of graphs/txt2img.weft.json). */
export function txt2img(): GraphFile {
  return {
    format: 'weft/graph',
    version: 1,
    inputs: { seed: { param: 'sampler.seed' }, prompt: { param: 'positive.prompt' } },
    nodes: {
      pipeline: { type: 'models/load-diffusion', params: { model: 'toy-sd' }, ui: { x: 0, y: 0 } },
      positive: {
        type: 'diffusion/text-encode',
        params: { prompt: 'a red circle' },
        inputs: { pipeline: 'pipeline.model' },
        ui: { x: 280, y: 0 },
      },
      latent: { type: 'diffusion/empty-latent', ui: { x: 280, y: 440 } },
      sampler: {
        type: 'diffusion/sampler',
        params: { seed: 1, steps: 20 },
        inputs: {
          pipeline: 'pipeline.model',
          positive: 'positive.conditioning',
          latent: 'latent.latent',
        },
        ui: { x: 600, y: 100 },
      },
      decode: {
        type: 'diffusion/vae-decode',
        inputs: { pipeline: 'pipeline.model', latent: 'sampler.latent' },
        ui: { x: 900, y: 100 },
      },
      save: { type: 'core/save-image', inputs: { image: 'decode.image' }, ui: { x: 1160, y: 100 } },
    },
  };
}
