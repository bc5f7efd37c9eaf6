import { describe, expect, it } from 'vitest';
import type { NodeDefinition } from '../catalog.ts';
import { applyNodeModes } from './modes.ts';
import type { GraphFile } from './schema.ts';

function definition(
  type: string,
  inputs: Array<[string, string]>,
  outputs: Array<[string, string]>,
): NodeDefinition {
  return {
    type,
    version: 1,
    title: type,
    category: 'test',
    description: '',
    inputs: inputs.map(([name, valueType]) => ({ name, type: valueType })),
    outputs: outputs.map(([name, valueType]) => ({ name, type: valueType })),
    params: [],
  } as NodeDefinition;
}

const definitions = new Map<string, NodeDefinition>([
  [
    'core/load-image',
    definition(
      'core/load-image',
      [],
      [
        ['image', 'IMAGE'],
        ['mask', 'MASK'],
      ],
    ),
  ],
  ['control/invert', definition('control/invert', [['image', 'IMAGE']], [['image', 'IMAGE']])],
  ['core/int', definition('core/int', [], [['value', 'INT']])],
  ['core/save-image', definition('core/save-image', [['image', 'IMAGE']], [])],
  ['core/crop', definition('core/crop', [['image', 'IMAGE']], [['image', 'IMAGE']])],
]);
const definitionOf = (type: string): NodeDefinition | undefined => definitions.get(type);

function chain(mode: 'bypass' | 'mute'): GraphFile {
  return {
    format: 'weft/graph',
    version: 1,
    inputs: { size: { param: 'size.value' }, file: { param: 'load.file' } },
    nodes: {
      load: { type: 'core/load-image', params: { file: 'a.png' } },
      invert: { type: 'control/invert', mode, inputs: { image: 'load.image' } },
      size: { type: 'core/int', mode },
      save: { type: 'core/save-image', inputs: { image: 'invert.image' } },
      crop: { type: 'core/crop', inputs: { image: 'invert.image', width: 'size.value' } },
    },
  };
}

describe('node modes [F20]', () => {
  it('bypass passes the same-typed input through; consumers of an output with none disconnect', () => {
    const run = applyNodeModes(chain('bypass'), definitionOf);
    expect(Object.keys(run.nodes)).toEqual(['load', 'save', 'crop']);
    expect(run.nodes.save!.inputs).toEqual({ image: 'load.image' });
    expect(run.nodes.crop!.inputs).toEqual({ image: 'load.image' });
    expect(run.inputs).toEqual({ file: { param: 'load.file' } });
  });

  it('bypass follows a chain of bypassed nodes to the first one that runs', () => {
    const graph = chain('bypass');
    graph.nodes.invert2 = {
      type: 'control/invert',
      mode: 'bypass',
      inputs: { image: 'invert.image' },
    };
    graph.nodes.save!.inputs = { image: 'invert2.image' };
    expect(applyNodeModes(graph, definitionOf).nodes.save!.inputs).toEqual({ image: 'load.image' });
  });

  it('mute disconnects its consumers', () => {
    const run = applyNodeModes(chain('mute'), definitionOf);
    expect(run.nodes.save!.inputs).toBeUndefined();
    expect(run.nodes.crop!.inputs).toBeUndefined();
  });

  it('returns the graph itself when nothing is bypassed or muted', () => {
    const graph: GraphFile = {
      format: 'weft/graph',
      version: 1,
      nodes: { a: { type: 'core/int' } },
    };
    expect(applyNodeModes(graph, definitionOf)).toBe(graph);
  });
});
