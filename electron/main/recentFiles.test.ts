import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addRecent, describeRecent, MAX_RECENT_FILES, RecentFiles } from './recentFiles.ts';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'weft-recent-'));
});
afterEach(() => rm(folder, { recursive: true, force: true }));

describe('the recent files list', () => {
  it('puts the latest first, without duplicates, keeping at most ten', () => {
    let list: string[] = [];
    for (let index = 0; index < 12; index += 1)
      list = addRecent(list, `/g/${index}.weft.json`, 'linux');
    list = addRecent(list, '/g/5.weft.json', 'linux');
    expect(list).toHaveLength(MAX_RECENT_FILES);
    expect(list.slice(0, 3)).toEqual(['/g/5.weft.json', '/g/11.weft.json', '/g/10.weft.json']);
    expect(list.filter((path) => path === '/g/5.weft.json')).toHaveLength(1);
    expect(list).not.toContain('/g/0.weft.json');
  });

  it('compares paths as the OS does', () => {
    expect(addRecent(['/G/A.weft.json'], '/g/a.weft.json', 'linux')).toHaveLength(2);
    expect(addRecent(['C:\\G\\A.weft.json'], 'c:\\g\\a.weft.json', 'win32')).toHaveLength(1);
    expect(addRecent(['/G/A.weft.json'], '/g/a.weft.json', 'darwin')).toHaveLength(1);
  });

  it('persists, and drops files that disappeared when it loads', async () => {
    const file = join(folder, 'recent.json');
    const a = join(folder, 'a.weft.json');
    const b = join(folder, 'b.weft.json');
    await writeFile(a, '{}');
    await writeFile(b, '{}');
    const recent = new RecentFiles(file, 'linux');
    await recent.add(a);
    await recent.add(b);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ files: [b, a] });

    await rm(a);
    const reloaded = new RecentFiles(file, 'linux');
    expect(await reloaded.load()).toEqual([b]);
    expect(reloaded.has(b)).toBe(true);
    expect(reloaded.has(a)).toBe(false);
    await reloaded.clear();
    expect(await new RecentFiles(file, 'linux').load()).toEqual([]);
  });

  it('reads a damaged file as an empty list', async () => {
    const file = join(folder, 'recent.json');
    await writeFile(file, '{"files": [1, 2');
    expect(await new RecentFiles(file).load()).toEqual([]);
    await writeFile(file, '{"files": "not a list"}');
    expect(await new RecentFiles(file).load()).toEqual([]);
  });

  it('describes an entry for the editor', () => {
    expect(describeRecent('/home/me/graphs/poster.weft.json')).toEqual({
      path: '/home/me/graphs/poster.weft.json',
      name: 'poster.weft.json',
      folder: '/home/me/graphs',
    });
  });
});
