/**
 * Primitive nodes: one value typed once and wired into many params (a seed
 * shared by two samplers, a prompt used twice). Each outputs `value`.
 */
import type { NodeDefinition } from '../../engine/common/catalog.ts';
import { defineNode } from '../../engine/common/nodeApi.ts';
import { readParams } from './params.ts';

const textDefinition: NodeDefinition = {
  type: 'core/text',
  version: 1,
  title: 'Text',
  category: 'Primitives',
  description:
    'A piece of text (a prompt, a file name, a caption) to connect to any text input or param.',
  inputs: [],
  outputs: [{ name: 'value', type: 'TEXT' }],
  params: [
    {
      name: 'text',
      kind: 'string',
      label: 'Text',
      default: '',
      multiline: true,
      placeholder: 'a red circle',
    },
  ],
};

export const textNode = defineNode({
  definition: textDefinition,
  async run(_inputs, params) {
    return { value: readParams(textDefinition, params).string('text') };
  },
});

const intDefinition: NodeDefinition = {
  type: 'core/int',
  version: 1,
  title: 'Integer',
  category: 'Primitives',
  description: 'A whole number to connect to any whole-number param (steps, width, batch size…).',
  inputs: [],
  outputs: [{ name: 'value', type: 'INT' }],
  params: [{ name: 'value', kind: 'int', label: 'Value', default: 0, step: 1 }],
};

export const intNode = defineNode({
  definition: intDefinition,
  async run(_inputs, params) {
    return { value: readParams(intDefinition, params).int('value') };
  },
});

const floatDefinition: NodeDefinition = {
  type: 'core/float',
  version: 1,
  title: 'Number',
  category: 'Primitives',
  description: 'A decimal number to connect to any number param (strength, guidance, opacity…).',
  inputs: [],
  outputs: [{ name: 'value', type: 'FLOAT' }],
  params: [{ name: 'value', kind: 'float', label: 'Value', default: 0, step: 0.01 }],
};

export const floatNode = defineNode({
  definition: floatDefinition,
  async run(_inputs, params) {
    return { value: readParams(floatDefinition, params).float('value') };
  },
});

const booleanDefinition: NodeDefinition = {
  type: 'core/boolean',
  version: 1,
  title: 'Switch',
  category: 'Primitives',
  description: 'On or off, to connect to any yes/no param.',
  inputs: [],
  outputs: [{ name: 'value', type: 'BOOLEAN' }],
  params: [{ name: 'value', kind: 'boolean', label: 'On', default: false }],
};

export const booleanNode = defineNode({
  definition: booleanDefinition,
  async run(_inputs, params) {
    return { value: readParams(booleanDefinition, params).boolean('value') };
  },
});

const seedDefinition: NodeDefinition = {
  type: 'core/seed',
  version: 1,
  title: 'Seed',
  category: 'Primitives',
  description: 'A seed shared by several nodes, so one change re-rolls them all together.',
  inputs: [],
  outputs: [{ name: 'value', type: 'INT' }],
  params: [{ name: 'seed', kind: 'seed', label: 'Seed', default: 0 }],
};

export const seedNode = defineNode({
  definition: seedDefinition,
  async run(_inputs, params) {
    return { value: readParams(seedDefinition, params).int('seed') };
  },
});
