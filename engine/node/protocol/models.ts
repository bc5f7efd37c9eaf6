/**
 * models.list and models.download: the library as the client sees it, and
 * downloads that run in the background, reporting progress as pushes
 * (download-progress), then rescan the library (models-changed).
 */
import { randomUUID } from 'node:crypto';
import type {
  OperationParams,
  OperationResults,
  PushMessage,
} from '../../common/protocol/messages.ts';
import { toModelSummary } from '../models/summary.ts';
import { isModelKind } from '../models/kinds.ts';
import type { ModelLibrary } from '../models/library.ts';
import { ProtocolFailure } from './failure.ts';

export function listModels(library: ModelLibrary): OperationResults['models.list'] {
  const models = library
    .list()
    .filter((entry) => !entry.shadowed)
    .map((entry) => {
      const { path, ...summary } = toModelSummary(entry);
      return {
        ...summary,
        location: path,
        sizeBytes: entry.size,
        ...(entry.sha256 !== undefined ? { sha256: entry.sha256 } : {}),
      };
    });
  return {
    models,
    root: library.sources.find((source) => source.type === 'library')?.root ?? '',
    searchPaths: library.sources
      .filter((source) => source.type === 'search-path')
      .map((source) => source.root),
  };
}

export interface DownloadsOptions {
  /** The library folder downloads go to (`<folder>/<kind>/<name>`). */
  folder: () => Promise<string>;
  push: (message: PushMessage) => void;
  /** After a download lands: rescan the library; returns the model's name in it. */
  onDownloaded: (path: string) => Promise<string | undefined>;
}

export class Downloads {
  readonly #controllers = new Map<string, AbortController>();
  readonly #running = new Set<Promise<void>>();

  constructor(private readonly options: DownloadsOptions) {}

  start(params: OperationParams<'models.download'>): OperationResults['models.download'] {
    const { kind } = params;
    if (!isModelKind(kind))
      throw new ProtocolFailure(
        'BAD_REQUEST',
        `"${kind}" is not a kind of model; use diffusion, controlnet, vocoder, interpolation, depth or onnx.`,
        { field: 'kind' },
      );
    const downloadId = randomUUID().slice(0, 8);
    const controller = new AbortController();
    this.#controllers.set(downloadId, controller);
    const running = this.#run(downloadId, params, controller.signal).finally(() => {
      this.#controllers.delete(downloadId);
      this.#running.delete(running);
    });
    this.#running.add(running);
    return { downloadId };
  }

  /** Stops every download (a .part stays behind and resumes next time) and waits for them. */
  async close(): Promise<void> {
    for (const controller of this.#controllers.values()) controller.abort();
    await Promise.all([...this.#running]);
  }

  async #run(
    downloadId: string,
    params: OperationParams<'models.download'>,
    signal: AbortSignal,
  ): Promise<void> {
    const { push } = this.options;
    let receivedBytes = 0;
    let totalBytes: number | undefined;
    try {
      const { downloadModel } = await import('../models/download.ts');
      const kind = params.kind;
      if (!isModelKind(kind)) return; // checked in start()
      const result = await downloadModel({
        url: params.url,
        folder: await this.options.folder(),
        kind,
        ...(params.name !== undefined ? { name: params.name } : {}),
        ...(params.sha256 !== undefined ? { sha256: params.sha256 } : {}),
        signal,
        onProgress: (progress) => {
          receivedBytes = progress.bytes;
          totalBytes = progress.total;
          push({
            push: 'download-progress',
            downloadId,
            receivedBytes,
            ...(totalBytes !== undefined ? { totalBytes } : {}),
            state: 'running',
          });
        },
      });
      const name = await this.options.onDownloaded(result.path);
      push({
        push: 'download-progress',
        downloadId,
        receivedBytes: result.size,
        totalBytes: result.size,
        state: 'done',
        ...(name !== undefined ? { name } : {}),
      });
      push({ push: 'models-changed' });
    } catch (error) {
      push({
        push: 'download-progress',
        downloadId,
        receivedBytes,
        ...(totalBytes !== undefined ? { totalBytes } : {}),
        state: 'failed',
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
}

/** The library entry a downloaded file belongs to (a file model, or a file inside a pipeline). */
export function entryNameFor(library: ModelLibrary, path: string): string | undefined {
  return library
    .list()
    .find(
      (entry) =>
        !entry.shadowed && (entry.path === path || entry.files.some((file) => file.path === path)),
    )?.name;
}
