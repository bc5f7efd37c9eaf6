import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { weftPaths } from '../paths.ts';
import { readModelConfig } from './config.ts';

let data: string;
beforeEach(async () => {
  data = await mkdtemp(join(tmpdir(), 'weft-config-'));
});
afterEach(async () => {
  await rm(data, { recursive: true, force: true });
});

const paths = () => weftPaths({ WEFT_HOME: data });

describe('readModelConfig', () => {
  it('without config.json: the library folder under the data folder, no search paths', async () => {
    expect(await readModelConfig(paths())).toEqual({ root: join(data, 'models'), searchPaths: [] });
  });

  it('places relative paths in the data folder and ~ in the home folder; keeps other keys alone', async () => {
    await writeFile(
      join(data, 'config.json'),
      JSON.stringify({
        theme: 'dark',
        models: { root: 'my-models', searchPaths: ['~/shared', '/abs/olute'], future: 1 },
      }),
    );
    expect(await readModelConfig(paths())).toEqual({
      root: join(data, 'my-models'),
      searchPaths: [join(homedir(), 'shared'), '/abs/olute'],
    });
  });

  it('says what is wrong with a broken file', async () => {
    await writeFile(join(data, 'config.json'), '{ "models": ');
    await expect(readModelConfig(paths())).rejects.toThrow(
      `${join(data, 'config.json')} is not valid JSON`,
    );
    await writeFile(join(data, 'config.json'), JSON.stringify({ models: { root: 3 } }));
    await expect(readModelConfig(paths())).rejects.toThrow(
      `${join(data, 'config.json')}: models.root: `,
    );
  });
});
