/**
 * Reading a node's inputs as the value conventions of values.ts describe
 * them, with a NodeError naming the input when a value has the wrong shape
 * (a bug upstream, or a pack that bends the conventions).
 */
import type { NodeDefinition } from '../../engine/common/catalog.ts';
import { ModelHandle } from '../../engine/common/models.ts';
import type { NodeInputs } from '../../engine/common/nodeApi.ts';
import { NodeError } from '../../engine/common/nodeApi.ts';
import { Tensor } from '../../engine/common/tensor.ts';
import type { Value } from '../../engine/common/values.ts';
import { describeValue } from '../../engine/common/values.ts';
import { asSeededImage } from './seededImage.ts';

function label(definition: NodeDefinition, name: string): string {
  return definition.inputs.find((port) => port.name === name)?.label ?? name;
}

function missing(definition: NodeDefinition, name: string): NodeError {
  return new NodeError(
    'MISSING_INPUT',
    `${definition.title}: the "${label(definition, name)}" input is not connected. Connect it to continue.`,
    name,
  );
}

function floatTensor(
  definition: NodeDefinition,
  inputs: NodeInputs,
  name: string,
  rank: 3 | 4,
): Tensor<'float32'> | undefined {
  const given: Value | undefined = inputs[name];
  if (given === undefined) return undefined;
  // An IMAGE may carry a seed per image (seededImage.ts); readers get the pixels.
  const value = (rank === 4 ? asSeededImage(given)?.image : undefined) ?? given;
  const valid =
    value instanceof Tensor &&
    value.dtype === 'float32' &&
    value.dims.length === rank &&
    (rank === 3 || value.dims[3] === 3);
  if (!valid) {
    const expected = rank === 4 ? 'an image (float32 [B, H, W, 3])' : 'a mask (float32 [B, H, W])';
    throw new NodeError(
      'INVALID_INPUT',
      `${definition.title}: the "${label(definition, name)}" input must be ${expected}, got ${describeValue(value)}.`,
      name,
    );
  }
  return value as Tensor<'float32'>;
}

export function imageInput(
  definition: NodeDefinition,
  inputs: NodeInputs,
  name: string,
): Tensor<'float32'> {
  const image = floatTensor(definition, inputs, name, 4);
  if (!image) throw missing(definition, name);
  return image;
}

export function optionalMaskInput(
  definition: NodeDefinition,
  inputs: NodeInputs,
  name: string,
): Tensor<'float32'> | undefined {
  return floatTensor(definition, inputs, name, 3);
}

export function optionalTextInput(
  definition: NodeDefinition,
  inputs: NodeInputs,
  name: string,
): string | undefined {
  const value = inputs[name];
  if (value === undefined || typeof value === 'string') return value;
  throw new NodeError(
    'INVALID_INPUT',
    `${definition.title}: the "${label(definition, name)}" input must be text, got ${describeValue(value)}.`,
    name,
  );
}

/** A model input: the handle a loader node passes (never a bare value). */
export function modelInput(
  definition: NodeDefinition,
  inputs: NodeInputs,
  name: string,
): ModelHandle {
  const value = inputs[name];
  if (value instanceof ModelHandle) return value;
  if (value === undefined) throw missing(definition, name);
  throw new NodeError(
    'INVALID_INPUT',
    `${definition.title}: the "${label(definition, name)}" input must come from a model loader node, got ${describeValue(value)}.`,
    name,
  );
}
