import { describe, expect, it } from 'vitest';
import { testDefinitionOf, txt2img } from '../testing/catalog.ts';
import { addNode } from './edits.ts';
import { checkConnection, firstInputTaking, firstOutputGiving } from './connections.ts';

describe('checkConnection', () => {
  it('accepts equal types and names the type', () => {
    const check = checkConnection(txt2img(), testDefinitionOf, {
      source: 'decode',
      output: 'image',
      target: 'save',
      input: 'image',
    });
    expect(check).toEqual({ ok: true, type: 'IMAGE' });
  });

  it('refuses a mismatch with the reason artists see', () => {
    const check = checkConnection(txt2img(), testDefinitionOf, {
      source: 'decode',
      output: 'image',
      target: 'sampler',
      input: 'latent',
    });
    expect(check).toEqual({ ok: false, reason: 'IMAGE cannot connect to LATENT' });
  });

  it('lets a param be fed by a wire of its value type', () => {
    const graph = addNode(txt2img(), 'seed', { type: 'core/int' });
    const link = { source: 'seed', output: 'value', target: 'sampler', input: 'seed' };
    expect(checkConnection(graph, testDefinitionOf, link)).toEqual({ ok: true, type: 'INT' });
    const cfg = checkConnection(graph, testDefinitionOf, { ...link, input: 'cfg' });
    expect(cfg).toEqual({ ok: false, reason: 'INT cannot connect to FLOAT' });
  });

  it('refuses loops', () => {
    const graph = addNode(txt2img(), 'encode', { type: 'diffusion/vae-encode' });
    const check = checkConnection(
      {
        ...graph,
        nodes: {
          ...graph.nodes,
          encode: { type: 'diffusion/vae-encode', inputs: { image: 'decode.image' } },
        },
      },
      testDefinitionOf,
      { source: 'encode', output: 'latent', target: 'sampler', input: 'latent' },
    );
    expect(check).toEqual({
      ok: false,
      reason: 'This would make a loop: encode already depends on sampler.',
    });
  });

  it('finds the port a dropped wire lands on', () => {
    const sampler = testDefinitionOf('diffusion/sampler')!;
    expect(firstInputTaking(sampler, 'LATENT')).toBe('latent');
    expect(firstInputTaking(sampler, 'INT')).toBe('seed');
    expect(firstInputTaking(sampler, 'IMAGE')).toBeUndefined();
    expect(firstOutputGiving(testDefinitionOf('core/load-image')!, 'MASK')).toBe('mask');
  });
});
