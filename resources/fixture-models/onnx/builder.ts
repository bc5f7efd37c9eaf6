/**
 * A small ONNX model builder: declare inputs, outputs, constant tensors and
 * nodes, get the ModelProto bytes. Only what the fixture models need; the
 * field numbers are those of onnx.proto (IR version 8, opset 17).
 */
import type { DType } from '../../../engine/common/tensor.ts';
import { Tensor } from '../../../engine/common/tensor.ts';
import { ProtoWriter } from './proto.ts';

/** onnx.TensorProto.DataType */
const ELEMENT_TYPES: Record<DType, number> = {
  float32: 1,
  uint8: 2,
  int8: 3,
  int32: 6,
  int64: 7,
  bool: 9,
  float16: 10,
  float64: 11,
};

/** A dimension: a fixed size, or a symbolic name ("batch") for a free one. */
export type Dim = number | string;

export type AttributeValue =
  number | string | readonly number[] | Tensor | { ints: readonly number[] } | { float: number };

interface NodeSpec {
  op: string;
  inputs: readonly string[];
  outputs: readonly string[];
  attributes: Record<string, AttributeValue>;
  name: string;
  domain: string;
}

interface ValueSpec {
  name: string;
  dtype: DType;
  dims: readonly Dim[] | undefined;
}

export class OnnxBuilder {
  readonly #inputs: ValueSpec[] = [];
  readonly #outputs: ValueSpec[] = [];
  readonly #initializers: { name: string; tensor: Tensor; external?: ExternalPlacement }[] = [];
  readonly #externalFiles = new Map<string, Uint8Array[]>();
  readonly #nodes: NodeSpec[] = [];
  readonly #metadata: [string, string][] = [];
  #counter = 0;

  constructor(
    readonly graphName: string,
    readonly opset = 17,
  ) {}

  input(name: string, dtype: DType, dims: readonly Dim[] | undefined): string {
    this.#inputs.push({ name, dtype, dims });
    return name;
  }

  output(name: string, dtype: DType, dims: readonly Dim[] | undefined): string {
    this.#outputs.push({ name, dtype, dims });
    return name;
  }

  /** A constant tensor (stored as an initializer). Returns its value name. */
  constant(tensor: Tensor, name = this.#fresh('const')): string {
    this.#initializers.push({ name, tensor });
    return name;
  }

  /**
   * A constant whose bytes live in an external data file beside the model
   * (TensorProto.data_location EXTERNAL, with location/offset/length entries),
   * as large exports store their weights. Tensors sharing a location are
   * appended to that file in order; externalFiles() returns the files' bytes.
   */
  externalConstant(tensor: Tensor, location: string, name = this.#fresh('const')): string {
    const chunks = this.#externalFiles.get(location) ?? [];
    const offset = chunks.reduce((total, chunk) => total + chunk.length, 0);
    chunks.push(tensor.bytes().slice());
    this.#externalFiles.set(location, chunks);
    this.#initializers.push({ name, tensor, external: { location, offset } });
    return name;
  }

  /** The external data files written by externalConstant, by location. */
  externalFiles(): Map<string, Uint8Array> {
    const files = new Map<string, Uint8Array>();
    for (const [location, chunks] of this.#externalFiles) {
      const bytes = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.length, 0));
      let offset = 0;
      for (const chunk of chunks) {
        bytes.set(chunk, offset);
        offset += chunk.length;
      }
      files.set(location, bytes);
    }
    return files;
  }

  floats(values: readonly number[], dims: readonly number[] = [values.length]): string {
    return this.constant(new Tensor('float32', dims, Float32Array.from(values)));
  }

  ints(values: readonly number[], dims: readonly number[] = [values.length]): string {
    return this.constant(
      new Tensor('int64', dims, BigInt64Array.from(values.map((v) => BigInt(v)))),
    );
  }

  /** Adds a node; returns its output names (one fresh name per `outputs` count unless names are given). */
  node(
    op: string,
    inputs: readonly string[],
    options: {
      outputs?: number | readonly string[];
      attributes?: Record<string, AttributeValue>;
      domain?: string;
    } = {},
  ): string[] {
    const outputs =
      typeof options.outputs === 'object'
        ? [...options.outputs]
        : Array.from({ length: options.outputs ?? 1 }, () => this.#fresh(op.toLowerCase()));
    this.#nodes.push({
      op,
      inputs,
      outputs,
      attributes: options.attributes ?? {},
      name: this.#fresh(`${op}_node`),
      domain: options.domain ?? '',
    });
    return outputs;
  }

  /** Shorthand for single-output nodes. */
  op(
    op: string,
    inputs: readonly string[],
    attributes: Record<string, AttributeValue> = {},
    output?: string,
  ): string {
    return this.node(op, inputs, { attributes, ...(output ? { outputs: [output] } : {}) })[0]!;
  }

  metadata(key: string, value: string): this {
    this.#metadata.push([key, value]);
    return this;
  }

  build(): Uint8Array {
    const model = new ProtoWriter();
    model.int(1, 8); // ir_version
    model.string(2, 'weft-fixtures');
    model.string(3, '1');
    model.message(7, (graph) => this.#writeGraph(graph));
    model.message(8, (opset) => opset.string(1, '').int(2, this.opset));
    for (const [key, value] of this.#metadata)
      model.message(14, (entry) => entry.string(1, key).string(2, value));
    return model.finish();
  }

  #writeGraph(graph: ProtoWriter): void {
    for (const node of this.#nodes) graph.message(1, (writer) => writeNode(writer, node));
    graph.string(2, this.graphName);
    for (const { name, tensor, external } of this.#initializers)
      graph.message(5, (writer) => writeTensor(writer, tensor, name, external));
    for (const input of this.#inputs) graph.message(11, (writer) => writeValueInfo(writer, input));
    for (const output of this.#outputs)
      graph.message(12, (writer) => writeValueInfo(writer, output));
  }

  #fresh(prefix: string): string {
    return `${prefix}_${this.#counter++}`;
  }
}

function writeNode(writer: ProtoWriter, node: NodeSpec): void {
  for (const input of node.inputs) writer.string(1, input);
  for (const output of node.outputs) writer.string(2, output);
  writer.string(3, node.name);
  writer.string(4, node.op);
  for (const [name, value] of Object.entries(node.attributes))
    writer.message(5, (attribute) => writeAttribute(attribute, name, value));
  if (node.domain) writer.string(7, node.domain);
}

/** onnx.AttributeProto: FLOAT 1, INT 2, STRING 3, TENSOR 4, FLOATS 6, INTS 7. */
function writeAttribute(writer: ProtoWriter, name: string, value: AttributeValue): void {
  writer.string(1, name);
  if (value instanceof Tensor) {
    writer.message(5, (tensor) => writeTensor(tensor, value, ''));
    writer.int(20, 4);
  } else if (typeof value === 'number') {
    if (!Number.isInteger(value))
      throw new Error(`Attribute ${name}: use { float: ${value} } for floats`);
    writer.int(3, value);
    writer.int(20, 2);
  } else if (typeof value === 'string') {
    writer.string(4, value);
    writer.int(20, 3);
  } else if ('float' in value) {
    writer.float(2, value.float);
    writer.int(20, 1);
  } else if ('ints' in value) {
    writer.packedInts(8, value.ints);
    writer.int(20, 7);
  } else {
    writer.packedFloats(7, value);
    writer.int(20, 6);
  }
}

interface ExternalPlacement {
  location: string;
  offset: number;
}

function writeTensor(
  writer: ProtoWriter,
  tensor: Tensor,
  name: string,
  external?: ExternalPlacement,
): void {
  writer.packedInts(1, tensor.dims);
  writer.int(2, ELEMENT_TYPES[tensor.dtype]);
  if (name) writer.string(8, name);
  if (external === undefined) {
    writer.bytes(9, tensor.bytes()); // raw_data, little-endian
    return;
  }
  // external_data (13): StringStringEntryProto key/value pairs; data_location (14) = EXTERNAL.
  const entries: [string, string][] = [
    ['location', external.location],
    ['offset', String(external.offset)],
    ['length', String(tensor.byteLength)],
  ];
  for (const [key, value] of entries)
    writer.message(13, (entry) => entry.string(1, key).string(2, value));
  writer.int(14, 1);
}

function writeValueInfo(writer: ProtoWriter, value: ValueSpec): void {
  writer.string(1, value.name);
  writer.message(2, (type) =>
    type.message(1, (tensorType) => {
      tensorType.int(1, ELEMENT_TYPES[value.dtype]);
      if (value.dims) {
        const dims = value.dims;
        tensorType.message(2, (shape) => {
          for (const dim of dims)
            shape.message(1, (d) => (typeof dim === 'number' ? d.int(1, dim) : d.string(2, dim)));
        });
      }
    }),
  );
}
