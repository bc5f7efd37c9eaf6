import { describe, expect, it } from 'vitest';
import type { NodeOutputs } from '../../common/nodeApi.ts';
import { Tensor } from '../../common/tensor.ts';
import { Handle } from '../../common/values.ts';
import { decodeSafetensors, encodeSafetensors } from './safetensors.ts';
import { decodeOutputs, encodeOutputs } from './serialize.ts';

class TestHandle extends Handle {
  readonly label = 'test model';
}

const image = new Tensor('float32', [1, 1, 2, 3], new Float32Array([0, 0.25, 0.5, 0.75, 1, -0]));
const ids = new Tensor('int64', [1, 3], new BigInt64Array([49406n, 320n, 49407n]));
const frame = (value: number): Tensor => new Tensor('uint8', [2], new Uint8Array([value, 255]));

function throughFile(outputs: NodeOutputs): NodeOutputs {
  const encoded = encodeOutputs(outputs);
  if (encoded === undefined) throw new Error('expected the outputs to be storable');
  return decodeOutputs(decodeSafetensors(encodeSafetensors(encoded.tensors, encoded.metadata)));
}

describe('encodeOutputs', () => {
  it('names tensors by their JSON Pointer and keeps the rest in a skeleton', () => {
    const encoded = encodeOutputs({
      image,
      video: { frames: [frame(1), frame(2)], fps: 24 },
      'a/b~c': ids,
    });
    expect([...(encoded?.tensors.keys() ?? [])]).toEqual([
      '/image',
      '/video/frames/0',
      '/video/frames/1',
      '/a~1b~0c',
    ]);
    expect(encoded?.tensors.get('/image')).toBe(image);
    expect(encoded?.metadata).toEqual({
      'weft.outputsFormat': '1',
      'weft.outputs':
        '{"image":{"$tensor":"/image"},"video":{"frames":[{"$tensor":"/video/frames/0"},' +
        '{"$tensor":"/video/frames/1"}],"fps":24},"a/b~c":{"$tensor":"/a~1b~0c"}}',
    });
  });

  it('tags numbers JSON cannot hold and escapes keys that start with $', () => {
    const encoded = encodeOutputs({
      values: [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 0],
      $tensor: 'not a tensor',
    });
    expect(encoded?.metadata['weft.outputs']).toBe(
      '{"values":[{"$number":"NaN"},{"$number":"Infinity"},{"$number":"-Infinity"},' +
        '{"$number":"-0"},0],"$$tensor":"not a tensor"}',
    );
  });

  it('returns undefined when a Handle is anywhere inside', () => {
    expect(encodeOutputs({ model: new TestHandle() })).toBeUndefined();
    expect(encodeOutputs({ image, nested: { list: [1, { deep: new TestHandle() }] } })).toBe(
      undefined,
    );
  });

  it('refuses values no node output may hold, naming where they are', () => {
    expect(() => encodeOutputs({ broken: { x: undefined } as unknown as NodeOutputs })).toThrow(
      'The output at "/broken/x" is undefined, which a node output cannot hold.',
    );
    expect(() => encodeOutputs({ when: new Date(0) as unknown as NodeOutputs })).toThrow(
      'The output at "/when" is a Date',
    );
    const looped: Record<string, unknown> = {};
    looped.again = looped;
    expect(() => encodeOutputs({ looped } as unknown as NodeOutputs)).toThrow(
      'The output at "/looped/again" contains itself.',
    );
  });
});

describe('decodeOutputs round trips', () => {
  it('keeps nested objects, arrays, strings, numbers, booleans, null and tensors', () => {
    const outputs: NodeOutputs = {
      image,
      text: 'a red circle, "quoted" ✓',
      count: 3,
      ratio: 0.1,
      flag: true,
      off: false,
      nothing: null,
      empty: {},
      list: [],
      conditioning: [{ embedding: ids, weight: 1.5, tags: ['a', 'b', null] }, [[frame(9)]]],
    };
    const decoded = throughFile(outputs);
    expect(decoded).toEqual(outputs);
    const tensor = decoded.image as Tensor;
    expect(tensor).toBeInstanceOf(Tensor);
    expect(tensor.dims).toEqual([1, 1, 2, 3]);
    expect(Object.is(tensor.data[5], -0)).toBe(true);
    const embedding = ((decoded.conditioning as NodeOutputs[])[0] as NodeOutputs)
      .embedding as Tensor;
    expect(embedding.data).toBeInstanceOf(BigInt64Array);
    expect([...(embedding.data as BigInt64Array)]).toEqual([49406n, 320n, 49407n]);
  });

  it('keeps NaN, ±Infinity and -0 numbers, and keys starting with $', () => {
    const decoded = throughFile({
      values: [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0],
      $tensor: { $number: 'NaN', $$x: 1 },
    });
    const values = decoded.values as number[];
    expect(values[0]).toBeNaN();
    expect(values[1]).toBe(Number.POSITIVE_INFINITY);
    expect(values[2]).toBe(Number.NEGATIVE_INFINITY);
    expect(Object.is(values[3], -0)).toBe(true);
    expect(decoded.$tensor).toEqual({ $number: 'NaN', $$x: 1 });
  });

  it('keeps the same tensor used twice as two equal tensors', () => {
    const decoded = throughFile({ a: image, b: [image] });
    expect(decoded.a).toEqual(image);
    expect((decoded.b as Tensor[])[0]).toEqual(image);
  });

  it('keeps an output record with no outputs', () => {
    expect(throughFile({})).toEqual({});
  });
});

describe('decodeOutputs rejects', () => {
  const skeleton = (json: string, tensors = new Map<string, Tensor>()) => ({
    tensors,
    metadata: { 'weft.outputsFormat': '1', 'weft.outputs': json },
  });

  it('a missing or unknown format', () => {
    expect(() => decodeOutputs({ tensors: new Map(), metadata: {} })).toThrow(
      'Stored outputs have format null; this version reads "1".',
    );
    expect(() =>
      decodeOutputs({ tensors: new Map(), metadata: { 'weft.outputsFormat': '2' } }),
    ).toThrow('format "2"');
  });

  it('a skeleton that is missing or not JSON or not a record', () => {
    expect(() =>
      decodeOutputs({ tensors: new Map(), metadata: { 'weft.outputsFormat': '1' } }),
    ).toThrow('Stored outputs have no "weft.outputs".');
    expect(() => decodeOutputs(skeleton('{"a":'))).toThrow('is not valid JSON');
    expect(() => decodeOutputs(skeleton('[1]'))).toThrow('not a record of named outputs');
  });

  it('a tensor the file does not hold, or one held but never used', () => {
    expect(() => decodeOutputs(skeleton('{"a":{"$tensor":"/a"}}'))).toThrow(
      'Stored outputs name a tensor at "/a" that the file does not hold.',
    );
    expect(() => decodeOutputs(skeleton('{}', new Map([['/a', image]])))).toThrow(
      'The stored tensor "/a" belongs to no output.',
    );
    expect(() =>
      decodeOutputs(
        skeleton('{"a":{"$tensor":"/a"},"b":{"$tensor":"/a"}}', new Map([['/a', image]])),
      ),
    ).toThrow('Stored outputs use the tensor "/a" twice.');
  });

  it('unknown tags and numbers', () => {
    expect(() => decodeOutputs(skeleton('{"a":{"$blob":1}}'))).toThrow(
      'Stored outputs have an unknown tag "$blob" at "/a".',
    );
    expect(() => decodeOutputs(skeleton('{"a":{"$number":"1e999"}}'))).toThrow(
      'Stored outputs have an unknown number at "/a".',
    );
  });
});
