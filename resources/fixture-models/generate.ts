/**
 * Every fixture model, and the entry `npm run fixtures` runs. Each writer puts
 * its files under `<root>/<kind>/<name>/`, root being the models folder
 * (resources/fixtures/models, or a temporary one while ensure.ts generates):
 * kinds are diffusion, controlnet, vocoder, interpolation and depth.
 * Writers must be deterministic: the same sources give the same bytes.
 */
import { pathToFileURL } from 'node:url';
import { ensureFixtures } from './ensure.ts';
import { writeToyControlnet } from './toyControlnet/write.ts';
import { writeToyDepth } from './toyDepth.ts';
import { writeToyRife } from './toyRife.ts';
import { writeToySd } from './toySd/write.ts';
import { writeToySdxl } from './toySdxl/write.ts';
import { writeToyVocoder } from './toyVocoder.ts';

export const FIXTURE_WRITERS: readonly ((root: string) => Promise<void>)[] = [
  writeToySd,
  writeToySdxl,
  writeToyControlnet,
  writeToyVocoder,
  writeToyRife,
  writeToyDepth,
];

export async function writeFixtures(root: string): Promise<void> {
  for (const write of FIXTURE_WRITERS) await write(root);
}

// `node bin/run-ts.js resources/fixture-models/generate.ts`: regenerate even when fresh.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await ensureFixtures({ force: true, write: writeFixtures, log: (line) => console.log(line) });
}
