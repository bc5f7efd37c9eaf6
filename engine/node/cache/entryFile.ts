/**
 * One disk cache entry as bytes: a safetensors file of a node's outputs
 * (see serialize.ts) whose metadata also carries "weft.payloadSha256", the
 * sha256 of everything the file means: the canonical JSON of its other
 * metadata and of each tensor's name, dtype and shape, then each tensor's
 * bytes, tensors in name order. A file is therefore checkable on its own,
 * without the index (an adopted file, or one another process wrote).
 *
 * The payload checksum is the entry's only checksum: it is computed once
 * when an entry is encoded and once when it is decoded. Together with the
 * strict safetensors decoder (which refuses any header that does not
 * describe the data exactly) it catches damage to any byte of the file.
 */
import { createHash } from 'node:crypto';
import type { NodeOutputs } from '../../common/nodeApi.ts';
import type { Tensor } from '../../common/tensor.ts';
import { canonicalJson } from './cacheKey.ts';
import { decodeSafetensors, encodeSafetensorsParts } from './safetensors.ts';
import { decodeOutputs, encodeOutputs } from './serialize.ts';

export const PAYLOAD_DIGEST_KEY = 'weft.payloadSha256';

export interface EncodedEntry {
  /**
   * The file's bytes, to be written one after the other: the header, then
   * each tensor's bytes as a view of the outputs' own data (not a copy).
   */
  parts: Uint8Array[];
  /** The file's size. */
  byteLength: number;
  /** The payload checksum the file records under PAYLOAD_DIGEST_KEY. */
  payloadSha256: string;
}

/** Undefined when the outputs hold a Handle (memory only). */
export function encodeEntry(outputs: NodeOutputs): EncodedEntry | undefined {
  const encoded = encodeOutputs(outputs);
  if (encoded === undefined) return undefined;
  const payloadSha256 = payloadDigest(encoded.tensors, encoded.metadata);
  const parts = encodeSafetensorsParts(encoded.tensors, {
    ...encoded.metadata,
    [PAYLOAD_DIGEST_KEY]: payloadSha256,
  });
  let byteLength = 0;
  for (const part of parts) byteLength += part.byteLength;
  return { parts, byteLength, payloadSha256 };
}

/** The whole file in one buffer (a copy): for tests and small entries. */
export function joinEntry(entry: EncodedEntry): Uint8Array {
  const bytes = new Uint8Array(entry.byteLength);
  let position = 0;
  for (const part of entry.parts) {
    bytes.set(part, position);
    position += part.byteLength;
  }
  return bytes;
}

export interface DecodedEntry {
  outputs: NodeOutputs;
  /** The payload checksum the file records, which its contents were found to match. */
  payloadSha256: string;
}

/**
 * Throws, with the reason, for any file that is not an intact entry. The
 * tensors of the outputs share memory with `bytes`.
 */
export function decodeEntry(bytes: Uint8Array): DecodedEntry {
  const { tensors, metadata } = decodeSafetensors(bytes);
  const { [PAYLOAD_DIGEST_KEY]: recorded, ...rest } = metadata;
  if (recorded === undefined) throw new Error('The file carries no checksum.');
  if (payloadDigest(tensors, rest) !== recorded) {
    throw new Error('The file’s contents do not match its checksum.');
  }
  return { outputs: decodeOutputs({ tensors, metadata: rest }), payloadSha256: recorded };
}

/** Hashes each tensor's bytes in place (a view of its data, never a copy). */
export function payloadDigest(
  tensors: ReadonlyMap<string, Tensor>,
  metadata: Readonly<Record<string, string>>,
): string {
  const names = [...tensors.keys()].sort();
  const ordered = names.map((name) => [name, tensors.get(name) as Tensor] as const);
  const hash = createHash('sha256');
  hash.update(
    canonicalJson({
      metadata,
      tensors: ordered.map(([name, tensor]) => [name, tensor.dtype, tensor.dims]),
    }),
  );
  for (const [, tensor] of ordered) hash.update(tensor.bytes());
  return hash.digest('hex');
}
