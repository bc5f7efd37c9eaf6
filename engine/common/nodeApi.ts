/**
 * The contract between the engine and a node's run function. A node is its
 * definition (data) plus one async run; everything it needs from the outside
 * world arrives through `ctx`, so nodes never import sharp, onnxruntime-node
 * or node:fs, and tests build the same engine with the same adapters.
 * Types only (plus one helper): pure.
 */
import type { NodeDefinition, ParamValue } from './catalog.ts';
import type { GraphFile } from './graph/schema.ts';
import type { ModelAccess } from './models.ts';
import type { Tensor } from './tensor.ts';
import type { Value } from './values.ts';

export type NodeInputs = Readonly<Record<string, Value | undefined>>;
export type NodeParams = Readonly<Record<string, ParamValue>>;
export type NodeOutputs = Record<string, Value>;

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform whole number in [0, maxExclusive). */
  int(maxExclusive: number): number;
}

export interface DecodedImage {
  /** float32 [1, H, W, 3] in [0, 1]. */
  image: Tensor<'float32'>;
  /** float32 [1, H, W] alpha, or null when the file has none. */
  mask: Tensor<'float32'> | null;
}

export type ImageFormat = 'png' | 'jpeg' | 'webp';
export type ResizeKernel = 'nearest' | 'linear' | 'cubic' | 'lanczos3';

export interface EncodeOptions {
  /** 1–100 for JPEG and WebP. */
  quality?: number;
  /** PNG tEXt/iTXt chunks (the graph that made the image goes here). */
  text?: Readonly<Record<string, string>>;
  /** float32 [H, W] alpha to write as the image's alpha channel. */
  alpha?: Tensor<'float32'>;
}

/** Image codecs and pixel work that nodes should not do by hand (sharp behind it). */
export interface ImageCodec {
  decode(bytes: Uint8Array): Promise<DecodedImage>;
  /** Encodes image `index` of a batch [B, H, W, 3]. */
  encode(
    image: Tensor<'float32'>,
    index: number,
    format: ImageFormat,
    options?: EncodeOptions,
  ): Promise<Uint8Array>;
  /** Resizes every image of a batch [B, H, W, C] (C = 1 or 3) to width × height. */
  resize(
    image: Tensor<'float32'>,
    width: number,
    height: number,
    kernel?: ResizeKernel,
  ): Promise<Tensor<'float32'>>;
  /** Reads the text chunks of a PNG (empty for other formats). */
  readText(bytes: Uint8Array): Record<string, string>;
}

/** Read access to the folders the user chose for inputs; paths outside them are refused. */
export interface InputFiles {
  read(path: string): Promise<Uint8Array>;
}

export interface WrittenFile {
  path: string;
  kind: 'output' | 'preview';
}

/**
 * Writes inside the run's output folder only. Names are sanitized and never
 * overwrite: "image.png" becomes "image_00001.png", "image_00002.png", ….
 * Previews go to a scratch folder the UI may clean.
 */
export interface OutputWriter {
  write(fileName: string, bytes: Uint8Array, kind?: WrittenFile['kind']): Promise<WrittenFile>;
}

export interface NodeLogger {
  info(message: string): void;
  warn(message: string): void;
}

export interface NodeContext {
  readonly nodeId: string;
  readonly signal: AbortSignal;
  /** Reports progress; `preview` is a small float32 [1, h, w, 3] image. */
  progress(step: number, total: number, preview?: Tensor<'float32'>): void;
  /**
   * Whether a preview given to progress() now would reach anyone: false when
   * nobody watches the run or the node's last preview went out moments ago
   * (previews are throttled). Build a preview only when this says true.
   */
  wantsPreview(): boolean;
  readonly log: NodeLogger;
  /** A deterministic generator for this seed (same seed, same sequence, on every machine). */
  rng(seed: number): Rng;
  readonly images: ImageCodec;
  readonly files: InputFiles;
  readonly output: OutputWriter;
  /** The model library and pooled ONNX Runtime sessions. */
  readonly models: ModelAccess;
  /** The graph as run, for provenance embedded in saved outputs. */
  readonly graph: GraphFile;
}

/** One step of a node type's own migration: from version v to v + 1. */
export interface NodeMigration {
  /** The version this step upgrades from. */
  from: number;
  description: string;
  migrate(node: { params: Record<string, ParamValue>; inputs: Record<string, string> }): {
    params: Record<string, ParamValue>;
    inputs: Record<string, string>;
  };
}

export interface NodeImplementation {
  readonly definition: NodeDefinition;
  run(inputs: NodeInputs, params: NodeParams, ctx: NodeContext): Promise<NodeOutputs>;
  /** Ordered one-step migrations, the last one ending at definition.version. */
  readonly migrations?: readonly NodeMigration[];
}

/** Identity helper that keeps a node's definition and run together and typed. */
export function defineNode(node: NodeImplementation): NodeImplementation {
  return node;
}

/**
 * An error a node throws on purpose: its message is written for the artist
 * and shown as is, with the node's id and type added by the engine.
 */
export class NodeError extends Error {
  readonly code: string;
  readonly field: string | undefined;
  constructor(code: string, message: string, field?: string) {
    super(message);
    this.name = 'NodeError';
    this.code = code;
    this.field = field;
  }
}
