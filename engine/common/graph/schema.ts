/**
 * The graph file (`*.weft.json`), format version 1. This one schema is the
 * check and the type: the loader validates with it, the TypeScript types are
 * inferred from it, and docs/graph.schema.json is generated from it.
 *
 * Objects are loose on purpose: fields this version does not know (written by
 * a newer minor tool, or by hand) are kept and written back, never dropped.
 */
import { z } from 'zod';

export const GRAPH_FORMAT = 'weft/graph';
export const GRAPH_VERSION = 1;

/** Node ids are stable, human-readable names: "prompt", "sampler-2". */
export const NODE_ID_PATTERN = /^[A-Za-z][A-Za-z0-9_-]*$/;
export const nodeIdSchema = z
  .string()
  .regex(
    NODE_ID_PATTERN,
    'a node id starts with a letter and uses only letters, digits, "-" and "_"',
  );

/** "<nodeId>.<outputName>" */
export const REFERENCE_PATTERN = /^([A-Za-z][A-Za-z0-9_-]*)\.([A-Za-z][A-Za-z0-9_]*)$/;
export const referenceSchema = z
  .string()
  .regex(REFERENCE_PATTERN, 'a connection is written "<nodeId>.<outputName>", e.g. "prompt.text"');

export const paramValueSchema = z.union([z.number(), z.string(), z.boolean()]);

export const nodeUiSchema = z.looseObject({
  x: z.number(),
  y: z.number(),
  width: z.number().positive().optional(),
  height: z.number().positive().optional(),
  collapsed: z.boolean().optional(),
  color: z.string().optional(),
});

export const NODE_MODES = ['bypass', 'mute'] as const;
export type NodeMode = (typeof NODE_MODES)[number];

export const graphNodeSchema = z.looseObject({
  type: z.string().min(1),
  /** The node type's definition version this node was saved with. */
  version: z.number().int().min(1).optional(),
  title: z.string().optional(),
  params: z.record(z.string(), paramValueSchema).optional(),
  /** Input (or param) name → "<nodeId>.<outputName>". */
  inputs: z.record(z.string(), referenceSchema).optional(),
  ui: nodeUiSchema.optional(),
  /** "bypass" or "mute": the node is left out of runs ([F20], graph/modes.ts). */
  mode: z.enum(NODE_MODES).optional(),
});

/** A param exposed under a short name: `weft run g.weft.json seed=3`. */
export const graphInputSchema = z.looseObject({
  /** "<nodeId>.<paramName>" */
  param: referenceSchema,
  description: z.string().optional(),
});

export const groupSchema = z.looseObject({
  title: z.string(),
  color: z.string().optional(),
  x: z.number(),
  y: z.number(),
  width: z.number().positive(),
  height: z.number().positive(),
});

export const modelRequirementSchema = z.looseObject({
  name: z.string().min(1),
  kind: z.string().min(1),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  size: z.number().int().nonnegative().optional(),
  url: z.string().url().optional(),
});

export const graphMetaSchema = z.looseObject({
  title: z.string().optional(),
  description: z.string().optional(),
  author: z.string().optional(),
  appVersion: z.string().optional(),
});

export const graphFileSchema = z.looseObject({
  format: z.literal(GRAPH_FORMAT),
  version: z.literal(GRAPH_VERSION),
  meta: graphMetaSchema.optional(),
  inputs: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/), graphInputSchema).optional(),
  nodes: z.record(nodeIdSchema, graphNodeSchema),
  groups: z.array(groupSchema).optional(),
  models: z.array(modelRequirementSchema).optional(),
});

export type GraphFile = z.infer<typeof graphFileSchema>;
export type GraphNode = z.infer<typeof graphNodeSchema>;
export type GraphInput = z.infer<typeof graphInputSchema>;
export type GraphGroup = z.infer<typeof groupSchema>;
export type ModelRequirement = z.infer<typeof modelRequirementSchema>;
export type NodeUi = z.infer<typeof nodeUiSchema>;

export function parseReference(reference: string): { nodeId: string; name: string } | undefined {
  const match = REFERENCE_PATTERN.exec(reference);
  return match ? { nodeId: match[1]!, name: match[2]! } : undefined;
}
