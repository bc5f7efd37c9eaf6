/**
 * control/depth: a depth map for depth ControlNets from a MiDaS-contract
 * model (one RGB input [1, 3, H, W], one output [1, H, W] or [1, 1, H, W]
 * of relative inverse depth: larger is nearer, the scale meaningless).
 *
 * Preprocessing: the image is resized (bicubic, as MiDaS's transform) to the
 * size the model declares, or to resolution × resolution when its sides are
 * free, then normalised as (v − mean) / std from RGB in [0, 1]. The model
 * summary nodes see (engine/common/models.ts) carries the declared shape but
 * not the file's metadata, so mean and std are params whose defaults are the
 * ImageNet statistics of MiDaS v2.1 small (the bundled toy-depth model's
 * contract); DPT models want 0.5, 0.5, 0.5 for both.
 *
 * Output: each map stretched to 0–1 by its own min and max (white = near, as
 * ControlNet's MiDaS annotator), grey in all three channels, resized back to
 * the input size.
 */
import type { NodeDefinition } from '../../engine/common/catalog.ts';
import type { ModelIo, RunnableModel } from '../../engine/common/models.ts';
import type { NodeContext } from '../../engine/common/nodeApi.ts';
import { defineNode, NodeError } from '../../engine/common/nodeApi.ts';
import { Tensor } from '../../engine/common/tensor.ts';
import { imageInput, modelInput } from '../core/inputs.ts';
import { readParams } from '../core/params.ts';
import {
  imageToModelInput,
  modelOutputToChannelsLast,
  parseTriple,
  toImage,
} from '../models/imageTensors.ts';

const definition: NodeDefinition = {
  type: 'control/depth',
  version: 1,
  title: 'Depth map',
  category: 'Control',
  description:
    'Estimates depth with a MiDaS/DPT model from "Load depth model": white is near, black is far, for depth ControlNets.',
  inputs: [
    { name: 'model', type: 'ONNX_MODEL', label: 'depth model' },
    { name: 'image', type: 'IMAGE' },
  ],
  outputs: [{ name: 'image', type: 'IMAGE', label: 'depth' }],
  params: [
    {
      name: 'resolution',
      kind: 'int',
      label: 'Resolution',
      default: 256,
      min: 32,
      max: 2048,
      step: 32,
      description:
        'The square size the model runs at when it does not fix one itself (MiDaS small: 256, DPT: 384). Models with a fixed input size always get that size.',
    },
    {
      name: 'mean',
      kind: 'string',
      label: 'Mean',
      default: '0.485, 0.456, 0.406',
      description:
        'Subtracted per channel from RGB in 0–1 (MiDaS small: ImageNet; DPT: 0.5, 0.5, 0.5).',
    },
    {
      name: 'std',
      kind: 'string',
      label: 'Std',
      default: '0.229, 0.224, 0.225',
      description:
        'Divided per channel after the mean (MiDaS small: ImageNet; DPT: 0.5, 0.5, 0.5).',
    },
  ],
};

function imageInputSpec(model: RunnableModel): {
  io: ModelIo;
  size?: { width: number; height: number };
} {
  const io = model.inputs[0];
  const [, channels, height, width] = io?.shape ?? [];
  if (
    !io ||
    model.outputs.length === 0 ||
    io.shape.length !== 4 ||
    (typeof channels === 'number' && channels !== 3)
  ) {
    throw new NodeError(
      'NOT_A_DEPTH_MODEL',
      `Depth map: the model "${model.name}" takes ${io ? `"${io.name}" [${io.shape.join(', ')}]` : 'no input'}, not one RGB image [1, 3, height, width]. Load a MiDaS or DPT depth model.`,
      'model',
    );
  }
  return typeof width === 'number' && typeof height === 'number' && width > 0 && height > 0
    ? { io, size: { width, height } }
    : { io };
}

async function depthOf(
  ctx: NodeContext,
  model: RunnableModel,
  image: Tensor<'float32'>,
  options: { resolution: number; mean: [number, number, number]; std: [number, number, number] },
): Promise<Tensor<'float32'>> {
  const [, height = 0, width = 0] = image.dims;
  const input = imageInputSpec(model);
  const size = input.size ?? { width: options.resolution, height: options.resolution };
  const resized =
    size.width === width && size.height === height
      ? image
      : await ctx.images.resize(image, size.width, size.height, 'cubic');
  const feed = imageToModelInput(resized, {
    layout: 'NCHW',
    bgr: false,
    range: '0-1',
    mean: options.mean,
    std: options.std,
  });
  const output = model.outputs[0]!.name;
  const result = await model.run({ [input.io.name]: feed }, { signal: ctx.signal });
  const values = modelOutputToChannelsLast(result[output]!, 'NCHW', output);
  const channels = values.dims[3];
  if (channels !== 1 || values.dims[0] !== 1) {
    throw new NodeError(
      'NOT_A_DEPTH_MODEL',
      `Depth map: the model "${model.name}" gave "${output}" of shape [${result[output]!.dims.join(', ')}], not one depth map [1, H, W]. Load a MiDaS or DPT depth model.`,
      'model',
    );
  }
  const depth = toImage(values, 'min-max', false);
  return depth.dims[1] === height && depth.dims[2] === width
    ? depth
    : ctx.images.resize(depth, width, height, 'linear');
}

export const depthNode = defineNode({
  definition,
  async run(inputs, params, ctx) {
    const handle = modelInput(definition, inputs, 'model');
    const image = imageInput(definition, inputs, 'image');
    const read = readParams(definition, params);
    const options = {
      resolution: read.int('resolution'),
      mean: parseTriple(read.string('mean'), 'mean'),
      std: parseTriple(read.string('std'), 'std'),
    };
    if (options.std.some((value) => value === 0)) {
      throw new NodeError(
        'INVALID_PARAM',
        'Depth map: "Std" cannot contain 0 (it divides).',
        'std',
      );
    }
    const model = await ctx.models.open(handle.summary.path);
    const [batch = 1, height = 0, width = 0] = image.dims;
    const plane = height * width * 3;
    const out = new Float32Array(batch * plane);
    // One image at a time: MiDaS exports fix the batch at 1.
    for (let b = 0; b < batch; b++) {
      ctx.signal.throwIfAborted();
      const one = new Tensor(
        'float32',
        [1, height, width, 3],
        image.data.subarray(b * plane, (b + 1) * plane),
      );
      out.set((await depthOf(ctx, model, one, options)).data, b * plane);
      ctx.progress(b + 1, batch);
    }
    return { image: new Tensor('float32', [batch, height, width, 3], out) };
  },
});
