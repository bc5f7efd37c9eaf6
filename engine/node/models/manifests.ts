/**
 * The manifest cache of one library root: `<root>/.weft-manifests.json`,
 * one record per model keyed by its path relative to the root (so the folder
 * can move or be shared). A record is reused while every file's size and
 * mtime are unchanged: a 3 GB UNet is hashed once, not on every scan.
 *
 * One file per root, not one per model, so a model folder stays exactly as
 * it was downloaded. When the root is read-only (a shared search path, the
 * app's bundled resources) the cache goes to `<cacheDir>/model-manifests/`
 * instead. The file is only a cache: unreadable or of another version, it is
 * ignored and rebuilt.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../cache/atomicFile.ts';
import { MODEL_FAMILIES, MODEL_KINDS } from './kinds.ts';

export const MANIFESTS_FILE = '.weft-manifests.json';
const FORMAT = 'weft/model-manifests';
const VERSION = 1;

const tensorSchema = z.object({
  name: z.string(),
  dtype: z.string(),
  shape: z.array(z.union([z.number(), z.string()])).nullable(),
});
const modelInfoSchema = z.object({
  inputs: z.array(tensorSchema),
  outputs: z.array(tensorSchema),
  metadata: z.record(z.string(), z.string()),
  opset: z.number().optional(),
  irVersion: z.number().optional(),
  producer: z.string().optional(),
  externalData: z.array(z.string()).optional(),
});
const detailSchema = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
  z.array(z.string()),
  z.array(z.number()),
]);

export const manifestSchema = z.object({
  name: z.string(),
  kind: z.enum(MODEL_KINDS),
  family: z.enum(MODEL_FAMILIES),
  variant: z.string().optional(),
  size: z.number(),
  sha256: z.string().optional(),
  files: z.array(
    z.object({
      path: z.string(),
      size: z.number(),
      mtimeMs: z.number(),
      sha256: z.string().optional(),
    }),
  ),
  io: z.record(z.string(), modelInfoSchema),
  details: z.record(z.string(), detailSchema),
  problems: z.array(z.string()),
  notes: z.array(z.string()),
  /** The recogniser's version: a newer Weft re-recognises (without re-hashing). */
  recogniser: z.number(),
});
export type Manifest = z.infer<typeof manifestSchema>;

const fileSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(VERSION),
  models: z.record(z.string(), z.unknown()),
});

export class ManifestStore {
  readonly #models = new Map<string, Manifest>();
  #dirty = false;

  private constructor(
    readonly root: string,
    readonly fallbackFile: string | undefined,
  ) {}

  static async load(root: string, cacheDir: string | undefined): Promise<ManifestStore> {
    const fallback = cacheDir ? fallbackFileFor(cacheDir, root) : undefined;
    const store = new ManifestStore(root, fallback);
    const text =
      (await readFile(join(root, MANIFESTS_FILE), 'utf8').catch(() => undefined)) ??
      (fallback ? await readFile(fallback, 'utf8').catch(() => undefined) : undefined);
    if (text !== undefined) store.#read(text);
    return store;
  }

  get(key: string): Manifest | undefined {
    return this.#models.get(key);
  }

  set(key: string, manifest: Manifest): void {
    this.#models.set(key, manifest);
    this.#dirty = true;
  }

  /** Forgets models no longer on disk. */
  keepOnly(keys: ReadonlySet<string>): void {
    for (const key of [...this.#models.keys()])
      if (!keys.has(key)) {
        this.#models.delete(key);
        this.#dirty = true;
      }
  }

  /** Writes when something changed; returns a warning when neither place could be written. */
  async save(): Promise<string | undefined> {
    if (!this.#dirty) return undefined;
    const models = Object.fromEntries(
      [...this.#models].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    );
    const bytes = new TextEncoder().encode(
      JSON.stringify({ format: FORMAT, version: VERSION, models }, null, 2) + '\n',
    );
    try {
      await writeFileAtomic(join(this.root, MANIFESTS_FILE), bytes, { sync: false });
      this.#dirty = false;
      return undefined;
    } catch (error) {
      if (this.fallbackFile) {
        try {
          await mkdir(join(this.fallbackFile, '..'), { recursive: true });
          await writeFileAtomic(this.fallbackFile, bytes, { sync: false });
          this.#dirty = false;
          return undefined;
        } catch {
          // Reported below with the first error, which names the library folder.
        }
      }
      return `Could not save the model manifests of ${this.root} (${(error as Error).message}); its models will be hashed again next time.`;
    }
  }

  #read(text: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return;
    }
    const file = fileSchema.safeParse(parsed);
    if (!file.success) return;
    for (const [key, value] of Object.entries(file.data.models)) {
      const manifest = manifestSchema.safeParse(value);
      if (manifest.success) this.#models.set(key, manifest.data);
    }
  }
}

function fallbackFileFor(cacheDir: string, root: string): string {
  const id = createHash('sha256').update(root).digest('hex').slice(0, 16);
  return join(cacheDir, 'model-manifests', `${id}.json`);
}
