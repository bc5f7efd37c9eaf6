/**
 * Loader nodes, one per model kind. Each lists the library's models of its
 * kind (the host fills the `model` param's options from the library) and
 * passes a ModelHandle downstream; the node that uses the model opens it
 * through ctx.models, where sessions are pooled.
 */
import type { NodeDefinition } from '../../engine/common/catalog.ts';
import type { ModelKind } from '../../engine/common/models.ts';
import { ModelHandle } from '../../engine/common/models.ts';
import type { NodeImplementation } from '../../engine/common/nodeApi.ts';
import { defineNode, NodeError } from '../../engine/common/nodeApi.ts';
import type { ValueType } from '../../engine/common/valueTypes.ts';

function loader(
  kind: ModelKind,
  type: string,
  title: string,
  output: ValueType,
  what: string,
): NodeImplementation {
  const definition: NodeDefinition = {
    type,
    version: 1,
    title,
    category: 'Models',
    description: `Picks ${what} from the model library (the "${kind}" folder or a search path).`,
    inputs: [],
    outputs: [{ name: 'model', type: output }],
    params: [{ name: 'model', kind: 'model', modelKind: kind, label: 'Model', default: '' }],
  };
  return defineNode({
    definition,
    async run(_inputs, params, ctx) {
      const name = String(params.model ?? '');
      const available = ctx.models.list(kind).map((entry) => entry.name);
      if (name === '') {
        throw new NodeError(
          'MODEL_NOT_CHOSEN',
          available.length > 0
            ? `No model is chosen. Pick one of: ${available.join(', ')}.`
            : `No model is chosen, and the library has no ${kind} models yet. Put one in the "${kind}" models folder or download it with "weft models download URL --kind ${kind}".`,
          'model',
        );
      }
      const entry = ctx.models.find(kind, name);
      if (!entry) {
        const source = ctx.graph.models?.find((model) => model.name === name)?.url;
        throw new NodeError(
          'MODEL_NOT_FOUND',
          `The ${kind} model "${name}" is not in the model library.` +
            (source ? ` Download it with "weft models download ${source} --kind ${kind}".` : '') +
            (available.length > 0
              ? ` Models of this kind that are there: ${available.join(', ')}.`
              : ''),
          'model',
        );
      }
      // Shown in the run's log (and the editor), so the I/O a model expects is visible where it is used.
      const io = (list: typeof entry.inputs) =>
        list.map((value) => `${value.name} ${value.dtype}[${value.shape.join('×')}]`).join(', ');
      ctx.log.info(
        `${entry.name} (${entry.family}): inputs ${io(entry.inputs) || 'none'}; outputs ${io(entry.outputs) || 'none'}.`,
      );
      return { model: new ModelHandle(entry) };
    },
  });
}

export const loadDiffusionNode = loader(
  'diffusion',
  'models/load-diffusion',
  'Load diffusion pipeline',
  'DIFFUSION_PIPELINE',
  'a Stable Diffusion pipeline folder',
);
export const loadControlnetNode = loader(
  'controlnet',
  'models/load-controlnet',
  'Load ControlNet',
  'CONTROLNET',
  'a ControlNet',
);
export const loadVocoderNode = loader(
  'vocoder',
  'models/load-vocoder',
  'Load vocoder',
  'VOCODER',
  'a neural vocoder (mel to waveform)',
);
export const loadInterpolatorNode = loader(
  'interpolation',
  'models/load-interpolator',
  'Load frame interpolator',
  'INTERPOLATOR',
  'a frame interpolator (RIFE, FILM)',
);
export const loadDepthNode = loader(
  'depth',
  'models/load-depth',
  'Load depth model',
  'ONNX_MODEL',
  'a depth estimator (MiDaS, DPT)',
);
export const loadOnnxNode = loader(
  'onnx',
  'models/load-onnx',
  'Load ONNX model',
  'ONNX_MODEL',
  'any ONNX model',
);
