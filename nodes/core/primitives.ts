/**
 * Primitive nodes: one value typed once and wired into many params (a seed
 * shared by two samplers, a prompt used twice). Each has one param and
 * outputs it as `value`; only the param's kind and the output type differ.
 */
import type { NodeDefinition, ParamSpec } from '../../engine/common/catalog.ts';
import type { NodeImplementation } from '../../engine/common/nodeApi.ts';
import { defineNode } from '../../engine/common/nodeApi.ts';
import type { ValueType } from '../../engine/common/valueTypes.ts';
import { readParams } from './params.ts';

function primitive(
  type: string,
  title: string,
  description: string,
  output: ValueType,
  param: ParamSpec,
): NodeImplementation {
  const definition: NodeDefinition = {
    type,
    version: 1,
    title,
    category: 'Primitives',
    description,
    inputs: [],
    outputs: [{ name: 'value', type: output }],
    params: [param],
  };
  return defineNode({
    definition,
    async run(_inputs, params) {
      const read = readParams(definition, params);
      switch (param.kind) {
        case 'int':
        case 'seed':
          return { value: read.int(param.name) };
        case 'float':
          return { value: read.float(param.name) };
        case 'boolean':
          return { value: read.boolean(param.name) };
        default:
          return { value: read.string(param.name) };
      }
    },
  });
}

export const textNode = primitive(
  'core/text',
  'Text',
  'A piece of text (a prompt, a file name, a caption) to connect to any text input or param.',
  'TEXT',
  {
    name: 'text',
    kind: 'string',
    label: 'Text',
    default: '',
    multiline: true,
    placeholder: 'a red circle',
  },
);

export const intNode = primitive(
  'core/int',
  'Integer',
  'A whole number to connect to any whole-number param (steps, width, batch size…).',
  'INT',
  { name: 'value', kind: 'int', label: 'Value', default: 0, step: 1 },
);

export const floatNode = primitive(
  'core/float',
  'Number',
  'A decimal number to connect to any number param (strength, guidance, opacity…).',
  'FLOAT',
  { name: 'value', kind: 'float', label: 'Value', default: 0, step: 0.01 },
);

export const booleanNode = primitive(
  'core/boolean',
  'Switch',
  'On or off, to connect to any yes/no param.',
  'BOOLEAN',
  {
    name: 'value',
    kind: 'boolean',
    label: 'On',
    default: false,
  },
);

export const seedNode = primitive(
  'core/seed',
  'Seed',
  'A seed shared by several nodes, so one change re-rolls them all together.',
  'INT',
  { name: 'seed', kind: 'seed', label: 'Seed', default: 0 },
);
