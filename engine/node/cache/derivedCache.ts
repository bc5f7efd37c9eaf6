/**
 * Values derived from model files (a parsed CLIP tokenizer, the text of a
 * small config), kept by the engine across nodes and runs while the files
 * are unchanged. Without it every Text encode node of every run re-reads and
 * re-parses its pipeline's tokenizer: a real CLIP vocabulary and merge list
 * are 1.6 MB of JSON and text.
 *
 * Each entry has a name (what it is and which files, chosen by the caller)
 * and the identity of its files (sizes and mtimes, also the caller's). A
 * lookup under a new identity rebuilds and replaces the entry, so an edited
 * or re-downloaded file is never served stale and its old value is dropped at
 * once. Concurrent lookups share one build; a build that fails is forgotten,
 * so the next lookup tries again. The least recently used entries go beyond
 * `limit`. Values live in memory only and never reach the node cache.
 */
export class DerivedCache {
  readonly limit: number;
  /** Least recently used first: a hit moves its entry to the end. */
  readonly #entries = new Map<string, { identity: string; value: Promise<unknown> }>();

  constructor(limit = 32) {
    this.limit = limit;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The value kept for `name` at `identity`, else the one `build` makes (then kept). */
  get<T>(name: string, identity: string, build: () => Promise<T>): Promise<T> {
    const found = this.#entries.get(name);
    if (found) this.#entries.delete(name);
    if (found?.identity === identity) {
      this.#entries.set(name, found);
      return found.value as Promise<T>;
    }
    // Async, so a build that throws at once rejects like one that fails later.
    const value = (async () => build())();
    const entry = { identity, value };
    this.#entries.set(name, entry);
    value.catch(() => {
      if (this.#entries.get(name) === entry) this.#entries.delete(name);
    });
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= this.limit) break;
      this.#entries.delete(oldest);
    }
    return value;
  }
}
