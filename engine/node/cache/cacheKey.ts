/**
 * Cache keys. A node's key is the sha256 of the canonical JSON of its type,
 * version, params and the keys of its inputs (a Merkle key): two nodes with
 * the same key compute the same outputs, wherever they sit and whatever their
 * ids, so the same sub-graph in another graph hits the cache.
 *
 * The canonical form follows RFC 8785 (JCS) for the values it accepts: object
 * keys sorted by UTF-16 code units, no whitespace, numbers as ECMAScript
 * writes them (so -0 is "0"), strings as JSON.stringify escapes them. Changing
 * it changes every key, which silently empties every disk cache: don't.
 */
import { createHash } from 'node:crypto';
import type { ParamValue } from '../../common/catalog.ts';

export interface NodeKeyParts {
  /** The node type, e.g. "diffusion/sampler". */
  type: string;
  /** The node type's version: a new version never reuses old results. */
  version: number;
  params: Record<string, ParamValue>;
  /** Each connected input name → inputReference(upstream key, output name). */
  inputs: Record<string, string>;
}

/** How a node's key refers to one output of an upstream node. */
export function inputReference(upstreamKey: string, outputName: string): string {
  return `${upstreamKey}:${outputName}`;
}

export function nodeCacheKey(parts: NodeKeyParts): string {
  const { type, version, params, inputs } = parts;
  const json = canonicalJson({ type, version, params, inputs });
  return createHash('sha256').update(json, 'utf8').digest('hex');
}

/** Deterministic JSON: the same value always gives the same string. */
export function canonicalJson(value: unknown): string {
  return write(value, '', new Set());
}

function write(value: unknown, path: string, ancestors: Set<object>): string {
  if (value === null || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new Error(
        `Cannot build a cache key: ${where(path)} is ${String(value)}. ` +
          'Only finite numbers can be part of a key; check that value.',
      );
    }
    return Object.is(value, -0) ? '0' : JSON.stringify(value);
  }
  if (typeof value !== 'object') {
    const kind = value === undefined ? 'undefined' : `a ${typeof value}`;
    throw new Error(`Cannot build a cache key: ${where(path)} is ${kind}, which has no JSON form.`);
  }
  if (ancestors.has(value)) {
    throw new Error(`Cannot build a cache key: ${where(path)} contains itself.`);
  }
  ancestors.add(value);
  let json: string;
  if (Array.isArray(value)) {
    const items: string[] = [];
    // An index loop, not map(): map skips holes, which must be refused like undefined.
    for (let index = 0; index < value.length; index++) {
      items.push(write(value[index] as unknown, `${path}[${index}]`, ancestors));
    }
    json = `[${items.join(',')}]`;
  } else {
    const prototype = Object.getPrototypeOf(value) as unknown;
    if (prototype !== Object.prototype && prototype !== null) {
      const name = (value as { constructor?: { name?: string } }).constructor?.name ?? 'object';
      throw new Error(
        `Cannot build a cache key: ${where(path)} is a ${name}; only plain objects, ` +
          'arrays, strings, finite numbers, booleans and null can be part of a key.',
      );
    }
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${write(record[key], join(path, key), ancestors)}`);
    json = `{${members.join(',')}}`;
  }
  ancestors.delete(value);
  return json;
}

function join(path: string, key: string): string {
  const plain = /^[A-Za-z_$][\w$]*$/.test(key);
  if (path === '') return plain ? key : `[${JSON.stringify(key)}]`;
  return plain ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function where(path: string): string {
  return path === '' ? 'the value' : `the value at ${path}`;
}
