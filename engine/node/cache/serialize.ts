/**
 * Node outputs ↔ safetensors contents. Each tensor becomes an entry named by
 * its JSON Pointer (RFC 6901) from the outputs root, e.g. "/image" or
 * "/video/frames/0", so names never collide. Everything else goes, as a JSON
 * "skeleton", into the metadata under "weft.outputs", with tagged objects where
 * plain JSON falls short:
 *   {"$tensor": "/image"}   the tensor entry of that name
 *   {"$number": "NaN"}      NaN, Infinity, -Infinity or -0, which JSON cannot hold
 *   "$$key"                 an output object's own key "$key", escaped
 * Outputs holding a Handle (a live resource) cannot be written: memory only.
 */
import type { NodeOutputs } from '../../common/nodeApi.ts';
import { Tensor } from '../../common/tensor.ts';
import { isHandle, type Value } from '../../common/values.ts';

export const OUTPUTS_METADATA_KEY = 'weft.outputs';
export const FORMAT_METADATA_KEY = 'weft.outputsFormat';
const FORMAT = '1';

export interface EncodedOutputs {
  tensors: Map<string, Tensor>;
  metadata: Record<string, string>;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Ends the walk at the first Handle. */
class HandleFound extends Error {}

/** Undefined when a Handle is inside: such outputs live in memory only. */
export function encodeOutputs(outputs: NodeOutputs): EncodedOutputs | undefined {
  const tensors = new Map<string, Tensor>();
  const seen = new Set<object>();

  const encode = (value: Value, pointer: string): Json => {
    if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
    if (typeof value === 'number') {
      if (Number.isFinite(value) && !Object.is(value, -0)) return value;
      return { $number: Object.is(value, -0) ? '-0' : String(value) };
    }
    if (value instanceof Tensor) {
      tensors.set(pointer, value);
      return { $tensor: pointer };
    }
    if (isHandle(value)) throw new HandleFound();
    if (typeof value !== 'object') {
      throw new Error(
        `The output at "${pointer}" is ${describeKind(value)}, which a node output cannot hold.`,
      );
    }
    if (seen.has(value)) {
      throw new Error(`The output at "${pointer}" contains itself.`);
    }
    seen.add(value);
    let json: Json;
    if (Array.isArray(value)) {
      const items: Json[] = [];
      const list = value as readonly Value[];
      for (let index = 0; index < list.length; index++) {
        items.push(encode(list[index] as Value, `${pointer}/${index}`));
      }
      json = items;
    } else {
      const prototype = Object.getPrototypeOf(value) as unknown;
      if (prototype !== Object.prototype && prototype !== null) {
        throw new Error(
          `The output at "${pointer}" is ${describeKind(value)}, which a node output cannot hold.`,
        );
      }
      const record: Record<string, Json> = {};
      for (const [key, item] of Object.entries(value as Record<string, Value>)) {
        record[key.startsWith('$') ? `$${key}` : key] = encode(item, `${pointer}/${escape(key)}`);
      }
      json = record;
    }
    seen.delete(value);
    return json;
  };

  let skeleton: Json;
  try {
    skeleton = encode(outputs, '');
  } catch (error) {
    if (error instanceof HandleFound) return undefined;
    throw error;
  }
  return {
    tensors,
    metadata: { [FORMAT_METADATA_KEY]: FORMAT, [OUTPUTS_METADATA_KEY]: JSON.stringify(skeleton) },
  };
}

/**
 * The inverse of encodeOutputs. Strict: throws when the metadata is missing or
 * malformed, or when the tensors named and the tensors present differ.
 */
export function decodeOutputs(encoded: {
  tensors: ReadonlyMap<string, Tensor>;
  metadata: Readonly<Record<string, string>>;
}): NodeOutputs {
  const format = encoded.metadata[FORMAT_METADATA_KEY];
  if (format !== FORMAT) {
    throw new Error(
      `Stored outputs have format ${JSON.stringify(format ?? null)}; this version reads "${FORMAT}".`,
    );
  }
  const text = encoded.metadata[OUTPUTS_METADATA_KEY];
  if (text === undefined) throw new Error(`Stored outputs have no "${OUTPUTS_METADATA_KEY}".`);
  let skeleton: unknown;
  try {
    skeleton = JSON.parse(text);
  } catch {
    throw new Error(`Stored outputs have a "${OUTPUTS_METADATA_KEY}" that is not valid JSON.`);
  }

  const used = new Set<string>();
  const decode = (json: unknown, pointer: string): Value => {
    if (json === null || typeof json === 'boolean' || typeof json === 'string') return json;
    if (typeof json === 'number') return json;
    if (Array.isArray(json)) return json.map((item, index) => decode(item, `${pointer}/${index}`));
    if (typeof json !== 'object')
      throw new Error(`Stored outputs hold an odd value at "${pointer}".`);
    const record = json as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length === 1 && keys[0] === '$tensor') return tensorAt(record.$tensor, pointer);
    if (keys.length === 1 && keys[0] === '$number') return numberAt(record.$number, pointer);
    const value: Record<string, Value> = {};
    for (const key of keys) {
      if (key.startsWith('$') && !key.startsWith('$$')) {
        throw new Error(`Stored outputs have an unknown tag "${key}" at "${pointer}".`);
      }
      const name = key.startsWith('$') ? key.slice(1) : key;
      value[name] = decode(record[key], `${pointer}/${escape(name)}`);
    }
    return value;
  };
  const tensorAt = (name: unknown, pointer: string): Tensor => {
    const tensor = typeof name === 'string' ? encoded.tensors.get(name) : undefined;
    if (tensor === undefined || typeof name !== 'string') {
      throw new Error(`Stored outputs name a tensor at "${pointer}" that the file does not hold.`);
    }
    if (used.has(name)) throw new Error(`Stored outputs use the tensor "${name}" twice.`);
    used.add(name);
    return tensor;
  };

  const outputs = decode(skeleton, '');
  if (outputs === null || typeof outputs !== 'object' || Array.isArray(outputs)) {
    throw new Error('Stored outputs are not a record of named outputs.');
  }
  for (const name of encoded.tensors.keys()) {
    if (!used.has(name)) throw new Error(`The stored tensor "${name}" belongs to no output.`);
  }
  return outputs as NodeOutputs;
}

function numberAt(text: unknown, pointer: string): number {
  switch (text) {
    case 'NaN':
      return Number.NaN;
    case 'Infinity':
      return Number.POSITIVE_INFINITY;
    case '-Infinity':
      return Number.NEGATIVE_INFINITY;
    case '-0':
      return -0;
    default:
      throw new Error(`Stored outputs have an unknown number at "${pointer}".`);
  }
}

/** RFC 6901: "~" → "~0", "/" → "~1". */
function escape(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

function describeKind(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value !== 'object' || value === null) return `a ${typeof value}`;
  const name = (value as { constructor?: { name?: string } }).constructor?.name;
  return `a ${name ?? 'object'}`;
}
