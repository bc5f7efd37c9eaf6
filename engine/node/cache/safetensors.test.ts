import { describe, expect, it } from 'vitest';
import { Tensor } from '../../common/tensor.ts';
import {
  SafetensorsFormatError,
  decodeSafetensors,
  encodeSafetensors,
  encodeSafetensorsParts,
} from './safetensors.ts';

/** A file from a header given as text (padded to 8 with spaces) and data bytes. */
function fileOf(header: string, data: number[] = [], declaredLength?: number): Uint8Array {
  const json = new TextEncoder().encode(header);
  const padded = Math.ceil(json.byteLength / 8) * 8;
  const file = new Uint8Array(8 + padded + data.length).fill(0x20, 8, 8 + padded);
  new DataView(file.buffer).setBigUint64(0, BigInt(declaredLength ?? padded), true);
  file.set(json, 8);
  file.set(data, 8 + padded);
  return file;
}

function expectSameTensor(actual: Tensor | undefined, expected: Tensor): void {
  expect(actual).toBeDefined();
  expect(actual?.dtype).toBe(expected.dtype);
  expect(actual?.dims).toEqual(expected.dims);
  expect(actual?.data.constructor).toBe(expected.data.constructor);
  expect([...(actual?.bytes() ?? [])]).toEqual([...expected.bytes()]);
}

describe('encodeSafetensors', () => {
  it('writes a single F32 tensor [1, 2] byte for byte as the reference implementation', () => {
    const bytes = encodeSafetensors(
      new Map([['x', new Tensor('float32', [2], new Float32Array([1, 2]))]]),
    );
    const header = '{"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}'; // 54 bytes
    expect([...bytes]).toEqual([
      // u64 little-endian header length: 54 padded to 56
      56,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      ...[...header].map((c) => c.charCodeAt(0)),
      0x20,
      0x20,
      // 1.0f = 0x3f800000, 2.0f = 0x40000000, little-endian
      0x00,
      0x00,
      0x80,
      0x3f,
      0x00,
      0x00,
      0x00,
      0x40,
    ]);
  });

  it('as parts: the header, then views of each tensor’s own memory in file order, joining to the same file', () => {
    const wide = new Tensor('float64', [2], new Float64Array([1.5, -2]));
    const narrow = new Tensor('uint8', [3], new Uint8Array([7, 8, 9]));
    const backing = new Float32Array([0, 1, 2, 3]);
    const view = new Tensor('float32', [2], backing.subarray(1, 3)); // not at its buffer's start
    const tensors = new Map<string, Tensor>([
      ['a', narrow],
      ['b', wide],
      ['c', view],
    ]);
    const parts = encodeSafetensorsParts(tensors, { note: 'x' });
    expect(parts).toHaveLength(4);
    const [head, ...data] = parts as [Uint8Array, ...Uint8Array[]];
    expect(head.byteLength % 8).toBe(0);
    // Widest dtype first, then by name; each a view, not a copy.
    expect(data[0]?.buffer).toBe(wide.data.buffer);
    expect(data[1]?.buffer).toBe(backing.buffer);
    expect(data[1]?.byteOffset).toBe(4);
    expect(data[2]?.buffer).toBe(narrow.data.buffer);
    const joined = Uint8Array.from(parts.flatMap((part) => [...part]));
    expect(joined).toEqual(encodeSafetensors(tensors, { note: 'x' }));
  });

  it('writes metadata first, with keys sorted, and starts the data 8-aligned', () => {
    const bytes = encodeSafetensors(
      new Map([['b', new Tensor('uint8', [1], new Uint8Array([7]))]]),
      {
        z: '1',
        a: 'two',
      },
    );
    const headerLength = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect(headerLength % 8).toBe(0);
    const header = new TextDecoder().decode(bytes.subarray(8, 8 + headerLength));
    expect(header.trimEnd()).toBe(
      '{"__metadata__":{"a":"two","z":"1"},"b":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}',
    );
    expect(bytes.byteLength).toBe(8 + headerLength + 1);
    expect(bytes[8 + headerLength]).toBe(7);
  });

  it('lays tensors out widest dtype first so each one is aligned for its dtype', () => {
    const bytes = encodeSafetensors(
      new Map<string, Tensor>([
        ['a_byte', new Tensor('uint8', [3], new Uint8Array([1, 2, 3]))],
        ['b_double', new Tensor('float64', [1], new Float64Array([0.5]))],
        ['c_half', new Tensor('float16', [1], new Uint16Array([0x3c00]))],
        ['d_int', new Tensor('int32', [1], new Int32Array([-1]))],
      ]),
    );
    const headerLength = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    const header = JSON.parse(
      new TextDecoder().decode(bytes.subarray(8, 8 + headerLength)),
    ) as Record<string, { data_offsets: [number, number] }>;
    expect(Object.keys(header)).toEqual(['b_double', 'd_int', 'c_half', 'a_byte']);
    expect(header.b_double?.data_offsets).toEqual([0, 8]);
    expect(header.d_int?.data_offsets).toEqual([8, 12]);
    expect(header.c_half?.data_offsets).toEqual([12, 14]);
    expect(header.a_byte?.data_offsets).toEqual([14, 17]);
  });

  it('refuses a tensor named __metadata__', () => {
    expect(() =>
      encodeSafetensors(new Map([['__metadata__', Tensor.zeros('uint8', [1])]])),
    ).toThrow('"__metadata__" is reserved');
  });
});

describe('decodeSafetensors round trips', () => {
  const every: [string, Tensor][] = [
    [
      'f32',
      new Tensor(
        'float32',
        [2, 2],
        // 1.5, -0, a NaN with payload 1, the smallest subnormal
        new Float32Array(new Uint32Array([0x3fc00000, 0x80000000, 0x7fc00001, 1]).buffer),
      ),
    ],
    ['f16', new Tensor('float16', [3], new Uint16Array([0x3c00, 0x7e01, 0x8000]))],
    ['f64', new Tensor('float64', [2], new Float64Array([Math.PI, -Number.MAX_VALUE]))],
    ['i8', new Tensor('int8', [2], new Int8Array([-128, 127]))],
    ['u8', new Tensor('uint8', [2], new Uint8Array([0, 255]))],
    ['i32', new Tensor('int32', [2], new Int32Array([-2147483648, 2147483647]))],
    ['i64', new Tensor('int64', [3], new BigInt64Array([-(2n ** 63n), 2n ** 63n - 1n, 49407n]))],
    ['bool', new Tensor('bool', [1, 3], new Uint8Array([1, 0, 1]))],
  ];

  it('keeps every dtype bit-exactly, including NaN payloads, -0 and int64 extremes', () => {
    const decoded = decodeSafetensors(encodeSafetensors(new Map(every), { note: 'é ✓' }));
    expect(decoded.metadata).toEqual({ note: 'é ✓' });
    expect([...decoded.tensors.keys()].sort()).toEqual(every.map(([name]) => name).sort());
    for (const [name, tensor] of every) expectSameTensor(decoded.tensors.get(name), tensor);
    expect(decoded.tensors.get('i64')?.data).toBeInstanceOf(BigInt64Array);
    expect((decoded.tensors.get('i64')?.data as BigInt64Array)[0]).toBe(-(2n ** 63n));
    expect(decoded.tensors.get('f16')?.data).toBeInstanceOf(Uint16Array);
  });

  it('keeps each dtype on its own too', () => {
    for (const [name, tensor] of every) {
      const decoded = decodeSafetensors(encodeSafetensors(new Map([[name, tensor]])));
      expect(decoded.metadata).toEqual({});
      expectSameTensor(decoded.tensors.get(name), tensor);
    }
  });

  it('keeps empty tensors (a dim of 0) and scalars (no dims)', () => {
    const tensors = new Map<string, Tensor>([
      ['empty', new Tensor('float32', [2, 0, 3], new Float32Array(0))],
      ['also_empty', new Tensor('int64', [0], new BigInt64Array(0))],
      ['scalar', new Tensor('float64', [], new Float64Array([42]))],
    ]);
    const bytes = encodeSafetensors(tensors);
    const decoded = decodeSafetensors(bytes);
    for (const [name, tensor] of tensors) expectSameTensor(decoded.tensors.get(name), tensor);
    expect(decoded.tensors.get('empty')?.dims).toEqual([2, 0, 3]);
    expect(decoded.tensors.get('scalar')?.dims).toEqual([]);
  });

  it('reads a file with no tensors at all', () => {
    const decoded = decodeSafetensors(encodeSafetensors(new Map(), { only: 'metadata' }));
    expect(decoded.tensors.size).toBe(0);
    expect(decoded.metadata).toEqual({ only: 'metadata' });
  });

  it('shares memory with the file where the data is aligned', () => {
    const bytes = encodeSafetensors(
      new Map([['x', new Tensor('float32', [2], new Float32Array([1, 2]))]]),
    );
    const tensor = decodeSafetensors(bytes).tensors.get('x');
    expect(tensor?.data.buffer).toBe(bytes.buffer);
    bytes[bytes.byteLength - 1] = 0x3f; // 2.0f → 0.5f through the shared memory
    expect(tensor?.data[1]).toBe(0.5);
  });

  it('copies where the data is not aligned for its dtype', () => {
    const original = encodeSafetensors(
      new Map([['x', new Tensor('float32', [2], new Float32Array([1, 2]))]]),
    );
    const shifted = new Uint8Array(original.byteLength + 1).subarray(1);
    shifted.set(original);
    const tensor = decodeSafetensors(shifted).tensors.get('x');
    expect([...(tensor?.data as Float32Array)]).toEqual([1, 2]);
    expect(tensor?.data.buffer).not.toBe(shifted.buffer);
  });

  it('reads a header that is not padded and tensors written in any order', () => {
    const header =
      '{"b":{"dtype":"U8","shape":[1],"data_offsets":[1,2]},"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}';
    const json = new TextEncoder().encode(header);
    const file = new Uint8Array(8 + json.byteLength + 2);
    new DataView(file.buffer).setBigUint64(0, BigInt(json.byteLength), true);
    file.set(json, 8);
    file.set([10, 20], 8 + json.byteLength);
    const decoded = decodeSafetensors(file);
    expect(decoded.tensors.get('a')?.data[0]).toBe(10);
    expect(decoded.tensors.get('b')?.data[0]).toBe(20);
  });
});

describe('decodeSafetensors rejects', () => {
  const u8 = (offsets: string, shape = '[2]'): string =>
    `"t":{"dtype":"U8","shape":${shape},"data_offsets":${offsets}}`;

  const cases: [string, Uint8Array, string][] = [
    ['a file shorter than 8 bytes', new Uint8Array(5), 'the file is 5 bytes long'],
    [
      'a header length beyond the file',
      fileOf(`{${u8('[0,2]')}}`, [1, 2], 1000),
      'the header length 1000 is beyond the end of the file',
    ],
    [
      'a header length near 2^64',
      (() => {
        const file = fileOf(`{${u8('[0,2]')}}`, [1, 2]);
        file.fill(0xff, 0, 8);
        return file;
      })(),
      'the header length 18446744073709551615 is beyond',
    ],
    ['a header that is not JSON', fileOf('{"t": oops}'), 'the header is not valid JSON'],
    ['a header that is a JSON array', fileOf('[1,2]'), 'the header is not a JSON object'],
    [
      'a header in broken UTF-8',
      (() => {
        const file = fileOf('{"t":1}   ');
        file[9] = 0xc3;
        return file;
      })(),
      'the header is not valid UTF-8',
    ],
    [
      'an unknown dtype',
      fileOf('{"t":{"dtype":"BF16","shape":[1],"data_offsets":[0,2]}}', [0, 0]),
      'tensor "t" has dtype "BF16", which Weft does not read (it reads F32, F16, F64, I8, U8, I32, I64, BOOL)',
    ],
    [
      'a missing dtype',
      fileOf('{"t":{"shape":[1],"data_offsets":[0,1]}}', [0]),
      'tensor "t" has no dtype',
    ],
    [
      'an unexpected field',
      fileOf('{"t":{"dtype":"U8","shape":[1],"data_offsets":[0,1],"extra":1}}', [0]),
      'tensor "t" has an unexpected field "extra"',
    ],
    [
      'a negative dimension',
      fileOf(`{${u8('[0,2]', '[-2]')}}`, [1, 2]),
      'tensor "t" has a shape that is not a list of whole numbers',
    ],
    [
      'a fractional offset',
      fileOf(`{${u8('[0,1.5]')}}`, [1, 2]),
      'tensor "t" has data_offsets that are not two whole numbers',
    ],
    [
      'offsets in the wrong order',
      fileOf(`{${u8('[2,0]')}}`, [1, 2]),
      'tensor "t" ends (0) before it begins (2)',
    ],
    [
      'offsets that do not match shape × size',
      fileOf(`{${u8('[0,3]')}}`, [1, 2, 3]),
      'tensor "t" spans 3 bytes, but U8 [2] needs 2',
    ],
    [
      'offsets that do not match a wider dtype',
      fileOf('{"t":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}', [0, 0, 0, 0]),
      'tensor "t" spans 4 bytes, but F32 [2] needs 8',
    ],
    [
      'offsets out of range',
      fileOf(`{${u8('[2,4]')}}`, [1, 2]),
      'tensor "t" ends at byte 4, beyond the end of the data (2 bytes)',
    ],
    [
      'overlapping tensors',
      fileOf(`{${u8('[0,2]')},"u":{"dtype":"U8","shape":[2],"data_offsets":[1,3]}}`, [1, 2, 3]),
      'tensor "u" starts at byte 1, overlapping the tensor before it',
    ],
    [
      'a gap between tensors',
      fileOf(`{${u8('[1,3]')}}`, [1, 2, 3]),
      'bytes 0–1 of the data belong to no tensor',
    ],
    [
      'trailing bytes',
      fileOf(`{${u8('[0,2]')}}`, [1, 2, 3]),
      'the file has 1 byte after the last tensor',
    ],
    [
      'a truncated data section',
      fileOf(`{${u8('[0,2]')}}`, [1]),
      'tensor "t" ends at byte 2, beyond the end of the data (1 byte)',
    ],
    [
      'metadata that is not an object',
      fileOf('{"__metadata__":"x"}'),
      '"__metadata__" is not an object',
    ],
    [
      'a metadata value that is not a string',
      fileOf('{"__metadata__":{"n":1}}'),
      'metadata "n" is not a string',
    ],
  ];

  for (const [what, file, message] of cases) {
    it(what, () => {
      let caught: unknown;
      try {
        decodeSafetensors(file);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(SafetensorsFormatError);
      expect((caught as Error).message).toContain('Not a valid safetensors file: ');
      expect((caught as Error).message).toContain(message);
    });
  }

  it('every truncation of a valid file', () => {
    const bytes = encodeSafetensors(
      new Map([['x', new Tensor('float32', [2], new Float32Array([1, 2]))]]),
      { k: 'v' },
    );
    for (let length = 0; length < bytes.byteLength; length++) {
      expect(() => decodeSafetensors(bytes.subarray(0, length)), `length ${length}`).toThrow(
        SafetensorsFormatError,
      );
    }
  });
});
