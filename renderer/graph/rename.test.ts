import { describe, expect, it } from 'vitest';
import { txt2img } from '../testing/catalog.ts';
import { renameNode } from './rename.ts';

describe('renameNode', () => {
  it('renames the id and every reference to it', () => {
    const result = renameNode(txt2img(), 'sampler', 'ksampler');
    if (!result.ok) throw new Error(result.message);
    const { graph } = result;
    expect(Object.keys(graph.nodes)).toEqual([
      'pipeline',
      'positive',
      'latent',
      'ksampler',
      'decode',
      'save',
    ]);
    expect(graph.nodes.decode!.inputs!.latent).toBe('ksampler.latent');
    expect(graph.inputs!.seed!.param).toBe('ksampler.seed');
    expect(graph.inputs!.prompt!.param).toBe('positive.prompt');
  });

  it('does not touch ids that merely start with the old one', () => {
    const graph = txt2img();
    graph.nodes['sampler-2'] = { type: 'core/int' };
    graph.nodes.decode!.inputs!.latent = 'sampler-2.value';
    const result = renameNode(graph, 'sampler', 's');
    expect(result.ok && result.graph.nodes.decode!.inputs!.latent).toBe('sampler-2.value');
  });

  it('refuses a taken id and an invalid one, saying why', () => {
    expect(renameNode(txt2img(), 'sampler', 'decode')).toEqual({
      ok: false,
      message: 'There is already a node "decode"; pick another name.',
    });
    const bad = renameNode(txt2img(), 'sampler', '2 samplers');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toContain('start with a letter');
  });
});
