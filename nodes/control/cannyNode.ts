/**
 * control/canny: the Canny edge map ControlNet's canny models were trained
 * on, computed as OpenCV computes it (canny.ts). Each image becomes 8-bit
 * RGB first (round(v · 255)), as the annotators' `np.array(image)` does.
 *
 * The common annotators (lllyasviel's ControlNet, controlnet_aux, diffusers'
 * examples) call cv2.Canny on that RGB array directly: OpenCV then takes,
 * per pixel, the gradient of the channel that changes most, and they do not
 * blur first. "luminance" converts to grey first (cv2.cvtColor RGB2GRAY), as
 * edge detectors usually do, which misses edges between colours of equal
 * brightness; "blur" is cv2.GaussianBlur with that sigma before Canny, which
 * quiets noise and texture (0, the default, is no blur, as the annotators).
 */
import type { NodeDefinition } from '../../engine/common/catalog.ts';
import { defineNode } from '../../engine/common/nodeApi.ts';
import { imageInput } from '../core/inputs.ts';
import { readParams } from '../core/params.ts';
import { canny } from './canny.ts';
import type { Pixels8 } from './eightBit.ts';
import { imageToPixels8, mapsToImage, rgbToGray } from './eightBit.ts';
import { gaussianBlur8 } from './gaussianBlur8.ts';

const SOURCES = ['rgb', 'luminance'] as const;

const definition: NodeDefinition = {
  type: 'control/canny',
  version: 1,
  title: 'Canny edges',
  category: 'Control',
  description:
    'White edges on black, as the Canny ControlNet expects: OpenCV’s cv2.Canny, pixel for pixel. Raise the thresholds for fewer, stronger edges.',
  inputs: [{ name: 'image', type: 'IMAGE' }],
  outputs: [{ name: 'image', type: 'IMAGE', label: 'edges' }],
  params: [
    {
      name: 'low',
      kind: 'int',
      label: 'Low threshold',
      default: 100,
      min: 0,
      max: 255,
      slider: true,
      description:
        'Edges weaker than this are dropped; between low and high they stay only where they join a strong edge.',
    },
    {
      name: 'high',
      kind: 'int',
      label: 'High threshold',
      default: 200,
      min: 0,
      max: 255,
      slider: true,
      description: 'Edges stronger than this always stay (the two are swapped if low is higher).',
    },
    {
      name: 'source',
      kind: 'enum',
      label: 'Edges from',
      options: [...SOURCES],
      default: 'rgb',
      description:
        'rgb: the colour image, as ControlNet’s annotators pass it to OpenCV (edges between colours count); luminance: the grey image only.',
    },
    {
      name: 'blur',
      kind: 'float',
      label: 'Blur (sigma)',
      default: 0,
      min: 0,
      max: 10,
      step: 0.1,
      description:
        'Gaussian blur before edge detection, in pixels; 0 (as the annotators do) keeps fine detail, 1–2 ignores noise and texture.',
    },
  ],
};

export const cannyNode = defineNode({
  definition,
  async run(inputs, params, ctx) {
    const image = imageInput(definition, inputs, 'image');
    const read = readParams(definition, params);
    const low = read.int('low');
    const high = read.int('high');
    const source = read.option<(typeof SOURCES)[number]>('source');
    const sigma = read.float('blur');
    const [batch = 1] = image.dims;
    const maps: Pixels8[] = [];
    for (let b = 0; b < batch; b++) {
      ctx.signal.throwIfAborted();
      const rgb = imageToPixels8(image, b);
      const pixels = gaussianBlur8(source === 'luminance' ? rgbToGray(rgb) : rgb, sigma);
      maps.push(canny(pixels, { low, high }));
    }
    return { image: mapsToImage(maps) };
  },
});
