/**
 * Worker body of the overhead bench: times one subject on the chain and
 * posts a ChainResult. Every run is checked to have computed the chain (the
 * result must equal its length), so a subject that skips work cannot win.
 * Each subject imports only its own engine, so neither pays for loading or
 * JIT-compiling the other's code.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ChainJob, ChainResult } from './chainJob.ts';
import { timeRepeated } from './stats.ts';

/** Large enough that the memory tier never evicts on a 1,000-node chain. */
const MEMORY_BUDGET = 64 * 1024 * 1024;

async function measure(job: ChainJob): Promise<ChainResult> {
  let value = Number.NaN;
  const check = (computed: number): void => {
    if (computed !== job.length)
      throw new Error(`${job.subject} computed ${computed}, expected ${job.length}`);
    value = computed;
  };

  if (job.subject === 'weft-no-cache' || job.subject === 'weft-memory-cold') {
    const { buildWeftChain, createWeftChainRunner } = await import('./weftChain.ts');
    const runner = await createWeftChainRunner(buildWeftChain(job.length));
    const { createCache } = await import('../engine/node/cache/tieredCache.ts');
    const timesMs =
      job.subject === 'weft-no-cache'
        ? await timeRepeated(
            async () => undefined,
            async () => check((await runner.run(undefined)).value),
            job.repeats,
          )
        : await timeRepeated(
            // A fresh, empty cache before every run: each node misses, then stores.
            async () => createCache({ memoryBudgetBytes: MEMORY_BUDGET }),
            async (cache) => check((await runner.run(cache)).value),
            job.repeats,
          );
    await runner.close();
    return { subject: job.subject, timesMs, value };
  }

  const { buildRivetChain, createRivetRegistry, runRivetChain } = await import('./rivetChain.ts');
  const registry = createRivetRegistry();
  const project = buildRivetChain(
    job.length,
    job.subject === 'rivet-custom-node' ? 'custom-node' : 'code-node',
  );
  const timesMs = await timeRepeated(
    async () => undefined,
    async () => check(await runRivetChain(project, registry)),
    job.repeats,
  );
  return { subject: job.subject, timesMs, value };
}

if (parentPort) parentPort.postMessage(await measure(workerData as ChainJob));
