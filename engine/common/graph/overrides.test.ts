import { describe, expect, it } from 'vitest';
import type { NodeDefinition } from '../catalog.ts';
import { defineNode } from '../nodeApi.ts';
import { NodeRegistry } from '../registry.ts';
import { applyOverrides } from './overrides.ts';
import type { GraphFile } from './schema.ts';

function definition(type: string, params: NodeDefinition['params']): NodeDefinition {
  return {
    type,
    version: 1,
    title: type,
    category: 'test',
    description: '',
    inputs: [],
    outputs: [],
    params,
  };
}

const registry = new NodeRegistry().register(
  defineNode({
    definition: definition('core/text', [{ name: 'text', kind: 'string', default: '' }]),
    run: async () => ({}),
  }),
  defineNode({
    definition: definition('core/int', [{ name: 'value', kind: 'int', default: 0 }]),
    run: async () => ({}),
  }),
  defineNode({
    definition: definition('diffusion/sampler', [
      { name: 'seed', kind: 'seed', default: 0 },
      { name: 'steps', kind: 'int', default: 20, min: 1, max: 150 },
      { name: 'cfg', kind: 'float', default: 7.5 },
      { name: 'denoise', kind: 'float', default: 1 },
      { name: 'scheduler', kind: 'enum', options: ['euler', 'ddim', 'lcm'], default: 'euler' },
      { name: 'tiled', kind: 'boolean', default: false },
      { name: 'model', kind: 'model', default: '', modelKind: 'diffusion' },
    ]),
    run: async () => ({}),
  }),
);

function example(): GraphFile {
  return {
    format: 'weft/graph',
    version: 1,
    inputs: {
      seed: { param: 'sampler.seed' },
      prompt: { param: 'prompt.text', description: 'What to draw' },
      ghost: { param: 'gone.value' },
    },
    nodes: {
      prompt: { type: 'core/text', params: { text: 'a red circle' } },
      count: { type: 'core/int', params: { value: 4 } },
      sampler: {
        type: 'diffusion/sampler',
        params: { seed: 1, steps: 20, scheduler: 'euler' },
        inputs: { positive: 'prompt.text', denoise: 'count.value' },
        ui: { x: 0, y: 0 },
      },
      glow: { type: 'missing-pack/glow', params: { radius: 3 } },
    },
  };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

describe('applyOverrides', () => {
  it('[F13] a name without a dot sets the param a graph input stands for', () => {
    const result = applyOverrides(example(), [{ target: 'seed', value: '3' }], registry);
    expect(result.errors).toEqual([]);
    expect(result.graph.nodes.sampler?.params).toEqual({ seed: 3, steps: 20, scheduler: 'euler' });
  });

  it('[F13] [F14] node.param targets are read by the param kind', () => {
    const { graph, errors } = applyOverrides(
      example(),
      [
        { target: 'sampler.steps', value: '30' },
        { target: 'sampler.scheduler', value: 'ddim' },
        { target: 'sampler.tiled', value: 'Yes' },
        { target: 'sampler.model', value: 'toy-sd' },
        { target: 'prompt', value: '  a blue square, 3 ' },
        { target: 'count.value', value: '-2' },
      ],
      registry,
    );
    expect(errors).toEqual([]);
    expect(graph.nodes.sampler?.params).toEqual({
      seed: 1,
      steps: 30,
      scheduler: 'ddim',
      tiled: true,
      model: 'toy-sd',
    });
    expect(graph.nodes.prompt?.params).toEqual({ text: '  a blue square, 3 ' });
    expect(graph.nodes.count?.params).toEqual({ value: -2 });
  });

  it('[F14] booleans accept true/false, 1/0 and yes/no; numbers accept decimals and exponents', () => {
    const read = (target: string, value: string): unknown =>
      applyOverrides(example(), [{ target, value }], registry).graph.nodes.sampler?.params?.[
        target.split('.')[1]!
      ];
    expect(
      ['true', 'FALSE', '1', '0', 'yes', 'No'].map((value) => read('sampler.tiled', value)),
    ).toEqual([true, false, true, false, true, false]);
    expect(read('sampler.cfg', '7.25')).toBe(7.25);
    expect(read('sampler.cfg', '-.5')).toBe(-0.5);
    expect(read('sampler.steps', '1e2')).toBe(100);
    expect(read('sampler.seed', '4294967295')).toBe(4294967295);
  });

  it('[F14] values that do not fit the kind are BAD_VALUE and say what is expected', () => {
    const { graph, errors } = applyOverrides(
      example(),
      [
        { target: 'sampler.steps', value: '2.5' },
        { target: 'sampler.cfg', value: 'high' },
        { target: 'sampler.tiled', value: 'maybe' },
        { target: 'sampler.scheduler', value: 'Euler' },
        { target: 'seed', value: '' },
        { target: 'sampler.cfg', value: 'Infinity' },
      ],
      registry,
    );
    expect(errors).toEqual([
      {
        code: 'BAD_VALUE',
        target: 'sampler.steps',
        message:
          'The value "2.5" is not valid for sampler.steps: expected a whole number (int), such as 20.',
      },
      {
        code: 'BAD_VALUE',
        target: 'sampler.cfg',
        message:
          'The value "high" is not valid for sampler.cfg: expected a number (float), such as 7.5.',
      },
      {
        code: 'BAD_VALUE',
        target: 'sampler.tiled',
        message:
          'The value "maybe" is not valid for sampler.tiled: expected true or false (or yes/no, 1/0).',
      },
      {
        code: 'BAD_VALUE',
        target: 'sampler.scheduler',
        message:
          'The value "Euler" is not valid for sampler.scheduler: expected one of: euler, ddim, lcm.',
      },
      {
        code: 'BAD_VALUE',
        target: 'seed',
        message:
          'Graph input "seed" stands for sampler.seed, but the value "" is not valid for sampler.seed: expected a whole number (seed), such as 20.',
      },
      {
        code: 'BAD_VALUE',
        target: 'sampler.cfg',
        message:
          'The value "Infinity" is not valid for sampler.cfg: expected a number (float), such as 7.5.',
      },
    ]);
    expect(graph).toStrictEqual(example());
  });

  it("[F13] an unknown graph input lists the graph's input names", () => {
    const { errors } = applyOverrides(example(), [{ target: 'sed', value: '3' }], registry);
    expect(errors).toEqual([
      {
        code: 'UNKNOWN_GRAPH_INPUT',
        target: 'sed',
        message:
          '"sed" is not a named input of this graph. Its named inputs are: ghost, prompt, seed. Any param can be set as <nodeId>.<param>, e.g. count.value.',
      },
    ]);
    const bare: GraphFile = { ...example(), inputs: undefined };
    expect(
      applyOverrides(bare, [{ target: 'toString', value: '1' }], registry).errors[0]?.message,
    ).toBe(
      '"toString" is not a named input of this graph. It has no named inputs. Any param can be set as <nodeId>.<param>, e.g. count.value.',
    );
  });

  it("[F13] an unknown node lists the graph's nodes, also behind a graph input", () => {
    const { errors } = applyOverrides(
      example(),
      [
        { target: 'samplr.steps', value: '3' },
        { target: 'constructor.name', value: '3' },
        { target: 'ghost', value: '3' },
      ],
      registry,
    );
    expect(errors).toEqual([
      {
        code: 'UNKNOWN_NODE',
        target: 'samplr.steps',
        message:
          'There is no node "samplr" in this graph. Its nodes are: count, glow, prompt, sampler.',
      },
      {
        code: 'UNKNOWN_NODE',
        target: 'constructor.name',
        message:
          'There is no node "constructor" in this graph. Its nodes are: count, glow, prompt, sampler.',
      },
      {
        code: 'UNKNOWN_NODE',
        target: 'ghost',
        message:
          'Graph input "ghost" stands for gone.value, but there is no node "gone" in this graph. Its nodes are: count, glow, prompt, sampler.',
      },
    ]);
  });

  it('[F3] a placeholder node of a type that is not installed cannot be set', () => {
    const { errors } = applyOverrides(example(), [{ target: 'glow.radius', value: '5' }], registry);
    expect(errors).toEqual([
      {
        code: 'UNKNOWN_NODE',
        target: 'glow.radius',
        message:
          'Node "glow" is of type "missing-pack/glow", which is not installed, so its params cannot be set. Install the pack that provides it.',
      },
    ]);
  });

  it("[F13] an unknown param lists the node's params", () => {
    const { errors } = applyOverrides(
      example(),
      [{ target: 'sampler.stepz', value: '3' }],
      registry,
    );
    expect(errors).toEqual([
      {
        code: 'UNKNOWN_PARAM',
        target: 'sampler.stepz',
        message:
          'Node "sampler" (diffusion/sampler) has no param "stepz". Its params are: cfg, denoise, model, scheduler, seed, steps, tiled.',
      },
    ]);
  });

  it('[F16] a param fed by a connection cannot be overridden: the value would be ignored', () => {
    const { errors } = applyOverrides(
      example(),
      [{ target: 'sampler.denoise', value: '0.5' }],
      registry,
    );
    expect(errors).toEqual([
      {
        code: 'PARAM_CONNECTED',
        target: 'sampler.denoise',
        message:
          'The param sampler.denoise is fed by a connection from "count.value", so a value set here would be ignored. Set the value on the node it comes from instead.',
      },
    ]);
  });

  it('[F15] never changes the graph it was given, and shares untouched nodes', () => {
    const input = deepFreeze(example());
    const { graph } = applyOverrides(
      input,
      [
        { target: 'seed', value: '9' },
        { target: 'sampler.seed', value: '10' },
      ],
      registry,
    );
    expect(input).toStrictEqual(example());
    expect(graph.nodes.sampler?.params?.seed).toBe(10);
    expect(graph.nodes.sampler?.ui).toBe(input.nodes.sampler?.ui);
    expect(graph.nodes.prompt).toBe(input.nodes.prompt);
    expect(applyOverrides(input, [], registry).graph).toBe(input);
  });
});
