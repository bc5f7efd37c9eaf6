/**
 * The machine a bench ran on, printed above its figures, and the load on it:
 * other work on a small machine moves the figures, so the output says how busy it was.
 */
import { cpus, loadavg, totalmem } from 'node:os';

export function describeMachine(): string {
  const processors = cpus();
  const model = processors[0]?.model.trim() ?? 'unknown CPU';
  const memory = (totalmem() / 1024 ** 3).toFixed(1);
  return `Node ${process.versions.node} (V8 ${process.versions.v8}), ${process.platform}-${process.arch}, ${processors.length} × ${model}, ${memory} GiB RAM`;
}

/** The 1-minute load average against the number of CPUs, e.g. "load 1.9 on 2 CPUs". */
export function describeLoad(): string {
  return `load ${loadavg()[0]!.toFixed(1)} on ${cpus().length} CPUs`;
}
