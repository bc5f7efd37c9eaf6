/**
 * What a model file declares, read without creating a session: inputs and
 * outputs (names, element types, shapes with symbolic dims), metadata_props,
 * opsets, IR version, producer, and the external data files its initializers
 * live in. The model library shows this for every file and recognises export
 * families by it; the session pool sizes sessions by it. A multi-gigabyte
 * UNet costs a few reads: see protoReader.ts.
 *
 * Field numbers are those of onnx.proto. Element type names follow ONNX
 * Runtime's (`float32`, `int64`, `float16`, …) so they compare directly with a
 * session's inputMetadata. Graph inputs that are also initializers (IR < 4
 * models list their weights as inputs) are left out, as ORT leaves them out.
 */
import type { ByteSource, ProtoField } from './protoReader.ts';
import {
  FileSource,
  ProtoFormatError,
  decodeFields,
  decodeString,
  readBytes,
  readFields,
} from './protoReader.ts';

/** A dimension: a fixed size, a symbolic name, or '' for a free dim with no name. */
export type ShapeDim = number | string;

export interface ValueInfo {
  readonly name: string;
  readonly kind: 'tensor' | 'sequence' | 'map' | 'optional' | 'sparse_tensor' | 'unknown';
  /** ORT's element type name for tensors ('float32', 'int64', …); null otherwise. */
  readonly dtype: string | null;
  /** null when the model declares no shape (any rank); [] for a scalar. */
  readonly shape: readonly ShapeDim[] | null;
}

export interface OpsetInfo {
  readonly domain: string;
  readonly version: number;
}

export interface ModelInfo {
  readonly path: string;
  readonly fileBytes: number;
  readonly irVersion: number;
  readonly producerName: string;
  readonly producerVersion: string;
  readonly domain: string;
  readonly modelVersion: number;
  readonly docString: string;
  /** The version of the default ('' / 'ai.onnx') operator set; null if none is imported. */
  readonly opset: number | null;
  readonly opsets: readonly OpsetInfo[];
  readonly graphName: string;
  readonly inputs: readonly ValueInfo[];
  readonly outputs: readonly ValueInfo[];
  readonly metadata: Readonly<Record<string, string>>;
  readonly initializerCount: number;
  /** External data files named by initializers, relative to the model's folder, without repeats. */
  readonly externalData: readonly string[];
}

/** onnx.TensorProto.DataType → ORT's type name. */
const ELEMENT_TYPES: Record<number, string> = {
  1: 'float32',
  2: 'uint8',
  3: 'int8',
  4: 'uint16',
  5: 'int16',
  6: 'int32',
  7: 'int64',
  8: 'string',
  9: 'bool',
  10: 'float16',
  11: 'float64',
  12: 'uint32',
  13: 'uint64',
  14: 'complex64',
  15: 'complex128',
  16: 'bfloat16',
  17: 'float8e4m3fn',
  18: 'float8e4m3fnuz',
  19: 'float8e5m2',
  20: 'float8e5m2fnuz',
  21: 'uint4',
  22: 'int4',
  23: 'float4e2m1',
};

export async function inspectModel(path: string): Promise<ModelInfo> {
  const source = await FileSource.open(path);
  try {
    return await inspectSource(source, path);
  } catch (error) {
    if (error instanceof ProtoFormatError) {
      throw new Error(`"${path}" is not a readable ONNX model: ${error.message}.`, {
        cause: error,
      });
    }
    throw error;
  } finally {
    await source.close();
  }
}

/** The same, for bytes from anywhere (tests, a model in memory). */
export async function inspectSource(source: ByteSource, path = ''): Promise<ModelInfo> {
  const info = {
    irVersion: 0,
    producerName: '',
    producerVersion: '',
    domain: '',
    modelVersion: 0,
    docString: '',
    opsets: [] as OpsetInfo[],
    metadata: {} as Record<string, string>,
  };
  let graph: GraphInfo | undefined;
  for await (const field of readFields(source)) {
    switch (field.number) {
      case 1:
        info.irVersion = field.varint;
        break;
      case 2:
        info.producerName = await readString(source, field);
        break;
      case 3:
        info.producerVersion = await readString(source, field);
        break;
      case 4:
        info.domain = await readString(source, field);
        break;
      case 5:
        info.modelVersion = field.varint;
        break;
      case 6:
        info.docString = await readString(source, field);
        break;
      case 7:
        graph = await readGraph(source, field);
        break;
      case 8:
        info.opsets.push(decodeOpset(await readBytes(source, field)));
        break;
      case 14: {
        const [key, value] = decodeStringEntry(await readBytes(source, field));
        info.metadata[key] = value;
        break;
      }
      default:
        break; // training info, functions, …: skipped by length
    }
  }
  if (graph === undefined) throw new ProtoFormatError('the file holds no graph');
  const initializers = graph.initializerNames;
  const defaultOpset = info.opsets.find(
    (opset) => opset.domain === '' || opset.domain === 'ai.onnx',
  );
  return {
    path,
    fileBytes: source.size,
    ...info,
    opset: defaultOpset?.version ?? null,
    graphName: graph.name,
    inputs: graph.inputs.filter((input) => !initializers.has(input.name)),
    outputs: graph.outputs,
    initializerCount: initializers.size,
    externalData: [...graph.externalData],
  };
}

interface GraphInfo {
  name: string;
  inputs: ValueInfo[];
  outputs: ValueInfo[];
  initializerNames: Set<string>;
  externalData: Set<string>;
}

async function readGraph(source: ByteSource, graphField: ProtoField): Promise<GraphInfo> {
  const graph: GraphInfo = {
    name: '',
    inputs: [],
    outputs: [],
    initializerNames: new Set(),
    externalData: new Set(),
  };
  for await (const field of readFields(source, graphField.start, graphField.end)) {
    if (field.wireType !== 2) continue;
    if (field.number === 2) graph.name = await readString(source, field);
    else if (field.number === 5) await readInitializer(source, field, graph);
    else if (field.number === 11)
      graph.inputs.push(decodeValueInfo(await readBytes(source, field)));
    else if (field.number === 12)
      graph.outputs.push(decodeValueInfo(await readBytes(source, field)));
    // nodes (1), value_info (13) and the rest are skipped by length
  }
  return graph;
}

/** onnx.TensorProto: name 8, external_data 13, data_location 14; raw_data (9) is never read. */
async function readInitializer(
  source: ByteSource,
  tensorField: ProtoField,
  graph: GraphInfo,
): Promise<void> {
  let name = '';
  let external = false;
  let location: string | undefined;
  for await (const field of readFields(source, tensorField.start, tensorField.end)) {
    if (field.number === 8 && field.wireType === 2) name = await readString(source, field);
    else if (field.number === 14 && field.wireType === 0) external = field.varint === 1;
    else if (field.number === 13 && field.wireType === 2) {
      const [key, value] = decodeStringEntry(await readBytes(source, field));
      if (key === 'location') location = value;
    }
  }
  graph.initializerNames.add(name);
  if (external && location !== undefined) graph.externalData.add(location);
}

async function readString(source: ByteSource, field: ProtoField): Promise<string> {
  if (field.wireType !== 2) return '';
  const bytes = await readBytes(source, field);
  return new TextDecoder().decode(bytes);
}

/** onnx.StringStringEntryProto: key 1, value 2. */
function decodeStringEntry(bytes: Uint8Array): [string, string] {
  let key = '';
  let value = '';
  for (const field of decodeFields(bytes)) {
    if (field.wireType !== 2) continue;
    if (field.number === 1) key = decodeString(bytes, field);
    else if (field.number === 2) value = decodeString(bytes, field);
  }
  return [key, value];
}

/** onnx.OperatorSetIdProto: domain 1, version 2. */
function decodeOpset(bytes: Uint8Array): OpsetInfo {
  let domain = '';
  let version = 0;
  for (const field of decodeFields(bytes)) {
    if (field.number === 1 && field.wireType === 2) domain = decodeString(bytes, field);
    else if (field.number === 2 && field.wireType === 0) version = field.varint;
  }
  return { domain, version };
}

/** onnx.ValueInfoProto: name 1, type 2. */
function decodeValueInfo(bytes: Uint8Array): ValueInfo {
  let name = '';
  let type: Omit<ValueInfo, 'name'> = { kind: 'unknown', dtype: null, shape: null };
  for (const field of decodeFields(bytes)) {
    if (field.wireType !== 2) continue;
    if (field.number === 1) name = decodeString(bytes, field);
    else if (field.number === 2) type = decodeType(bytes.subarray(field.start, field.end));
  }
  return { name, ...type };
}

/** onnx.TypeProto: tensor_type 1, sequence_type 4, map_type 5, sparse_tensor_type 8, optional_type 9. */
function decodeType(bytes: Uint8Array): Omit<ValueInfo, 'name'> {
  for (const field of decodeFields(bytes)) {
    if (field.wireType !== 2) continue;
    const inner = bytes.subarray(field.start, field.end);
    if (field.number === 1) return { kind: 'tensor', ...decodeTensorType(inner) };
    if (field.number === 4) return { kind: 'sequence', dtype: null, shape: null };
    if (field.number === 5) return { kind: 'map', dtype: null, shape: null };
    if (field.number === 8) return { kind: 'sparse_tensor', ...decodeTensorType(inner) };
    if (field.number === 9) return { kind: 'optional', dtype: null, shape: null };
  }
  return { kind: 'unknown', dtype: null, shape: null };
}

/** onnx.TypeProto.Tensor: elem_type 1, shape 2 (TensorShapeProto: repeated dim 1). */
function decodeTensorType(bytes: Uint8Array): Pick<ValueInfo, 'dtype' | 'shape'> {
  let dtype: string | null = null;
  let shape: ShapeDim[] | null = null;
  for (const field of decodeFields(bytes)) {
    if (field.number === 1 && field.wireType === 0) {
      dtype = ELEMENT_TYPES[field.varint] ?? `onnx type ${field.varint}`;
    } else if (field.number === 2 && field.wireType === 2) {
      shape = [];
      const shapeBytes = bytes.subarray(field.start, field.end);
      for (const dim of decodeFields(shapeBytes)) {
        if (dim.number === 1 && dim.wireType === 2) {
          shape.push(decodeDim(shapeBytes.subarray(dim.start, dim.end)));
        }
      }
    }
  }
  return { dtype, shape };
}

/** TensorShapeProto.Dimension: dim_value 1, dim_param 2. */
function decodeDim(bytes: Uint8Array): ShapeDim {
  for (const field of decodeFields(bytes)) {
    if (field.number === 1 && field.wireType === 0) return field.varint;
    if (field.number === 2 && field.wireType === 2) return decodeString(bytes, field);
  }
  return '';
}
