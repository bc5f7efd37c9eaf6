/**
 * A library entry as nodes see it (engine/common/models.ts ModelSummary):
 * name, kind, family, path and the I/O of the model a node runs: the file's,
 * or a pipeline's UNet. `family` is the library's family name; the variant
 * ("sd1", "vs-mlrt-7") is joined to it ("stable-diffusion/sd1") so one string
 * says both.
 */
import type { ModelIo, ModelSummary } from '../../common/models.ts';
import type { ModelEntry } from './library.ts';
import type { TensorInfo } from './modelInfo.ts';

export function toModelSummary(entry: ModelEntry): ModelSummary {
  const main = entry.io.model ?? entry.io.unet ?? Object.values(entry.io)[0];
  return {
    name: entry.name,
    kind: entry.kind,
    family: entry.variant ? `${entry.family}/${entry.variant}` : entry.family,
    path: entry.path,
    inputs: (main?.inputs ?? []).map(toModelIo),
    outputs: (main?.outputs ?? []).map(toModelIo),
  };
}

/** A value with no declared shape (any rank) becomes [] here: ModelIo has no "unknown rank". */
function toModelIo(tensor: TensorInfo): ModelIo {
  return { name: tensor.name, dtype: tensor.dtype, shape: tensor.shape ? [...tensor.shape] : [] };
}
