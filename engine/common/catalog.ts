/**
 * Node definitions: the serializable half of a node. The renderer builds
 * every node's widgets from these, and `weft nodes --json` prints them.
 * Pure: no Node built-ins, no functions.
 */
import { z } from 'zod';
import { VALUE_TYPES, type ValueType } from './valueTypes.ts';

export const valueTypeSchema = z.enum(VALUE_TYPES);

export const portSpecSchema = z.object({
  name: z.string().regex(/^[a-z][a-zA-Z0-9_]*$/),
  type: valueTypeSchema,
  label: z.string().optional(),
  description: z.string().optional(),
  /** An optional input may be left unconnected; run() then gets no value for it. */
  optional: z.boolean().optional(),
});
export type PortSpec = z.infer<typeof portSpecSchema>;

const paramBase = {
  name: z.string().regex(/^[a-z][a-zA-Z0-9_]*$/),
  label: z.string().optional(),
  description: z.string().optional(),
};

export const paramSpecSchema = z.discriminatedUnion('kind', [
  z.object({
    ...paramBase,
    kind: z.literal('int'),
    default: z.number().int(),
    min: z.number().int().optional(),
    max: z.number().int().optional(),
    step: z.number().int().positive().optional(),
    /** Show a slider (the editor's hint; ranges that are small get one anyway). */
    slider: z.boolean().optional(),
  }),
  z.object({
    ...paramBase,
    kind: z.literal('float'),
    default: z.number(),
    min: z.number().optional(),
    max: z.number().optional(),
    step: z.number().positive().optional(),
    slider: z.boolean().optional(),
  }),
  z.object({
    ...paramBase,
    kind: z.literal('seed'),
    default: z.number().int().min(0),
  }),
  z.object({ ...paramBase, kind: z.literal('boolean'), default: z.boolean() }),
  z.object({
    ...paramBase,
    kind: z.literal('enum'),
    options: z.array(z.string()).min(1),
    default: z.string(),
  }),
  z.object({
    ...paramBase,
    kind: z.literal('string'),
    default: z.string(),
    multiline: z.boolean().optional(),
    placeholder: z.string().optional(),
  }),
  z.object({
    ...paramBase,
    kind: z.literal('file'),
    default: z.string(),
    /** Accepted extensions, lower case with the dot: [".png", ".jpg"]. */
    accept: z.array(z.string()),
  }),
  z.object({
    ...paramBase,
    kind: z.literal('model'),
    default: z.string(),
    /** The model library folder it lists (diffusion, controlnet, vocoder, …). */
    modelKind: z.string(),
    /** The library's models of that kind, filled in by the host that sends the catalog. */
    options: z.array(z.string()).optional(),
  }),
]);
export type ParamSpec = z.infer<typeof paramSpecSchema>;
export type ParamKind = ParamSpec['kind'];
export type ParamValue = number | string | boolean;

export const nodeDefinitionSchema = z.object({
  type: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/),
  version: z.number().int().min(1),
  title: z.string(),
  category: z.string(),
  description: z.string(),
  inputs: z.array(portSpecSchema),
  outputs: z.array(portSpecSchema),
  params: z.array(paramSpecSchema),
  flags: z
    .object({
      /** An output node: runs are pulled from these (save, preview). */
      output: z.boolean().optional(),
      /** Never cached: its result may differ between runs with equal inputs. */
      nondeterministic: z.boolean().optional(),
    })
    .optional(),
});
export type NodeDefinition = z.infer<typeof nodeDefinitionSchema>;

export const catalogSchema = z.object({
  nodes: z.array(nodeDefinitionSchema),
});
export type Catalog = z.infer<typeof catalogSchema>;

/**
 * The value type a param takes when it is fed by a connection instead of a
 * widget (a primitive node wired into a sampler's seed, say).
 */
export function paramValueType(param: ParamSpec): ValueType {
  switch (param.kind) {
    case 'int':
    case 'seed':
      return 'INT';
    case 'float':
      return 'FLOAT';
    case 'boolean':
      return 'BOOLEAN';
    default:
      return 'TEXT';
  }
}
