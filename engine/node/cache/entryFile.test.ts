import { describe, expect, it } from 'vitest';
import { Tensor } from '../../common/tensor.ts';
import { Handle } from '../../common/values.ts';
import { PAYLOAD_DIGEST_KEY, decodeEntry, encodeEntry, payloadDigest } from './entryFile.ts';
import { decodeSafetensors, encodeSafetensors } from './safetensors.ts';
import { bitsOf, sampleOutputs } from './testSupport.ts';

class TestHandle extends Handle {
  readonly label = 'test model';
}

/** Re-encodes an entry after `change`, keeping its recorded checksum. */
function tampered(
  change: (tensors: Map<string, Tensor>, metadata: Record<string, string>) => void,
): Uint8Array {
  const { tensors, metadata } = decodeSafetensors(encodeEntry(sampleOutputs(5)) as Uint8Array);
  change(tensors, metadata);
  return encodeSafetensors(tensors, metadata);
}

describe('entry files', () => {
  it('round-trip outputs bit-exactly', () => {
    const bytes = encodeEntry(sampleOutputs(5)) as Uint8Array;
    expect(bitsOf(decodeEntry(bytes))).toEqual(bitsOf(sampleOutputs(5)));
  });

  it('record the payload checksum in the metadata', () => {
    const { tensors, metadata } = decodeSafetensors(encodeEntry(sampleOutputs(5)) as Uint8Array);
    const { [PAYLOAD_DIGEST_KEY]: recorded, ...rest } = metadata;
    expect(recorded).toBe(payloadDigest(tensors, rest));
    expect(recorded).toMatch(/^[0-9a-f]{64}$/);
  });

  it('are not made for outputs holding a Handle', () => {
    expect(encodeEntry({ model: new TestHandle() })).toBeUndefined();
  });

  it('are the same bytes for the same outputs', () => {
    expect(encodeEntry(sampleOutputs(5))).toEqual(encodeEntry(sampleOutputs(5)));
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

  it('skip the checksum only when told the file is already verified', () => {
    const bytes = tampered((_, metadata) => {
      metadata['weft.outputs'] = (metadata['weft.outputs'] as string).replace(
        '"steps":20',
        '"steps":21',
      );
    });
    const outputs = decodeEntry(bytes, { verified: true });
    expect((outputs.settings as { steps: number }).steps).toBe(21);
  });
});
