import { describe, expect, it } from 'vitest';
import type { NodeDefinition } from '../../engine/common/catalog.ts';
import { NodeError } from '../../engine/common/nodeApi.ts';
import { readParams } from './params.ts';

const definition: NodeDefinition = {
  type: 'test/params',
  version: 1,
  title: 'Params',
  category: 'Test',
  description: '',
  inputs: [],
  outputs: [],
  params: [
    { name: 'steps', kind: 'int', label: 'Steps', default: 20, min: 1, max: 150 },
    { name: 'scale', kind: 'float', default: 7.5, min: 0 },
    { name: 'seed', kind: 'seed', default: 0 },
    { name: 'mode', kind: 'enum', options: ['a', 'b'], default: 'a' },
    { name: 'name', kind: 'string', default: 'x' },
    { name: 'on', kind: 'boolean', default: true },
  ],
};

describe('readParams', () => {
  it('returns valid values and falls back to defaults', () => {
    const read = readParams(definition, { steps: 30, mode: 'b' });
    expect([read.int('steps'), read.float('scale'), read.int('seed')]).toEqual([30, 7.5, 0]);
    expect([read.option('mode'), read.string('name'), read.boolean('on')]).toEqual([
      'b',
      'x',
      true,
    ]);
  });

  it('names the node, the label and the range in NodeErrors', () => {
    const read = readParams(definition, {
      steps: 200,
      scale: -1,
      mode: 'c',
      name: 3,
      on: 'yes',
      seed: 1.5,
    });
    const error: unknown = (() => {
      try {
        return read.int('steps');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(NodeError);
    expect((error as NodeError).field).toBe('steps');
    expect((error as NodeError).message).toBe(
      'Params: "Steps" must be a whole number from 1 to 150, got 200.',
    );
    expect(() => read.float('scale')).toThrow(
      'Params: "scale" must be a number of at least 0, got -1.',
    );
    expect(() => read.option('mode')).toThrow('must be one of a, b, got "c"');
    expect(() => read.string('name')).toThrow('must be text, got 3');
    expect(() => read.boolean('on')).toThrow('must be true or false, got "yes"');
    expect(() => read.int('seed')).toThrow('must be a whole number of at least 0, got 1.5');
  });

  it('treats reading an undeclared param as a bug in the node', () => {
    expect(() => readParams(definition, {}).int('nope')).toThrow(
      'test/params reads a param "nope" it does not declare',
    );
  });
});
