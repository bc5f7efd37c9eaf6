/** Every node pack that ships with Weft, and the registry hosts build from them. */
import type { NodeImplementation } from '../engine/common/nodeApi.ts';
import { NodeRegistry } from '../engine/common/registry.ts';
import { controlPack } from './control/index.ts';
import { corePack } from './core/index.ts';
import { diffusionPack } from './diffusion/index.ts';
import { modelsPack } from './models/index.ts';

export const allNodes: readonly NodeImplementation[] = [
  ...corePack,
  ...modelsPack,
  ...controlPack,
  ...diffusionPack,
];

/** A fresh registry with every shipped pack registered (a duplicate type throws). */
export function createDefaultRegistry(): NodeRegistry {
  return new NodeRegistry().register(...allNodes);
}
