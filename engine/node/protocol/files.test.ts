/**
 * files.* through the real handler: open, save, save-as, list, drop, and the
 * attacks a client could try to reach outside the workspace.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OperationResults, Response } from '../../common/protocol/messages.ts';
import type { TestHost } from '../testing/protocolHost.ts';
import { openTestHost, result } from '../testing/protocolHost.ts';

let host: TestHost;
let outside: string;
beforeEach(async () => {
  host = await openTestHost();
  outside = join(host.home, 'outside');
  await mkdir(outside);
  await writeFile(join(outside, 'secret.txt'), 'secret');
});
afterEach(async () => {
  await host.cleanup();
});

function code(response: Response): string {
  return response.ok ? 'ok' : response.error.code;
}

const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe('open, save, save-as, list', () => {
  it('lists folders first, hides dotfiles, and gives workspace paths', async () => {
    await writeFile(join(host.workspace, '.hidden'), 'x');
    const list = result<OperationResults['files.list']>(await host.call('files.list', {}));
    expect(list.dir).toBe('');
    expect(list.entries.map((entry) => `${entry.kind} ${entry.path}`)).toEqual([
      'dir assets',
      'file poster.weft.json',
    ]);
    const assets = result<OperationResults['files.list']>(
      await host.call('files.list', { dir: 'assets' }),
    );
    expect(assets.entries).toEqual([
      expect.objectContaining({
        name: 'weft-mark.png',
        path: 'assets/weft-mark.png',
        kind: 'file',
      }),
    ]);
    expect(assets.entries[0]!.size).toBeGreaterThan(100);
    expect(code(await host.call('files.list', { dir: 'nope' }))).toBe('NOT_FOUND');
  });

  it('reads, saves over, and refuses save-as onto an existing file (FILE_EXISTS)', async () => {
    const read = result<OperationResults['files.read']>(
      await host.call('files.read', { path: 'poster.weft.json' }),
    );
    expect(JSON.parse(read.text)).toMatchObject({ format: 'weft/graph' });

    const taken = await host.call('files.write', {
      path: 'poster.weft.json',
      text: '{}',
      overwrite: false,
    });
    expect(taken).toMatchObject({ ok: false, error: { code: 'FILE_EXISTS', field: 'path' } });
    expect(await readFile(join(host.workspace, 'poster.weft.json'), 'utf8')).toBe(read.text);

    result(
      await host.call('files.write', {
        path: 'poster.weft.json',
        text: '{"v":2}',
        overwrite: true,
      }),
    );
    expect(await readFile(join(host.workspace, 'poster.weft.json'), 'utf8')).toBe('{"v":2}');

    // Save-as into a new folder creates it; no temp file is left behind.
    const saved = result<OperationResults['files.write']>(
      await host.call('files.write', { path: 'mine/new.weft.json', text: '{}', overwrite: false }),
    );
    expect(saved.path).toBe('mine/new.weft.json');
    expect(await readdir(join(host.workspace, 'mine'))).toEqual(['new.weft.json']);
    expect(
      (await readdir(host.workspace, { recursive: true })).filter((name) =>
        /tmp|partial/.test(name),
      ),
    ).toEqual([]);
  });

  it('saves only graphs and text', async () => {
    const refused = await host.call('files.write', {
      path: 'run.sh',
      text: 'rm -rf ~',
      overwrite: true,
    });
    expect(code(refused)).toBe('BAD_REQUEST');
    expect(existsSync(join(host.workspace, 'run.sh'))).toBe(false);
  });
});

describe('upload', () => {
  it('keeps the name, numbers a taken one, never overwrites', async () => {
    const dataBase64 = png.toString('base64');
    const first = result<OperationResults['files.upload']>(
      await host.call('files.upload', { name: 'My Photo.PNG', dataBase64 }),
    );
    const second = result<OperationResults['files.upload']>(
      await host.call('files.upload', { name: 'My Photo.PNG', dataBase64 }),
    );
    const graph = result<OperationResults['files.upload']>(
      await host.call('files.upload', { name: 'a.weft.json', dataBase64: 'e30=', dir: 'graphs' }),
    );
    const graph2 = result<OperationResults['files.upload']>(
      await host.call('files.upload', { name: 'a.weft.json', dataBase64: 'e30=', dir: 'graphs' }),
    );
    expect([first.path, second.path, graph.path, graph2.path]).toEqual([
      'inputs/My_Photo.png',
      'inputs/My_Photo-2.png',
      'graphs/a.weft.json',
      'graphs/a-2.weft.json',
    ]);
    expect(await readFile(join(host.workspace, 'inputs/My_Photo-2.png'))).toEqual(png);
  });

  it('refuses other kinds of file, bad base64 and names that try to leave', async () => {
    expect(code(await host.call('files.upload', { name: 'x.exe', dataBase64: 'AAAA' }))).toBe(
      'BAD_REQUEST',
    );
    expect(code(await host.call('files.upload', { name: 'x.png', dataBase64: '%%%' }))).toBe(
      'BAD_REQUEST',
    );
    // The name is reduced to a plain file name: it lands in inputs/, not in ../
    const sneaky = result<OperationResults['files.upload']>(
      await host.call('files.upload', { name: '../../evil.png', dataBase64: 'AAAA' }),
    );
    expect(sneaky.path).toBe('inputs/evil.png');
  });
});

describe('confinement', () => {
  it('"..", absolute and drive paths are OUTSIDE_WORKSPACE before anything is touched', async () => {
    for (const path of [
      '../outside/secret.txt',
      '/etc/passwd',
      'C:/Windows/win.ini',
      'a/../../x',
    ]) {
      expect(code(await host.call('files.read', { path })), path).toBe('OUTSIDE_WORKSPACE');
    }
    expect(
      code(
        await host.call('files.write', { path: '../outside/x.json', text: '{}', overwrite: true }),
      ),
    ).toBe('OUTSIDE_WORKSPACE');
    expect(code(await host.call('files.list', { dir: '..' }))).toBe('OUTSIDE_WORKSPACE');
    expect(
      code(
        await host.call('files.upload', { name: 'x.png', dataBase64: 'AAAA', dir: '../outside' }),
      ),
    ).toBe('OUTSIDE_WORKSPACE');
    expect(await readdir(outside)).toEqual(['secret.txt']);
  });

  it('a symlink whose real path leaves the workspace is refused for read, write, list and upload', async () => {
    await symlink(outside, join(host.workspace, 'link'));
    await symlink(join(outside, 'secret.txt'), join(host.workspace, 'secret-link.txt'));
    expect(code(await host.call('files.read', { path: 'link/secret.txt' }))).toBe(
      'OUTSIDE_WORKSPACE',
    );
    expect(code(await host.call('files.read', { path: 'secret-link.txt' }))).toBe(
      'OUTSIDE_WORKSPACE',
    );
    expect(code(await host.call('files.list', { dir: 'link' }))).toBe('OUTSIDE_WORKSPACE');
    expect(
      code(await host.call('files.write', { path: 'link/x.json', text: '{}', overwrite: true })),
    ).toBe('OUTSIDE_WORKSPACE');
    expect(
      code(
        await host.call('files.write', {
          path: 'link/deeper/x.json',
          text: '{}',
          overwrite: false,
        }),
      ),
    ).toBe('OUTSIDE_WORKSPACE');
    expect(
      code(await host.call('files.upload', { name: 'x.png', dataBase64: 'AAAA', dir: 'link' })),
    ).toBe('OUTSIDE_WORKSPACE');
    expect(await readdir(outside)).toEqual(['secret.txt']);
    // The listing leaves the escaping links out.
    const list = result<OperationResults['files.list']>(await host.call('files.list', {}));
    expect(list.entries.map((entry) => entry.name)).toEqual(['assets', 'poster.weft.json']);
  });

  it('a symlink that stays inside is followed', async () => {
    await symlink(join(host.workspace, 'assets'), join(host.workspace, 'pictures'));
    const list = result<OperationResults['files.list']>(
      await host.call('files.list', { dir: 'pictures' }),
    );
    expect(list.entries.map((entry) => entry.path)).toEqual(['pictures/weft-mark.png']);
  });
});
