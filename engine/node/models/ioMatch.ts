/** Small questions asked of a model's inputs and outputs while recognising it. */
import type { ModelInfo, TensorInfo } from './modelInfo.ts';

export function input(info: ModelInfo, name: string): TensorInfo | undefined {
  return info.inputs.find((tensor) => tensor.name === name);
}

export function output(info: ModelInfo, name: string): TensorInfo | undefined {
  return info.outputs.find((tensor) => tensor.name === name);
}

/** The size of dimension `index` (negative counts from the end) when it is fixed. */
export function fixedDim(tensor: TensorInfo | undefined, index: number): number | undefined {
  const dim = tensor?.shape?.at(index);
  return typeof dim === 'number' && dim > 0 ? dim : undefined;
}

/** "int64 [2]", "float32 [batch,4,64,64]", "float32 []" (a scalar), "float32 [?]" (any rank). */
export function describeTensor(tensor: TensorInfo): string {
  return `${tensor.dtype} [${tensor.shape === null ? '?' : tensor.shape.join(',')}]`;
}

/** The number of dims, or -1 when the model declares no shape. */
export function rank(tensor: TensorInfo | undefined): number {
  return tensor?.shape?.length ?? -1;
}

export function isFloat(tensor: TensorInfo): boolean {
  return tensor.dtype.startsWith('float') || tensor.dtype === 'bfloat16';
}

export function namesMatch(tensors: readonly TensorInfo[], pattern: RegExp): TensorInfo[] {
  return tensors.filter((tensor) => pattern.test(tensor.name));
}

/** A metadata value as a number, when it is one. */
export function metadataNumber(info: ModelInfo, ...keys: string[]): number | undefined {
  for (const key of keys) {
    const value = info.metadata[key];
    if (value !== undefined && value.trim() !== '' && Number.isFinite(Number(value)))
      return Number(value);
  }
  return undefined;
}
