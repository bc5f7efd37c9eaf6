import { describe, expect, it } from 'vitest';
import { txt2img } from '../testing/catalog.ts';
import * as edits from './edits.ts';

describe('graph edits', () => {
  it('setParam changes one node and shares the others', () => {
    const graph = txt2img();
    const next = edits.setParam(graph, 'sampler', 'steps', 30);
    expect(next.nodes.sampler!.params).toEqual({ seed: 1, steps: 30 });
    expect(graph.nodes.sampler!.params!.steps).toBe(20);
    expect(next.nodes.decode).toBe(graph.nodes.decode);
  });

  it('returns the same graph when nothing changes', () => {
    const graph = txt2img();
    expect(edits.setParam(graph, 'sampler', 'steps', 20)).toBe(graph);
    expect(edits.setParam(graph, 'nobody', 'steps', 3)).toBe(graph);
    expect(edits.disconnect(graph, 'sampler', 'negative')).toBe(graph);
    expect(edits.moveNodes(graph, { sampler: { x: 600, y: 100 } })).toBe(graph);
  });

  it('connect replaces what fed an input; disconnect drops an emptied inputs object', () => {
    const graph = txt2img();
    const rewired = edits.connect(graph, {
      source: 'positive',
      output: 'conditioning',
      target: 'sampler',
      input: 'negative',
    });
    expect(rewired.nodes.sampler!.inputs!.negative).toBe('positive.conditioning');
    const save = edits.disconnect(graph, 'save', 'image');
    expect(save.nodes.save).toEqual({ type: 'core/save-image', ui: { x: 1160, y: 100 } });
  });

  it('removeNodes removes connections from them and graph inputs naming them', () => {
    const next = edits.removeNodes(txt2img(), ['sampler']);
    expect(Object.keys(next.nodes)).not.toContain('sampler');
    expect(next.nodes.decode!.inputs).toEqual({ pipeline: 'pipeline.model' });
    expect(next.inputs).toEqual({ prompt: { param: 'positive.prompt' } });
  });

  it('moveNodes rounds positions and keeps other ui fields', () => {
    const graph = edits.patchNodeUi(txt2img(), { save: { collapsed: true } });
    const next = edits.moveNodes(graph, { save: { x: 10.6, y: -3.2 } });
    expect(next.nodes.save!.ui).toEqual({ x: 11, y: -3, collapsed: true });
    const expanded = edits.patchNodeUi(next, { save: { collapsed: undefined } });
    expect(expanded.nodes.save!.ui).toEqual({ x: 11, y: -3 });
  });

  it('setNodeTitle trims, and an empty title removes the field', () => {
    const titled = edits.setNodeTitle(txt2img(), 'save', '  Final  ');
    expect(titled.nodes.save!.title).toBe('Final');
    const plain = edits.setNodeTitle(titled, 'save', ' ');
    expect('title' in plain.nodes.save!).toBe(false);
    expect(edits.setNodeTitle(plain, 'save', '')).toBe(plain);
  });

  it('groups are added, updated, removed and know their members', () => {
    let graph = edits.addGroup(txt2img(), {
      title: 'Prompting',
      x: -20,
      y: -20,
      width: 600,
      height: 300,
    });
    graph = edits.updateGroup(graph, 0, { title: 'Text' });
    expect(graph.groups).toEqual([{ title: 'Text', x: -20, y: -20, width: 600, height: 300 }]);
    expect(edits.nodesInGroup(graph, graph.groups![0]!)).toEqual(['pipeline', 'positive']);
    expect(edits.removeGroups(graph, [0]).groups).toBeUndefined();
  });
});
