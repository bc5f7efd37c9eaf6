/**
 * A model's metadata_props from its bytes, for fixture tests: the engine's
 * streaming ONNX inspector read from memory (one protobuf reader in the repo).
 */
import { inspectSource } from '../../../engine/node/onnx/inspect.ts';
import { MemorySource } from '../../../engine/node/onnx/protoReader.ts';

export async function readModelMetadata(model: Uint8Array): Promise<Record<string, string>> {
  return { ...(await inspectSource(new MemorySource(model))).metadata };
}
