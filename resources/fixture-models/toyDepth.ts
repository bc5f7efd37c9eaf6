/**
 * The toy depth model: MiDaS v2.1 small's contract (midas_v21_small_256) with a
 * closed-form stand-in for the network. Input `input` float32 [1, 3, 256, 256]:
 * RGB in [0, 1] normalised with the ImageNet statistics midas_v21_small_256
 * uses, (rgb − mean)/std. (MiDaS's DPT models use mean 0.5, std 0.5 instead;
 * the loader reads the stats from metadata/config.json.) Output `output` float32
 * [1, 256, 256], relative inverse depth (larger = nearer), computed as
 *
 *   inverseDepth(y, x) = luminance(y, x) + y / 255
 *
 * with luminance = 0.299·R + 0.587·G + 0.114·B of the un-normalised pixel and y
 * the row from the top: brighter is nearer, and lower in the frame is nearer
 * (the ground plane). Values lie in [0, 2] for inputs in range; like MiDaS's, the
 * scale means nothing: consumers normalise to 0–1.
 */
import { join } from 'node:path';
import { writeFixtureFiles } from './files.ts';
import { OnnxBuilder } from './onnx/builder.ts';

export const TOY_DEPTH_SIZE = 256;
export const TOY_DEPTH_MEAN = [0.485, 0.456, 0.406] as const;
export const TOY_DEPTH_STD = [0.229, 0.224, 0.225] as const;
/** Rec. 601 luma weights. */
export const LUMINANCE_WEIGHTS = [0.299, 0.587, 0.114] as const;

export const TOY_DEPTH_CONFIG = {
  model_type: 'midas_v21_small_256',
  input_name: 'input',
  output_name: 'output',
  width: TOY_DEPTH_SIZE,
  height: TOY_DEPTH_SIZE,
  image_mean: TOY_DEPTH_MEAN,
  image_std: TOY_DEPTH_STD,
  input_range: [0, 1],
  output: 'relative inverse depth [1, H, W]: larger is nearer, scale arbitrary',
  weft_fixture:
    'toy-depth: inverse depth = luminance + row/255 (brighter and lower = nearer), not a trained MiDaS',
} as const;

export function buildToyDepth(): Uint8Array {
  const size = TOY_DEPTH_SIZE;
  const model = new OnnxBuilder('toy_depth');
  const input = model.input('input', 'float32', [1, 3, size, size]);
  // Σc kc·(xc·stdc + meanc) = Σc (kc·stdc)·xc + Σc kc·meanc
  const scales = LUMINANCE_WEIGHTS.map((k, c) => k * TOY_DEPTH_STD[c]!);
  const offset = LUMINANCE_WEIGHTS.reduce((sum, k, c) => sum + k * TOY_DEPTH_MEAN[c]!, 0);
  const luminance = model.op(
    'ReduceSum',
    [model.op('Mul', [input, model.floats(scales, [1, 3, 1, 1])]), model.ints([1])],
    { keepdims: 0 },
  );
  const rows = Array.from({ length: size }, (_, y) => offset + y / (size - 1));
  model.op('Add', [luminance, model.floats(rows, [1, size, 1])], {}, 'output');
  model.output('output', 'float32', [1, size, size]);
  model
    .metadata('weft.fixture', 'toy-depth')
    .metadata(
      'weft.contract',
      'midas: input [1,3,256,256] (rgb − mean)/std → output [1,256,256] relative inverse depth',
    )
    .metadata(
      'weft.computes',
      'inverse depth = (0.299·R + 0.587·G + 0.114·B) + row/255: brighter and lower in the frame is nearer; not a trained network',
    )
    .metadata('image_mean', TOY_DEPTH_MEAN.join(','))
    .metadata('image_std', TOY_DEPTH_STD.join(','))
    .metadata('input_size', `${size},${size}`);
  return model.build();
}

/** Writes `depth/toy-depth/{model.onnx, config.json}` under the models root. */
export async function writeToyDepth(root: string): Promise<void> {
  await writeFixtureFiles(join(root, 'depth', 'toy-depth'), {
    'model.onnx': buildToyDepth(),
    'config.json': TOY_DEPTH_CONFIG,
  });
}
