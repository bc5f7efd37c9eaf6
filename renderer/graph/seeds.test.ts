import { describe, expect, it } from 'vitest';
import { testDefinitionOf, txt2img } from '../testing/catalog.ts';
import { patchNodeUi } from './edits.ts';
import { advanceSeeds } from './seeds.ts';

describe('advanceSeeds', () => {
  it('leaves fixed seeds alone and returns the same graph', () => {
    const graph = txt2img();
    expect(advanceSeeds(graph, testDefinitionOf, () => 0.5)).toBe(graph);
  });

  it('increments and randomizes by mode', () => {
    let graph = patchNodeUi(txt2img(), { sampler: { seedModes: { seed: 'increment' } } });
    graph = {
      ...graph,
      nodes: {
        ...graph.nodes,
        s2: { type: 'core/seed', ui: { x: 0, y: 0, seedModes: { seed: 'randomize' } } },
      },
    };
    const next = advanceSeeds(graph, testDefinitionOf, () => 0.25);
    expect(next.nodes.sampler!.params!.seed).toBe(2);
    expect(next.nodes.s2!.params!.seed).toBe(2 ** 30);
    expect(next.nodes.decode).toBe(graph.nodes.decode);
  });

  it('skips a seed fed by a wire', () => {
    const graph = patchNodeUi(txt2img(), { sampler: { seedModes: { seed: 'increment' } } });
    graph.nodes.sampler = {
      ...graph.nodes.sampler!,
      inputs: { ...graph.nodes.sampler!.inputs, seed: 'x.value' },
    };
    expect(advanceSeeds(graph, testDefinitionOf, () => 0).nodes.sampler!.params!.seed).toBe(1);
  });
});
