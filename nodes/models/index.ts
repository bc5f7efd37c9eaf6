/** The models pack: a loader per model kind and generic ONNX model nodes. */
import type { NodeImplementation } from '../../engine/common/nodeApi.ts';
import { imageModelNode } from './imageModel.ts';
import {
  loadControlnetNode,
  loadDepthNode,
  loadDiffusionNode,
  loadInterpolatorNode,
  loadOnnxNode,
  loadVocoderNode,
} from './loaders.ts';
import { tensorModelNode } from './tensorModel.ts';

export const modelsPack: readonly NodeImplementation[] = [
  loadDiffusionNode,
  loadControlnetNode,
  loadVocoderNode,
  loadInterpolatorNode,
  loadDepthNode,
  loadOnnxNode,
  imageModelNode,
  tensorModelNode,
];
