/**
 * A second process for diskCache.test.ts: `node bin/run-ts.js
 * sharedFolderWriter.ts DIR LABEL COUNT` writes entries into a cache folder
 * another process writes at the same time ("shared-<i>", the same in both,
 * and "<LABEL>-<i>", its own), reading entries back as it goes. Any warning
 * or wrong read goes to stderr and fails the process.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NodeOutputs } from '../../common/nodeApi.ts';
import { DiskCache } from './diskCache.ts';
import { bitsOf, keyFor, sampleOutputs } from './testSupport.ts';

/** What entry "<label>-<index>" holds: the same in every process. */
export function sharedEntryOutputs(label: string, index: number): NodeOutputs {
  return { ...sampleOutputs(index), label, index };
}

async function main(dir: string, label: string, count: number): Promise<void> {
  const cache = await DiskCache.open({
    dir,
    budgetBytes: 1 << 30,
    onWarning: (message) => fail(message),
  });
  for (let index = 0; index < count; index++) {
    await cache.set(keyFor(`shared-${index}`), sharedEntryOutputs('shared', index));
    await cache.set(keyFor(`${label}-${index}`), sharedEntryOutputs(label, index));
    const probe = (index * 7) % count;
    const read = await cache.get(keyFor(`shared-${probe}`));
    // A miss is fine (not written yet, by either process); a wrong value is not.
    if (
      read !== undefined &&
      JSON.stringify(bitsOf(read)) !== JSON.stringify(bitsOf(sharedEntryOutputs('shared', probe)))
    ) {
      fail(`shared-${probe} read back wrong`);
    }
  }
}

function fail(message: string): void {
  process.stderr.write(`${message}\n`);
  process.exitCode = 1;
}

const entry = process.argv[1];
if (entry !== undefined && resolve(entry) === fileURLToPath(import.meta.url)) {
  const [dir, label, count] = process.argv.slice(2);
  if (dir === undefined || label === undefined || count === undefined) {
    fail('usage: sharedFolderWriter.ts DIR LABEL COUNT');
  } else {
    await main(dir, label, Number(count));
  }
}
