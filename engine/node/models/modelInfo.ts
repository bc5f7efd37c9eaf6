/**
 * The summary of an ONNX file the library keeps (and stores in manifests):
 * inputs and outputs (symbolic dims as strings), metadata, opset, producer and
 * the external data files it names. Read by engine/node/onnx/inspect.ts
 * without creating a session.
 */
import type { ModelInfo as InspectedModel, ValueInfo } from '../onnx/inspect.ts';
import { inspectModel } from '../onnx/inspect.ts';

export interface TensorInfo {
  name: string;
  /** 'float32', 'int64', 'float16', …; for non-tensors the value kind ('sequence', 'map'). */
  dtype: string;
  /** null: any rank (the model declares no shape); [] is a scalar. */
  shape: (number | string)[] | null;
}

export interface ModelInfo {
  inputs: TensorInfo[];
  outputs: TensorInfo[];
  metadata: Record<string, string>;
  opset?: number;
  irVersion?: number;
  producer?: string;
  /** External data files its initializers live in, relative to the model's folder. */
  externalData?: string[];
}

export type InspectModel = (path: string) => Promise<ModelInfo>;

export function summariseModel(info: InspectedModel): ModelInfo {
  const producer = [info.producerName, info.producerVersion].filter(Boolean).join(' ');
  return {
    inputs: info.inputs.map(summariseValue),
    outputs: info.outputs.map(summariseValue),
    metadata: { ...info.metadata },
    ...(info.opset !== null ? { opset: info.opset } : {}),
    irVersion: info.irVersion,
    ...(producer ? { producer } : {}),
    ...(info.externalData.length > 0 ? { externalData: [...info.externalData] } : {}),
  };
}

function summariseValue(value: ValueInfo): TensorInfo {
  return {
    name: value.name,
    dtype: value.dtype ?? value.kind,
    shape: value.shape ? [...value.shape] : null,
  };
}

/** The library's default inspector: the streaming reader, summarised. */
export async function inspectFile(path: string): Promise<ModelInfo> {
  return summariseModel(await inspectModel(path));
}
