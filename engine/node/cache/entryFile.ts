/**
 * One disk cache entry as bytes: a safetensors file of a node's outputs
 * (see serialize.ts) whose metadata also carries "weft.payloadSha256", the
 * sha256 of everything the file means: the canonical JSON of its other
 * metadata and of each tensor's name, dtype and shape, then each tensor's
 * bytes, tensors in name order. A file is therefore checkable on its own,
 * without the index (an adopted file, or one another process wrote).
 */
import { createHash } from 'node:crypto';
import type { NodeOutputs } from '../../common/nodeApi.ts';
import type { Tensor } from '../../common/tensor.ts';
import { canonicalJson } from './cacheKey.ts';
import { decodeSafetensors, encodeSafetensors } from './safetensors.ts';
import { decodeOutputs, encodeOutputs } from './serialize.ts';

export const PAYLOAD_DIGEST_KEY = 'weft.payloadSha256';

/** Undefined when the outputs hold a Handle (memory only). */
export function encodeEntry(outputs: NodeOutputs): Uint8Array | undefined {
  const encoded = encodeOutputs(outputs);
  if (encoded === undefined) return undefined;
  const digest = payloadDigest(encoded.tensors, encoded.metadata);
  return encodeSafetensors(encoded.tensors, { ...encoded.metadata, [PAYLOAD_DIGEST_KEY]: digest });
}

export interface DecodeEntryOptions {
  /** Skip the payload check when the caller already matched the whole file's sha256. */
  verified?: boolean;
}

/** Throws, with the reason, for any file that is not an intact entry. */
export function decodeEntry(bytes: Uint8Array, options: DecodeEntryOptions = {}): NodeOutputs {
  const { tensors, metadata } = decodeSafetensors(bytes);
  const { [PAYLOAD_DIGEST_KEY]: recorded, ...rest } = metadata;
  if (recorded === undefined) throw new Error('The file carries no checksum.');
  if (options.verified !== true && payloadDigest(tensors, rest) !== recorded) {
    throw new Error('The file’s contents do not match its checksum.');
  }
  return decodeOutputs({ tensors, metadata: rest });
}

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

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
