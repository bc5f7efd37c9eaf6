import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STAMP_FILE, ensureFixtures, generatorHash } from './ensure.ts';
import { writeFixtures } from './generate.ts';

let folder: string;
let root: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'weft-fixtures-'));
  root = join(folder, 'models');
});
afterEach(() => rm(folder, { recursive: true, force: true }));

/** The real generator, counting its runs; logs are kept, not printed. */
function counting(write: (root: string) => Promise<void> = writeFixtures) {
  const runs: string[] = [];
  const lines: string[] = [];
  return {
    runs,
    lines,
    options: {
      root,
      write: async (target: string) => {
        runs.push(target);
        await write(target);
      },
      log: (line: string) => lines.push(line),
    },
  };
}

/** sha256 of every file under root (path and bytes), stamp included. */
async function digest(): Promise<string> {
  const hash = createHash('sha256');
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  for (const file of files)
    hash.update(`${file.slice(root.length)}\0`).update(await readFile(file));
  return hash.digest('hex');
}

function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid;
}

describe('ensureFixtures', () => {
  it('generates a missing set into place, stamps it with the source hash, and says how long it took', async () => {
    const { runs, lines, options } = counting();
    expect(await ensureFixtures(options)).toBe(root);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatch(/models\.tmp-\d+-[0-9a-f]{8}$/);
    expect(lines).toEqual([
      expect.stringMatching(/^fixtures: generated \d+ files \(.+\) in [\d.]+ s → /),
    ]);
    const stamp = JSON.parse(await readFile(join(root, STAMP_FILE), 'utf8')) as {
      generator: string;
      files: Record<string, number>;
    };
    expect(stamp.generator).toBe(await generatorHash());
    expect(stamp.files['vocoder/toy-vocoder/model.onnx']).toBe(
      (await stat(join(root, 'vocoder/toy-vocoder/model.onnx'))).size,
    );
    // Only the set is left beside it: no temporary folder, no lock.
    expect(await readdir(folder)).toEqual(['models']);
  });

  it('is a no-op when the set is fresh: no generation, the same stamp and bytes', async () => {
    const { runs, options } = counting();
    await ensureFixtures(options);
    const before = await digest();
    const stampTime = (await stat(join(root, STAMP_FILE))).mtimeMs;
    await ensureFixtures(options);
    expect(runs).toHaveLength(1);
    expect(await digest()).toBe(before);
    expect((await stat(join(root, STAMP_FILE))).mtimeMs).toBe(stampTime);
  });

  it('regenerates when the stamp is deleted, and the bytes come out identical (deterministic)', async () => {
    const { runs, options } = counting();
    await ensureFixtures(options);
    const first = await digest();
    await rm(join(root, STAMP_FILE));
    await ensureFixtures(options);
    expect(runs).toHaveLength(2);
    expect(await digest()).toBe(first);
  });

  it('regenerates when a fixture file is missing or the sources changed', async () => {
    const { runs, options } = counting();
    await ensureFixtures(options);
    await rm(join(root, 'depth/toy-depth/model.onnx'));
    await ensureFixtures(options);
    expect(runs).toHaveLength(2);
    expect((await stat(join(root, 'depth/toy-depth/model.onnx'))).size).toBeGreaterThan(0);

    const stampPath = join(root, STAMP_FILE);
    const stamp = JSON.parse(await readFile(stampPath, 'utf8')) as { generator: string };
    await writeFile(stampPath, JSON.stringify({ ...stamp, generator: 'an older generator' }));
    await ensureFixtures(options);
    expect(runs).toHaveLength(3);
  });

  it('regenerates a fresh set when forced', async () => {
    const { runs, options } = counting();
    await ensureFixtures(options);
    await ensureFixtures({ ...options, force: true });
    expect(runs).toHaveLength(2);
  });

  it('generates once when several callers race on an empty folder', async () => {
    const { runs, options } = counting(async (target) => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await writeFixtures(target);
    });
    const results = await Promise.all([1, 2, 3, 4].map(() => ensureFixtures(options)));
    expect(results).toEqual([root, root, root, root]);
    expect(runs).toHaveLength(1);
    expect(await readdir(folder)).toEqual(['models']);
  });

  it('breaks a lock left by a killed process and removes its half-written folder', async () => {
    const pid = deadPid();
    await mkdir(`${root}.lock`);
    await writeFile(join(`${root}.lock`, 'owner.json'), JSON.stringify({ pid, since: Date.now() }));
    await mkdir(join(`${root}.tmp-${pid}-deadbeef`, 'vocoder'), { recursive: true });
    const { runs, options } = counting();
    await ensureFixtures(options);
    expect(runs).toHaveLength(1);
    expect(await readdir(folder)).toEqual(['models']);
  });

  it('keeps the previous set when generation fails midway, and leaves no temporary folder', async () => {
    await ensureFixtures(counting().options);
    const model = await readFile(join(root, 'vocoder/toy-vocoder/model.onnx'));
    await rm(join(root, STAMP_FILE));
    const failing = counting(async (target) => {
      await writeFile(join(target, 'half.onnx'), 'partial');
      throw new Error('generator crashed');
    });
    await expect(ensureFixtures(failing.options)).rejects.toThrow('generator crashed');
    expect(await readdir(folder)).toEqual(['models']);
    expect(await readFile(join(root, 'vocoder/toy-vocoder/model.onnx'))).toEqual(model);
    await expect(stat(join(root, 'half.onnx'))).rejects.toThrow(/ENOENT/);
  });

  it('lets separate processes share one folder: one generates, the others find it fresh', async () => {
    const ensure = new URL('./ensure.ts', import.meta.url).href;
    const script = `import { ensureFixtures } from ${JSON.stringify(ensure)};
      await ensureFixtures({ root: ${JSON.stringify(root)}, log: (line) => console.log(line) });`;
    const processes = [1, 2, 3].map(
      () =>
        new Promise<string>((resolve, reject) => {
          const child = spawn(
            process.execPath,
            ['--import', 'tsx', '--input-type=module', '-e', script],
            { stdio: ['ignore', 'pipe', 'inherit'] },
          );
          let output = '';
          child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
          child.on('error', reject);
          child.on('exit', (code) =>
            code === 0 ? resolve(output) : reject(new Error(`exit ${code}`)),
          );
        }),
    );
    const outputs = await Promise.all(processes);
    expect(outputs.filter((output) => output.startsWith('fixtures: generated'))).toHaveLength(1);
    expect(await readdir(folder)).toEqual(['models']);
    expect(JSON.parse(await readFile(join(root, STAMP_FILE), 'utf8'))).toMatchObject({
      generator: await generatorHash(),
    });
  });
});
