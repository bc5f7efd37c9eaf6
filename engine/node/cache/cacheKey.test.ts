import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ParamValue } from '../../common/catalog.ts';
import { canonicalJson, inputReference, nodeCacheKey } from './cacheKey.ts';

interface TestNode {
  type: string;
  version: number;
  params: Record<string, ParamValue>;
  /** input name → "<nodeId>.<outputName>", as in a graph file */
  inputs: Record<string, string>;
}

/** Merkle keys of a small graph, the way the executor builds them (ids only used for lookup). */
function graphKeys(nodes: Record<string, TestNode>): Record<string, string> {
  const keys: Record<string, string> = {};
  const keyOf = (id: string): string => {
    const known = keys[id];
    if (known !== undefined) return known;
    const node = nodes[id];
    if (node === undefined) throw new Error(`no node ${id}`);
    const inputs: Record<string, string> = {};
    for (const [name, reference] of Object.entries(node.inputs)) {
      const [upstreamId = '', outputName = ''] = reference.split('.');
      inputs[name] = inputReference(keyOf(upstreamId), outputName);
    }
    const key = nodeCacheKey({ ...node, inputs });
    keys[id] = key;
    return key;
  };
  for (const id of Object.keys(nodes)) keyOf(id);
  return keys;
}

const loader: TestNode = {
  type: 'image/load',
  version: 1,
  params: { path: 'cat.png' },
  inputs: {},
};
const blur = (from: string): TestNode => ({
  type: 'image/blur',
  version: 2,
  params: { radius: 3, mode: 'gaussian' },
  inputs: { image: `${from}.image` },
});

describe('canonicalJson', () => {
  it('sorts object keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: null, y: true }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":true,"z":null}]},"b":1}',
    );
  });

  it('sorts keys by UTF-16 code units, as RFC 8785 does', () => {
    expect(canonicalJson({ b: 0, B: 0, é: 0, '10': 0, '9': 0 })).toBe(
      '{"10":0,"9":0,"B":0,"b":0,"é":0}',
    );
  });

  it('writes -0 as 0 and numbers in their shortest round-trip form', () => {
    expect(canonicalJson([-0, 0.1, 1e21, 1e-7, 100])).toBe('[0,0.1,1e+21,1e-7,100]');
  });

  it('distinguishes the number 1 from the string "1"', () => {
    expect(canonicalJson(1)).toBe('1');
    expect(canonicalJson('1')).toBe('"1"');
  });

  it('escapes strings as JSON does', () => {
    expect(canonicalJson('a "quoted"\nline\u0001')).toBe('"a \\"quoted\\"\\nline\\u0001"');
  });

  it('refuses NaN and Infinity, naming where they are', () => {
    expect(() => canonicalJson({ params: { strength: Number.NaN } })).toThrow(
      'Cannot build a cache key: the value at params.strength is NaN. Only finite numbers can be part of a key',
    );
    expect(() => canonicalJson([1, Number.NEGATIVE_INFINITY])).toThrow(
      'the value at [1] is -Infinity',
    );
    expect(() => canonicalJson(Number.POSITIVE_INFINITY)).toThrow('the value is Infinity');
  });

  it('refuses values with no JSON form instead of dropping them', () => {
    expect(() => canonicalJson({ a: undefined })).toThrow(
      'the value at a is undefined, which has no JSON form',
    );
    // eslint-disable-next-line no-sparse-arrays -- a hole is the case under test
    expect(() => canonicalJson([1, , 3])).toThrow('the value at [1] is undefined');
    expect(() => canonicalJson({ 'odd key': 10n })).toThrow('the value at ["odd key"] is a bigint');
    expect(() => canonicalJson({ when: new Date(0) })).toThrow('the value at when is a Date');
    expect(() => canonicalJson(new Map())).toThrow('the value is a Map');
  });

  it('refuses a value that contains itself', () => {
    const looped: Record<string, unknown> = {};
    looped.self = looped;
    expect(() => canonicalJson(looped)).toThrow('the value at self contains itself');
  });

  it('accepts the same object twice when it is not a cycle', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
  });
});

describe('nodeCacheKey', () => {
  it('is the sha256 of the canonical JSON of type, version, params and inputs', () => {
    const parts = {
      type: 'image/blur',
      version: 1,
      params: { radius: 2, mode: 'gaussian' },
      inputs: { image: '0123:image' },
    };
    const json =
      '{"inputs":{"image":"0123:image"},"params":{"mode":"gaussian","radius":2},"type":"image/blur","version":1}';
    expect(nodeCacheKey(parts)).toBe(createHash('sha256').update(json).digest('hex'));
    // Pinned: a change to the key format would orphan every disk cache entry.
    expect(nodeCacheKey(parts)).toBe(
      '1542ad6741cae46e9f8f0783cbbb4e9e005b927ef40a2c8c31421c12fb81afac',
    );
  });

  it('gives the same key to the same sub-graph under other node ids', () => {
    const first = graphKeys({ load: loader, soften: blur('load') });
    const second = graphKeys({ 'Image Loader 7': loader, b: blur('Image Loader 7') });
    expect(second.b).toBe(first.soften);
    expect(second['Image Loader 7']).toBe(first.load);
    expect(first.soften).not.toBe(first.load);
  });

  it('does not depend on the order params or inputs are written in', () => {
    const a = nodeCacheKey({
      type: 't',
      version: 1,
      params: { seed: 7, steps: 20, cfg: 7.5 },
      inputs: { latent: 'k1:latent', positive: 'k2:conditioning' },
    });
    const b = nodeCacheKey({
      type: 't',
      version: 1,
      params: { cfg: 7.5, steps: 20, seed: 7 },
      inputs: { positive: 'k2:conditioning', latent: 'k1:latent' },
    });
    expect(b).toBe(a);
  });

  it('changes when a param, the version, the type or an upstream key changes', () => {
    const base = graphKeys({ load: loader, soften: blur('load') }).soften;
    const otherRadius = graphKeys({
      load: loader,
      soften: { ...blur('load'), params: { radius: 4, mode: 'gaussian' } },
    }).soften;
    const otherUpstream = graphKeys({
      load: { ...loader, params: { path: 'dog.png' } },
      soften: blur('load'),
    }).soften;
    const otherVersion = graphKeys({
      load: loader,
      soften: { ...blur('load'), version: 3 },
    }).soften;
    const otherType = graphKeys({
      load: loader,
      soften: { ...blur('load'), type: 'image/sharpen' },
    }).soften;
    const keys = new Set([base, otherRadius, otherUpstream, otherVersion, otherType]);
    expect(keys.size).toBe(5);
  });

  it('changes when the upstream output used changes', () => {
    const upstream = nodeCacheKey({ type: 'image/load', version: 1, params: {}, inputs: {} });
    const viaImage = nodeCacheKey({
      type: 'mask/invert',
      version: 1,
      params: {},
      inputs: { mask: inputReference(upstream, 'image') },
    });
    const viaMask = nodeCacheKey({
      type: 'mask/invert',
      version: 1,
      params: {},
      inputs: { mask: inputReference(upstream, 'mask') },
    });
    expect(viaMask).not.toBe(viaImage);
  });

  it('tells the number 1 from the string "1"', () => {
    const numeric = nodeCacheKey({ type: 't', version: 1, params: { width: 1 }, inputs: {} });
    const text = nodeCacheKey({ type: 't', version: 1, params: { width: '1' }, inputs: {} });
    expect(text).not.toBe(numeric);
  });

  it('treats -0 and 0 as the same param', () => {
    const zero = nodeCacheKey({ type: 't', version: 1, params: { shift: 0 }, inputs: {} });
    const negativeZero = nodeCacheKey({ type: 't', version: 1, params: { shift: -0 }, inputs: {} });
    expect(negativeZero).toBe(zero);
  });

  it('tells a param from an input of the same name', () => {
    const asParam = nodeCacheKey({ type: 't', version: 1, params: { x: 'k:y' }, inputs: {} });
    const asInput = nodeCacheKey({ type: 't', version: 1, params: {}, inputs: { x: 'k:y' } });
    expect(asInput).not.toBe(asParam);
  });

  it('names the param that cannot be keyed', () => {
    expect(() =>
      nodeCacheKey({ type: 't', version: 1, params: { strength: Number.NaN }, inputs: {} }),
    ).toThrow('the value at params.strength is NaN');
  });
});
