import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOutputWriter } from './outputWriter.ts';

let root: string;
let outputDir: string;
let previewDir: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'weft-writer-'));
  outputDir = join(root, 'out', 'nested');
  previewDir = join(root, 'previews');
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const bytes = (text: string) => new TextEncoder().encode(text);

describe('createOutputWriter', () => {
  it('numbers every file and never overwrites, creating the folder as needed', async () => {
    const writer = createOutputWriter({ outputDir, previewDir });
    const first = await writer.write('image.png', bytes('one'));
    const second = await writer.write('image.png', bytes('two'));
    const other = await writer.write('other.png', bytes('three'));
    expect(first).toEqual({ path: join(outputDir, 'image_00001.png'), kind: 'output' });
    expect(basename(second.path)).toBe('image_00002.png');
    expect(basename(other.path)).toBe('other_00001.png');
    expect(await readFile(first.path, 'utf8')).toBe('one');
    expect(await readFile(second.path, 'utf8')).toBe('two');
    expect(writer.written()).toEqual([first, second, other]);
    expect((await readdir(outputDir)).sort()).toEqual([
      'image_00001.png',
      'image_00002.png',
      'other_00001.png',
    ]);
  });

  it('continues after the highest number already in the folder', async () => {
    const writer = createOutputWriter({ outputDir: root, previewDir });
    await writeFile(join(root, 'image_00001.png'), 'old');
    await writeFile(join(root, 'image_00007.png'), 'old');
    await writeFile(join(root, 'image_final.png'), 'unrelated');
    const file = await writer.write('image.png', bytes('new'));
    expect(basename(file.path)).toBe('image_00008.png');
    expect(await readFile(join(root, 'image_00007.png'), 'utf8')).toBe('old');
  });

  it('takes the next number when another process already used one', async () => {
    const writer = createOutputWriter({ outputDir: root, previewDir });
    await writer.write('image.png', bytes('mine'));
    // Another writer (a second process) takes 2 and 3 meanwhile.
    const elsewhere = createOutputWriter({ outputDir: root, previewDir });
    await elsewhere.write('image.png', bytes('theirs'));
    await elsewhere.write('image.png', bytes('theirs'));
    const next = await writer.write('image.png', bytes('mine again'));
    expect(basename(next.path)).toBe('image_00004.png');
    expect(await readFile(join(root, 'image_00003.png'), 'utf8')).toBe('theirs');
  });

  it('gives 20 parallel writes of one name 20 distinct files, from one or two writers', async () => {
    const a = createOutputWriter({ outputDir, previewDir });
    const b = createOutputWriter({ outputDir, previewDir });
    const written = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).write('batch.png', bytes(`image ${i}`))),
    );
    const paths = new Set(written.map((file) => file.path));
    expect(paths.size).toBe(20);
    const names = (await readdir(outputDir)).sort();
    expect(names).toEqual(
      Array.from({ length: 20 }, (_, i) => `batch_${String(i + 1).padStart(5, '0')}.png`),
    );
    const contents = await Promise.all(written.map((file) => readFile(file.path, 'utf8')));
    expect(contents).toEqual(Array.from({ length: 20 }, (_, i) => `image ${i}`));
  });

  it('sanitizes names so nothing is written outside the folder', async () => {
    const writer = createOutputWriter({ outputDir, previewDir });
    const file = await writer.write('../../etc/passwd', bytes('x'));
    expect(file.path).toBe(join(outputDir, 'etc_passwd_00001'));
    expect(dirname(file.path)).toBe(outputDir);
    const empty = await writer.write('', bytes('x'));
    expect(basename(empty.path)).toBe('output_00001');
  });

  it('writes previews to the preview folder and leaves no temp files behind', async () => {
    const writer = createOutputWriter({ outputDir, previewDir });
    const preview = await writer.write('preview.png', bytes('p'), 'preview');
    expect(preview).toEqual({ path: join(previewDir, 'preview_00001.png'), kind: 'preview' });
    await writer.write('image.png', bytes('o'));
    expect(await readdir(previewDir)).toEqual(['preview_00001.png']);
    expect(await readdir(outputDir)).toEqual(['image_00001.png']);
    expect(writer.written().map((file) => file.kind)).toEqual(['preview', 'output']);
  });
});
