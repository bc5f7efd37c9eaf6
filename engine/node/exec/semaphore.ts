/** Limits how many node run functions execute at once ([X3]). */
export class Semaphore {
  #available: number;
  readonly #waiting: (() => void)[] = [];

  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new Error(`Concurrency must be a whole number ≥ 1, got ${limit}`);
    this.#available = limit;
  }

  async acquire(): Promise<() => void> {
    if (this.#available > 0) {
      this.#available--;
    } else {
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiting.shift();
      if (next) next();
      else this.#available++;
    };
  }
}
