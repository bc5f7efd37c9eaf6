/**
 * diffusion/apply-controlnet: pairs a ControlNet with its control image and
 * says how strongly and over which part of the run it steers. The output is
 * a list of applied ControlNets (values.ts, AppliedControl) on a CONTROLNET
 * port: chain nodes through `previous` to stack several, and connect the last
 * to the sampler's `control` input. Nothing runs here; the sampler runs each
 * ControlNet at every step inside its window, start ≤ i/n and (i + 1)/n ≤ end
 * for step i of n (diffusers' rule).
 */
import type { NodeDefinition } from '../../engine/common/catalog.ts';
import { defineNode, NodeError } from '../../engine/common/nodeApi.ts';
import { imageInput, modelInput } from '../core/inputs.ts';
import { readParams } from '../core/params.ts';
import { controlInput, controlValue } from './values.ts';

const definition: NodeDefinition = {
  type: 'diffusion/apply-controlnet',
  version: 1,
  title: 'Apply ControlNet',
  category: 'Diffusion',
  description:
    'Steers the sampler with a control map (edges, depth, scribble) through a ControlNet. Chain several through “previous”; connect the last to the sampler’s control input.',
  inputs: [
    { name: 'controlnet', type: 'CONTROLNET', label: 'ControlNet' },
    {
      name: 'image',
      type: 'IMAGE',
      label: 'Control image',
      description: 'The control map in RGB, e.g. from Canny edges; resized to the image size.',
    },
    {
      name: 'previous',
      type: 'CONTROL',
      label: 'Previous',
      optional: true,
      description: 'Another Apply ControlNet, to stack them.',
    },
  ],
  outputs: [{ name: 'control', type: 'CONTROL' }],
  params: [
    {
      name: 'strength',
      kind: 'float',
      label: 'Strength',
      default: 1,
      min: 0,
      max: 10,
      step: 0.05,
      description: 'The ControlNet’s conditioning scale: 0 turns it off, 1 is as trained.',
    },
    {
      name: 'start',
      kind: 'float',
      label: 'Start',
      default: 0,
      min: 0,
      max: 1,
      step: 0.01,
      slider: true,
      description: 'The fraction of the steps where it starts to act.',
    },
    {
      name: 'end',
      kind: 'float',
      label: 'End',
      default: 1,
      min: 0,
      max: 1,
      step: 0.01,
      slider: true,
      description: 'The fraction of the steps where it stops.',
    },
  ],
};

export const applyControlnetNode = defineNode({
  definition,
  run(inputs, params) {
    const handle = modelInput(definition, inputs, 'controlnet');
    if (handle.summary.kind !== 'controlnet') {
      throw new NodeError(
        'INVALID_INPUT',
        `The "ControlNet" input needs a ControlNet, but got the ${handle.summary.kind} model ${handle.summary.name}. Connect a "Load ControlNet" node.`,
        'controlnet',
      );
    }
    const image = imageInput(definition, inputs, 'image');
    const previous = controlInput(definition, inputs, 'previous');
    const read = readParams(definition, params);
    const start = read.float('start');
    const end = read.float('end');
    if (start >= end) {
      throw new NodeError(
        'INVALID_PARAM',
        `"Start" (${start}) must be below "End" (${end}), or the ControlNet never acts. Lower Start or raise End.`,
        'start',
      );
    }
    const applied = {
      name: handle.summary.name,
      path: handle.summary.path,
      image,
      strength: read.float('strength'),
      start,
      end,
    };
    return Promise.resolve({ control: controlValue([...previous, applied]) });
  },
});
