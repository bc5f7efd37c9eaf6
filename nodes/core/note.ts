/**
 * core/note: text on the canvas for the people reading the graph. It has no
 * ports and is not an output node, so no run ever pulls it.
 */
import type { NodeDefinition } from '../../engine/common/catalog.ts';
import { defineNode } from '../../engine/common/nodeApi.ts';

const definition: NodeDefinition = {
  type: 'core/note',
  version: 1,
  title: 'Note',
  category: 'Utility',
  description:
    'A note on the canvas: explain a part of the graph to whoever opens it next. It never runs.',
  inputs: [],
  outputs: [],
  params: [
    {
      name: 'text',
      kind: 'string',
      label: 'Note',
      default: '',
      multiline: true,
      placeholder: 'Write a note…',
    },
  ],
};

export const noteNode = defineNode({
  definition,
  async run() {
    return {};
  },
});
