/**
 * A model as nodes use it: a pooled session plus `run(feeds)` that adapts
 * the feeds to each session's declared inputs (adaptFeeds.ts) and returns
 * engine tensors (sharing ORT's output memory).
 *
 * Contracts:
 * - By default the model holds no session between runs: each run leases one
 *   from the pool, so the pool may release idle models under its budget, and
 *   a model file replaced on disk is picked up by the next run. A handle is
 *   cheap to keep in a node output or the cache.
 * - Loaded with `{ hold: true }`, the model keeps the lease it was loaded
 *   with until release(): every run uses that one session, skipping the
 *   pool's file check (a realpath and a stat, ~50 µs, which a 20-step
 *   sampler would pay 20 times; bench/pipeline). ctx.models holds a node's
 *   models this way for as long as the node runs, so a node sees one
 *   version of each model file, the one its cache entry records ([C8]).
 * - Cancellation is checked before a run starts and again when it ends (a
 *   result that arrives after the abort is dropped). A run itself cannot be
 *   interrupted: onnxruntime-node 1.30 has no RunOptions.terminate (the
 *   option is documented for the WebAssembly backend only; the Node binding
 *   reads only logSeverityLevel and tag, and a run with terminate: true just
 *   runs). Its run() also executes synchronously on the JS thread inside a
 *   setImmediate, blocking the event loop for the whole run; nothing here
 *   relies on same-thread timing, and the desktop app hosts the engine in a
 *   utility process for that reason.
 * - freeDimensionOverrides are enforced here (the binding ignores them).
 */
import { basename, dirname } from 'node:path';
import type * as ort from 'onnxruntime-node';
import { float16ToFloat32 } from '../../common/float16.ts';
import { Tensor } from '../../common/tensor.ts';
import type { Feeds, TensorSpec } from './feedErrors.ts';
import type { FeedAdapter } from './feedPlans.ts';
import { createFeedAdapter } from './feedPlans.ts';
import { ModelInputError } from './feedErrors.ts';
import type { ModelInfo } from './inspect.ts';
import type { ProviderName } from './providers.ts';
import type { SessionLease, SessionOptions, SessionPool } from './sessionPool.ts';
import { fromOrtTensor, toOrtTensor } from './tensors.ts';

export interface ModelRunOptions {
  readonly signal?: AbortSignal;
  /** 'float32': float16 outputs come back as float32 (default 'native': as the model returns them). */
  readonly outputs?: 'native' | 'float32';
  /** Only these outputs (default all): spares copying out hidden states nobody reads. */
  readonly fetch?: readonly string[];
}

interface Declared {
  readonly inputs: readonly TensorSpec[];
  readonly outputs: readonly TensorSpec[];
  /** Every output's name, the default fetch list (ORT only reads it). */
  readonly outputNames: readonly string[];
}

/** Specs per session: a replaced model file brings a new session with its own. */
const declaredBySession = new WeakMap<ort.InferenceSession, Declared>();

export class OnnxModel {
  readonly path: string;
  /** How messages name the model: its folder and file ("unet/model.onnx"). */
  readonly name: string;
  readonly options: SessionOptions;
  #last: { declared: Declared; provider: ProviderName; info: ModelInfo };
  /** The lease kept by load({ hold: true }) until release(). */
  #held: SessionLease | undefined;
  /** The file as the first lease saw it (real path, size, mtime). */
  readonly file: SessionLease['file'];
  /** adaptFeeds with its decisions remembered, per session's declaration (feedPlans.ts). */
  readonly #adapters = new WeakMap<Declared, FeedAdapter>();

  private constructor(
    private readonly pool: SessionPool,
    path: string,
    options: SessionOptions,
    lease: SessionLease,
  ) {
    this.path = path;
    this.name = displayName(path);
    this.options = options;
    this.file = lease.file;
    this.#last = { declared: declared(lease), provider: lease.provider, info: lease.info };
  }

  /**
   * Creates (or reuses) the session now, so a model that cannot load fails
   * here. With `hold`, the session stays leased to this model until release().
   */
  static async load(
    pool: SessionPool,
    path: string,
    options: SessionOptions = {},
    { hold = false }: { hold?: boolean } = {},
  ): Promise<OnnxModel> {
    const lease = await pool.acquire(path, options);
    try {
      const model = new OnnxModel(pool, path, options, lease);
      if (hold) model.#held = lease;
      return model;
    } finally {
      if (!hold) lease.release();
    }
  }

  /** Ends the lease a held model keeps (idempotent); later runs lease one each. */
  release(): void {
    const held = this.#held;
    this.#held = undefined;
    held?.release();
  }

  /** As of the latest session: the inputs the model declares. */
  get inputs(): readonly TensorSpec[] {
    return this.#last.declared.inputs;
  }

  get outputs(): readonly TensorSpec[] {
    return this.#last.declared.outputs;
  }

  /** The provider the latest session runs on (after any fallback). */
  get provider(): ProviderName {
    return this.#last.provider;
  }

  get info(): ModelInfo {
    return this.#last.info;
  }

  async run(feeds: Feeds, options: ModelRunOptions = {}): Promise<Record<string, Tensor>> {
    const { signal } = options;
    signal?.throwIfAborted();
    const held = this.#held;
    const lease = held ?? (await this.pool.acquire(this.path, this.options));
    try {
      const spec = declared(lease);
      if (!held) this.#last = { declared: spec, provider: lease.provider, info: lease.info };
      let adapt = this.#adapters.get(spec);
      if (!adapt) {
        const pinned = lease.options.freeDimensionOverrides ?? {};
        adapt = createFeedAdapter(this.name, spec.inputs, pinned);
        this.#adapters.set(spec, adapt);
      }
      const adapted = adapt(feeds);
      const fetch = this.#fetchNames(spec, options.fetch);
      const ortFeeds: Record<string, ort.Tensor> = {};
      for (const [name, tensor] of Object.entries(adapted)) ortFeeds[name] = toOrtTensor(tensor);
      signal?.throwIfAborted();
      const results = await lease.session.run(ortFeeds, fetch as string[]);
      signal?.throwIfAborted();
      const outputs: Record<string, Tensor> = {};
      for (const name of fetch) {
        const tensor = fromOrtTensor(results[name] as ort.Tensor, name);
        outputs[name] =
          options.outputs === 'float32' && tensor.dtype === 'float16'
            ? new Tensor('float32', tensor.dims, float16ToFloat32(tensor.data as Uint16Array))
            : tensor;
      }
      return outputs;
    } finally {
      if (!held) lease.release();
    }
  }

  #fetchNames(spec: Declared, wanted: readonly string[] | undefined): readonly string[] {
    const names = spec.outputNames;
    if (wanted === undefined) return names;
    const unknown = wanted.filter((name) => !names.includes(name));
    if (unknown.length > 0) {
      throw new ModelInputError(
        'MODEL_OUTPUT_UNKNOWN',
        this.name,
        undefined,
        `The model "${this.name}" has no output ${unknown.map((name) => `"${name}"`).join(', ')}. Its outputs are: ${names.join(', ')}.`,
      );
    }
    return [...wanted];
  }
}

/** Names, types and shapes from the session; "no shape declared" from the file (ORT shows both as []). */
function declared(lease: SessionLease): Declared {
  const cached = declaredBySession.get(lease.session);
  if (cached) return cached;
  const toSpecs = (
    metadata: readonly ort.InferenceSession.ValueMetadata[],
    fromFile: ModelInfo['inputs'],
  ): TensorSpec[] =>
    metadata.map((value) => {
      const inFile = fromFile.find((entry) => entry.name === value.name);
      if (!value.isTensor)
        return { name: value.name, dtype: inFile?.kind ?? 'non-tensor', shape: null };
      const unknownShape =
        value.shape.length === 0 && inFile !== undefined && inFile.shape === null;
      return { name: value.name, dtype: value.type, shape: unknownShape ? null : [...value.shape] };
    });
  const outputs = toSpecs(lease.session.outputMetadata, lease.info.outputs);
  const result = {
    inputs: toSpecs(lease.session.inputMetadata, lease.info.inputs),
    outputs,
    outputNames: outputs.map((output) => output.name),
  };
  declaredBySession.set(lease.session, result);
  return result;
}

function displayName(path: string): string {
  const folder = basename(dirname(path));
  return folder && folder !== '.' && folder !== '/'
    ? `${folder}/${basename(path)}`
    : basename(path);
}
