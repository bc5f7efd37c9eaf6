import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ensureDefaultWorkspace,
  STARTER_GRAPH,
  defaultWorkspaceFolder,
} from './defaultWorkspace.ts';
import { graphFilesFromArgv, isGraphFile } from './fileArgs.ts';
import {
  copyIntoWorkspace,
  toWorkspacePath,
  withGraphExtension,
  writeTextAtomic,
} from './fileOps.ts';

const EXAMPLES = new URL('../../graphs', import.meta.url).pathname;
let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'weft-fileops-'));
});
afterEach(() => rm(folder, { recursive: true, force: true }));

describe('graph files from the OS', () => {
  it('takes .weft.json arguments, resolved from the working folder, and skips flags and the app', () => {
    expect(
      graphFilesFromArgv(
        [
          'dist/electron/main.cjs',
          '--enable-logging',
          'poster.weft.json',
          '/abs/B.WEFT.JSON',
          'notes.txt',
        ],
        '/home/me',
      ),
    ).toEqual(['/home/me/poster.weft.json', '/abs/B.WEFT.JSON']);
    expect(isGraphFile('a.json')).toBe(false);
  });
});

describe('files main writes', () => {
  it('gives saved graphs the .weft.json extension', () => {
    expect(withGraphExtension('/g/poster')).toBe('/g/poster.weft.json');
    expect(withGraphExtension('/g/poster.json')).toBe('/g/poster.weft.json');
    expect(withGraphExtension('/g/poster.weft.json')).toBe('/g/poster.weft.json');
  });

  it('writes atomically, leaving no temporary file', async () => {
    const file = join(folder, 'a.weft.json');
    await writeTextAtomic(file, '{"a":1}');
    await writeTextAtomic(file, '{"a":2}');
    expect(await readFile(file, 'utf8')).toBe('{"a":2}');
    expect(await readdir(folder)).toEqual(['a.weft.json']);
  });

  it('copies an imported file into inputs/ without overwriting', async () => {
    const workspace = join(folder, 'ws');
    const source = join(folder, 'photo.png');
    await writeFile(source, 'one');
    expect(await copyIntoWorkspace(source, workspace)).toBe('inputs/photo.png');
    await writeFile(source, 'two');
    expect(await copyIntoWorkspace(source, workspace)).toBe('inputs/photo-2.png');
    expect(await readFile(join(workspace, 'inputs', 'photo.png'), 'utf8')).toBe('one');
  });

  it('knows workspace paths from outside ones', () => {
    expect(toWorkspacePath('/w', '/w/graphs/a.weft.json')).toBe('graphs/a.weft.json');
    expect(toWorkspacePath('/w', '/w2/a.weft.json')).toBeUndefined();
    expect(toWorkspacePath('/w', '/a.weft.json')).toBeUndefined();
  });
});

describe('the default workspace', () => {
  it('lives under WEFT_WORKSPACE, else WEFT_HOME, else ~/Weft', () => {
    expect(defaultWorkspaceFolder({ WEFT_WORKSPACE: '/x', WEFT_HOME: '/h' })).toBe('/x');
    expect(defaultWorkspaceFolder({ WEFT_HOME: '/h' })).toBe('/h/workspace');
    expect(defaultWorkspaceFolder({})).toMatch(/[\\/]Weft$/);
  });

  it('gets the starter graph once, when it is new', async () => {
    const workspace = join(folder, 'Weft');
    expect(await ensureDefaultWorkspace(workspace, EXAMPLES)).toEqual({
      workspace,
      graph: STARTER_GRAPH,
    });
    expect(await readFile(join(workspace, STARTER_GRAPH), 'utf8')).toBe(
      await readFile(join(EXAMPLES, STARTER_GRAPH), 'utf8'),
    );
    await rm(join(workspace, STARTER_GRAPH));
    expect(await ensureDefaultWorkspace(workspace, EXAMPLES)).toEqual({
      workspace,
      graph: undefined,
    });
    expect(await readdir(workspace)).toEqual([]);
  });

  it('leaves an existing folder alone', async () => {
    const workspace = join(folder, 'mine');
    await mkdir(workspace);
    await writeFile(join(workspace, 'a.weft.json'), '{}');
    expect((await ensureDefaultWorkspace(workspace, EXAMPLES)).graph).toBeUndefined();
    expect(await readdir(workspace)).toEqual(['a.weft.json']);
  });
});
