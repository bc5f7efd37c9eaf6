/**
 * How the editor's pure graph code finds a node type's definition: the
 * catalog the engine sent, as a function, so tests pass a registry's.
 */
import type { NodeDefinition } from '../../engine/common/catalog.ts';

export type DefinitionOf = (type: string) => NodeDefinition | undefined;
