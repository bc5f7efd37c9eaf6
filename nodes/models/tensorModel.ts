/** models/tensor-model: runs any ONNX model on a tensor and returns one of its outputs as is. */
import type { NodeDefinition } from '../../engine/common/catalog.ts';
import { defineNode, NodeError } from '../../engine/common/nodeApi.ts';
import { isTensor } from '../../engine/common/tensor.ts';
import { modelInput } from '../core/inputs.ts';
import { readParams } from '../core/params.ts';

const definition: NodeDefinition = {
  type: 'models/tensor-model',
  version: 1,
  title: 'ONNX tensor model',
  category: 'Models',
  description:
    'Feeds a tensor to one input of an ONNX model and returns one of its outputs unchanged.',
  inputs: [
    { name: 'model', type: 'ONNX_MODEL' },
    { name: 'tensor', type: 'TENSOR' },
  ],
  outputs: [{ name: 'tensor', type: 'TENSOR' }],
  params: [
    { name: 'input', kind: 'string', label: 'Input name', default: '', placeholder: 'first input' },
    {
      name: 'output',
      kind: 'string',
      label: 'Output name',
      default: '',
      placeholder: 'first output',
    },
  ],
};

export const tensorModelNode = defineNode({
  definition,
  async run(inputs, params, ctx) {
    const handle = modelInput(definition, inputs, 'model');
    if (!isTensor(inputs.tensor))
      throw new NodeError('INVALID_INPUT', 'The "tensor" input must be a tensor.', 'tensor');
    const model = await ctx.models.open(handle.summary.path);
    const read = readParams(definition, params);
    const inputName = read.string('input') || model.inputs[0]?.name;
    const outputName = read.string('output') || model.outputs[0]?.name;
    if (!inputName || !model.inputs.some((io) => io.name === inputName)) {
      throw new NodeError(
        'MODEL_IO_NOT_FOUND',
        `The model ${model.name} has no input "${inputName ?? ''}"; its inputs are ${model.inputs.map((io) => `"${io.name}"`).join(', ')}.`,
        'input',
      );
    }
    const result = await model.run({ [inputName]: inputs.tensor }, { signal: ctx.signal });
    const tensor = outputName ? result[outputName] : undefined;
    if (!tensor) {
      throw new NodeError(
        'MODEL_IO_NOT_FOUND',
        `The model ${model.name} has no output "${outputName ?? ''}"; its outputs are ${model.outputs.map((io) => `"${io.name}"`).join(', ')}.`,
        'output',
      );
    }
    return { tensor };
  },
});
