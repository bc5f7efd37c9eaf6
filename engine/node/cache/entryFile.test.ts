import { describe, expect, it } from 'vitest';
import { Tensor } from '../../common/tensor.ts';
import { Handle } from '../../common/values.ts';
import {
  PAYLOAD_DIGEST_KEY,
  decodeEntry,
  encodeEntry,
  joinEntry,
  payloadDigest,
  type EncodedEntry,
} from './entryFile.ts';
import { decodeSafetensors, encodeSafetensors } from './safetensors.ts';
import { bitsOf, sampleOutputs } from './testSupport.ts';

class TestHandle extends Handle {
  readonly label = 'test model';
}

/** The whole entry file for sampleOutputs(seed). */
function entryFile(seed: number): Uint8Array {
  return joinEntry(encodeEntry(sampleOutputs(seed)) as EncodedEntry);
}

/** Re-encodes an entry after `change`, keeping its recorded checksum. */
function tampered(
  change: (tensors: Map<string, Tensor>, metadata: Record<string, string>) => void,
): Uint8Array {
  const { tensors, metadata } = decodeSafetensors(entryFile(5));
  change(tensors, metadata);
  return encodeSafetensors(tensors, metadata);
}

describe('entry files', () => {
  it('round-trip outputs bit-exactly', () => {
    expect(bitsOf(decodeEntry(entryFile(5)).outputs)).toEqual(bitsOf(sampleOutputs(5)));
  });

  it('record the payload checksum in the metadata, and hand it back when encoded and decoded', () => {
    const entry = encodeEntry(sampleOutputs(5)) as EncodedEntry;
    const bytes = joinEntry(entry);
    const { tensors, metadata } = decodeSafetensors(bytes);
    const { [PAYLOAD_DIGEST_KEY]: recorded, ...rest } = metadata;
    expect(recorded).toBe(payloadDigest(tensors, rest));
    expect(recorded).toMatch(/^[0-9a-f]{64}$/);
    expect(entry.payloadSha256).toBe(recorded);
    expect(decodeEntry(bytes).payloadSha256).toBe(recorded);
    expect(entryFile(6)).not.toEqual(bytes);
    expect(decodeEntry(entryFile(6)).payloadSha256).not.toBe(recorded);
  });

  it('are encoded as a header followed by the tensors’ own bytes, not copies', () => {
    const outputs = sampleOutputs(5);
    const entry = encodeEntry(outputs) as EncodedEntry;
    const image = outputs.image as Tensor;
    const tokens = outputs.tokens as Tensor;
    // 1 header + 8 tensors, each part a view of a tensor's own memory.
    expect(entry.parts).toHaveLength(9);
    expect(entry.parts.some((part) => part.buffer === image.data.buffer)).toBe(true);
    expect(entry.parts.some((part) => part.buffer === tokens.data.buffer)).toBe(true);
    expect(entry.byteLength).toBe(entry.parts.reduce((sum, part) => sum + part.byteLength, 0));
  });

  it('are not made for outputs holding a Handle', () => {
    expect(encodeEntry({ model: new TestHandle() })).toBeUndefined();
  });

  it('are the same bytes for the same outputs', () => {
    expect(entryFile(5)).toEqual(entryFile(5));
  });

  it('[C7] are refused, by the checksum or the structure check, when any one byte changes', () => {
    const intact = entryFile(5);
    const accepted: number[] = [];
    for (let position = 0; position < intact.byteLength; position++) {
      const bytes = Uint8Array.from(intact);
      bytes[position] = (bytes[position] as number) ^ 0xff;
      try {
        decodeEntry(bytes);
        accepted.push(position);
      } catch {
        // refused, as it must be
      }
    }
    expect(accepted).toEqual([]);
    expect(bitsOf(decodeEntry(intact).outputs)).toEqual(bitsOf(sampleOutputs(5)));
  });

  const changes: [
    string,
    (tensors: Map<string, Tensor>, metadata: Record<string, string>) => void,
  ][] = [
    [
      'a value in the tensor data',
      (tensors) => void ((tensors.get('/image') as Tensor).data[0] = 9),
    ],
    [
      'a tensor shape',
      (tensors) => tensors.set('/image', (tensors.get('/image') as Tensor).reshape([1, 2, 3, 2])),
    ],
    [
      'a tensor name',
      (tensors) => {
        tensors.set('/renamed', tensors.get('/image') as Tensor);
        tensors.delete('/image');
      },
    ],
    [
      'a tensor dtype with the same bytes',
      (tensors) => {
        const bytes = tensors.get('/extras/bytes') as Tensor;
        tensors.set('/extras/bytes', new Tensor('int8', bytes.dims, new Int8Array(bytes.bytes())));
      },
    ],
    [
      'the JSON part of the outputs',
      (_, metadata) => {
        metadata['weft.outputs'] = (metadata['weft.outputs'] as string).replace(
          '"steps":20',
          '"steps":21',
        );
      },
    ],
    ['an added metadata entry', (_, metadata) => void (metadata.extra = 'x')],
  ];

  for (const [what, change] of changes) {
    it(`are refused when ${what} no longer matches the checksum`, () => {
      expect(() => decodeEntry(tampered(change))).toThrow(
        'The file’s contents do not match its checksum.',
      );
    });
  }

  it('are refused without a checksum', () => {
    expect(() =>
      decodeEntry(tampered((_, metadata) => void delete metadata[PAYLOAD_DIGEST_KEY])),
    ).toThrow('The file carries no checksum.');
  });
});
