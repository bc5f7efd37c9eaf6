import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInputFiles } from './inputFiles.ts';
import { expectNodeError } from '../testing/nodeErrors.ts';

let base: string;
let graphDir: string;
let extraDir: string;
let secretDir: string;

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'weft-inputs-'));
  graphDir = join(base, 'graphs');
  extraDir = join(base, 'extra');
  secretDir = join(base, 'secret');
  for (const dir of [graphDir, join(graphDir, 'images'), extraDir, secretDir])
    await mkdir(dir, { recursive: true });
  await writeFile(join(graphDir, 'images', 'cat.png'), 'cat');
  await writeFile(join(graphDir, '..weird.txt'), 'weird');
  await writeFile(join(extraDir, 'dog.png'), 'dog');
  await writeFile(join(secretDir, 'key.txt'), 'secret');
});

afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('createInputFiles', () => {
  it('resolves relative paths against the first root and reads absolute paths in any root', async () => {
    const files = createInputFiles({ roots: [graphDir, extraDir] });
    expect(text(await files.read('images/cat.png'))).toBe('cat');
    expect(text(await files.read('./images/../images/cat.png'))).toBe('cat');
    expect(text(await files.read(join(extraDir, 'dog.png')))).toBe('dog');
    expect(text(await files.read('..weird.txt'))).toBe('weird');
  });

  it('refuses paths outside every root, naming the path, the roots and --input-dir', async () => {
    const files = createInputFiles({ roots: [graphDir, extraDir] });
    const error = await expectNodeError(files.read('../secret/key.txt'));
    expect(error.code).toBe('FILE_OUTSIDE_ROOTS');
    expect(error.message).toBe(
      `The file "../secret/key.txt" is outside the folders Weft may read (${graphDir}, ${extraDir}). Move it into one of them, or allow its folder with --input-dir.`,
    );
    expect((await expectNodeError(files.read(join(secretDir, 'key.txt')))).code).toBe(
      'FILE_OUTSIDE_ROOTS',
    );
    expect((await expectNodeError(files.read('/etc/passwd'))).code).toBe('FILE_OUTSIDE_ROOTS');
  });

  it('refuses a symlink inside a root that points outside it', async () => {
    await symlink(join(secretDir, 'key.txt'), join(graphDir, 'innocent.png'));
    await symlink(secretDir, join(graphDir, 'linked-folder'));
    const files = createInputFiles({ roots: [graphDir] });
    expect((await expectNodeError(files.read('innocent.png'))).code).toBe('FILE_OUTSIDE_ROOTS');
    expect((await expectNodeError(files.read('linked-folder/key.txt'))).message).toMatch(
      /^The file "linked-folder\/key.txt" is outside the folders Weft may read/,
    );
  });

  it('follows a symlink that stays inside the roots, and accepts a root reached through a symlink', async () => {
    await symlink(join(extraDir, 'dog.png'), join(graphDir, 'dog-link.png'));
    await symlink(graphDir, join(base, 'graphs-link'));
    const files = createInputFiles({ roots: [join(base, 'graphs-link'), extraDir] });
    expect(text(await files.read('dog-link.png'))).toBe('dog');
    expect(text(await files.read(join(graphDir, 'images', 'cat.png')))).toBe('cat');
  });

  it('says which path it tried when a file is missing', async () => {
    const files = createInputFiles({ roots: [graphDir] });
    const error = await expectNodeError(files.read('images/missing.png'));
    expect(error.code).toBe('FILE_NOT_FOUND');
    expect(error.message).toContain(
      `"images/missing.png" was not found (looked for ${join(graphDir, 'images', 'missing.png')})`,
    );
  });

  it('explains an empty path, a folder, and having no roots at all', async () => {
    const files = createInputFiles({ roots: [graphDir] });
    expect((await expectNodeError(files.read(''))).code).toBe('FILE_NOT_CHOSEN');
    expect((await expectNodeError(files.read('images'))).code).toBe('FILE_IS_FOLDER');
    const none = createInputFiles({ roots: [] });
    expect((await expectNodeError(none.read('cat.png'))).message).toContain('(none yet)');
  });
});
