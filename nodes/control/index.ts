/** The control pack: preprocessors that turn an image into a ControlNet control map. */
import type { NodeImplementation } from '../../engine/common/nodeApi.ts';
import { cannyNode } from './cannyNode.ts';
import { depthNode } from './depth.ts';
import { invertNode } from './invert.ts';
import { passthroughNode } from './passthrough.ts';
import { thresholdNode } from './threshold.ts';

export const controlPack: readonly NodeImplementation[] = [
  cannyNode,
  depthNode,
  thresholdNode,
  invertNode,
  passthroughNode,
];
