/**
 * The toy ControlNet, split-export contract (OnnxStack): `sample` float32
 * [B,4,8,8], `timestep` float32 [T], `encoder_hidden_states` float32
 * [B,77,768], `controlnet_cond` float32 [B,3,64,64] RGB in [0, 1],
 * `conditioning_scale` float64 [1] → `down_block_{0…11}_additional_residual`
 * and `mid_block_additional_residual` with SD 1.5's channel counts
 * (controlResiduals.ts).
 *
 * It scores the control image against each dataset shape: the Pearson
 * correlation of the image's grey level (mean of R, G, B) with the shape's
 * edge map (edgeMaps.ts), times CONTROL_GAIN and `conditioning_scale`. Item i
 * gets its shape's score in channel i of the mid-block residual; every other
 * channel and every down-block residual is zero. The toy UNet's `controlnet/`
 * variant adds those nine channels to its log prior, so a control image
 * steers sampling toward the items of the matching shape. A blank control
 * image scores 0 everywhere. The latent, timestep and text inputs are
 * accepted and not used.
 */
import { Tensor } from '../../../engine/common/tensor.ts';
import { OnnxBuilder } from '../onnx/builder.ts';
import { CONTROL_RESIDUALS, MID_RESIDUAL } from '../toySd/controlResiduals.ts';
import {
  IMAGE_CHANNELS,
  IMAGE_SIZE,
  ITEMS,
  LATENT_CHANNELS,
  LATENT_SIZE,
  SHAPES,
} from '../toySd/dataset.ts';
import { HIDDEN_SIZE } from '../toySd/textEncoder.ts';
import { MAX_LENGTH } from '../toySd/tokenizerFiles.ts';
import { shapeEdgeMaps } from './edgeMaps.ts';

/**
 * Log-prior added per unit of correlation. A Canny-style map of a dataset
 * shape correlates about 0.8 with its own edge map and at most 0.4 with the
 * others', so at scale 1 the matching shape gains about 5 (e⁵ ≈ 150 times the
 * weight).
 */
export const CONTROL_GAIN = 12;

const PLANE = IMAGE_SIZE * IMAGE_SIZE;

/** [4096, 3]: the shapes' edge maps as columns. */
function edgeTemplates(): Tensor<'float32'> {
  const maps = shapeEdgeMaps();
  const data = new Float32Array(PLANE * SHAPES.length);
  maps.forEach((map, shape) =>
    map.forEach((value, p) => (data[p * SHAPES.length + shape] = value)),
  );
  return new Tensor('float32', [PLANE, SHAPES.length], data);
}

/** [3, 1280]: CONTROL_GAIN from each shape to the mid-residual channels of its items. */
function shapeToChannels(channels: number): Tensor<'float32'> {
  const data = new Float32Array(SHAPES.length * channels);
  for (const item of ITEMS) data[item.shape * channels + item.index] = CONTROL_GAIN;
  return new Tensor('float32', [SHAPES.length, channels], data);
}

export function buildToyControlnet(): Uint8Array {
  const model = new OnnxBuilder('toy_controlnet');
  model.input('sample', 'float32', ['batch', LATENT_CHANNELS, LATENT_SIZE, LATENT_SIZE]);
  model.input('timestep', 'float32', ['timestep_batch']);
  model.input('encoder_hidden_states', 'float32', ['batch', MAX_LENGTH, HIDDEN_SIZE]);
  const control = model.input('controlnet_cond', 'float32', [
    'batch',
    IMAGE_CHANNELS,
    IMAGE_SIZE,
    IMAGE_SIZE,
  ]);
  const scale = model.input('conditioning_scale', 'float64', [1]);

  const grey = model.op('Reshape', [
    model.op('ReduceMean', [control], { axes: { ints: [1] }, keepdims: 0 }),
    model.ints([-1, PLANE]),
  ]);
  const centred = model.op('Sub', [
    grey,
    model.op('ReduceMean', [grey], { axes: { ints: [1] }, keepdims: 1 }),
  ]);
  const norm = model.op('Add', [
    model.op('Sqrt', [
      model.op('ReduceSum', [model.op('Mul', [centred, centred]), model.ints([1])], {
        keepdims: 1,
      }),
    ]),
    model.floats([1e-6], []),
  ]);
  const correlation = model.op('Div', [
    model.op('MatMul', [centred, model.constant(edgeTemplates())]),
    norm,
  ]);

  const mid = CONTROL_RESIDUALS.find((spec) => spec.name === MID_RESIDUAL)!;
  const scores = model.op('Mul', [
    model.op('MatMul', [correlation, model.constant(shapeToChannels(mid.channels))]),
    model.op('Cast', [scale], { to: 1 }),
  ]);
  model.op('Reshape', [scores, model.ints([-1, mid.channels, mid.size, mid.size])], {}, mid.name);

  const batch = model.op('Shape', [control], { start: 0, end: 1 });
  const zero = new Tensor('float32', [1], Float32Array.of(0));
  for (const spec of CONTROL_RESIDUALS) {
    if (spec.name !== MID_RESIDUAL) {
      const shape = model.op('Concat', [batch, model.ints([spec.channels, spec.size, spec.size])], {
        axis: 0,
      });
      model.op('ConstantOfShape', [shape], { value: zero }, spec.name);
    }
    model.output(spec.name, 'float32', ['batch', spec.channels, spec.size, spec.size]);
  }
  model
    .metadata('weft.fixture', 'toy-controlnet')
    .metadata(
      'weft.contract',
      "controlnet (OnnxStack split export): sample, timestep, encoder_hidden_states, controlnet_cond [B,3,64,64] RGB in [0, 1], conditioning_scale float64 [1] → down_block_{0…11}_additional_residual, mid_block_additional_residual (SD 1.5's channels)",
    )
    .metadata(
      'weft.computes',
      `correlation of the control image's grey level with each toy shape's edge map × ${CONTROL_GAIN} × conditioning_scale, in mid-residual channel i for toy item i; everything else 0; not a trained network`,
    );
  return model.build();
}
