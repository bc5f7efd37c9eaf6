/**
 * Runs a TypeScript module in a worker thread and resolves with the one
 * message it posts. The overhead bench runs every subject this way, each in
 * a fresh thread with the same stack size: Rivet's GraphProcessor recurses
 * once per node and overflows Node's default stack on a 1,000-node chain.
 */
import { Worker } from 'node:worker_threads';

export interface WorkerOptions {
  /** Thread stack size in MiB (Node's worker default is 4). */
  stackSizeMb: number;
}

export async function runInWorker<Result>(
  moduleUrl: URL,
  workerData: unknown,
  options: WorkerOptions,
): Promise<Result> {
  // Workers do not inherit the tsx loader, so the thread registers it first.
  const bootstrap = [
    `const { register } = await import('tsx/esm/api');`,
    `register();`,
    `await import(${JSON.stringify(moduleUrl.href)});`,
  ].join('\n');
  const worker = new Worker(bootstrap, {
    eval: true,
    workerData,
    resourceLimits: { stackSizeMb: options.stackSizeMb },
  });
  return new Promise<Result>((resolve, reject) => {
    let settled = false;
    worker.once('message', (message: Result) => {
      settled = true;
      resolve(message);
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled)
        reject(
          new Error(
            `The bench worker for ${moduleUrl.pathname} exited (code ${code}) without a result`,
          ),
        );
    });
  });
}
