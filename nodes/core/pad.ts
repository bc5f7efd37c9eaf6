/** core/pad: borders of one colour around every image in the batch. */
import type { NodeDefinition, ParamSpec } from '../../engine/common/catalog.ts';
import { defineNode } from '../../engine/common/nodeApi.ts';
import { padImage, parseColor } from './imageOps.ts';
import { imageInput } from './inputs.ts';
import { withSeedsOf } from './seededImage.ts';
import { readParams } from './params.ts';
import { colorParam, MAX_SIDE } from './sizeParams.ts';

const SIDES = ['top', 'right', 'bottom', 'left'] as const;

function sideParam(name: (typeof SIDES)[number]): ParamSpec {
  const label = name[0]!.toUpperCase() + name.slice(1);
  return { name, kind: 'int', label, default: 0, min: 0, max: MAX_SIDE };
}

const definition: NodeDefinition = {
  type: 'core/pad',
  version: 1,
  title: 'Pad',
  category: 'Image',
  description:
    'Adds borders of one colour: the image grows by the given number of pixels on each side.',
  inputs: [{ name: 'image', type: 'IMAGE' }],
  outputs: [{ name: 'image', type: 'IMAGE' }],
  params: [...SIDES.map(sideParam), colorParam('color', 'Color', '#000000')],
};

export const padNode = defineNode({
  definition,
  async run(inputs, params) {
    const image = imageInput(definition, inputs, 'image');
    const read = readParams(definition, params);
    const color = parseColor(read.string('color'), 'color');
    const [top, right, bottom, left] = SIDES.map((side) => read.int(side)) as [
      number,
      number,
      number,
      number,
    ];
    return {
      image: withSeedsOf(padImage(image, { top, right, bottom, left }, color), inputs.image),
    };
  },
});
