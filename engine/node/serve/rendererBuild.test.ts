/**
 * ensureRendererBuilt with the real vite, on a tiny stand-in for renderer/
 * (the real editor is built by `weft serve` and `npm run build:renderer`).
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureRendererBuilt } from './rendererBuild.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'weft-build-'));
  await mkdir(join(dir, 'src'));
  await writeFile(
    join(dir, 'src', 'index.html'),
    '<!doctype html><title>t</title><script type="module" src="./main.ts"></script>\n',
  );
  await writeFile(join(dir, 'src', 'main.ts'), 'document.title = "first";\n');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('ensureRendererBuilt', () => {
  it('builds when missing, not again while the sources are unchanged, and again after an edit', async () => {
    const lines: string[] = [];
    const options = {
      root: join(dir, 'src'),
      outDir: join(dir, 'out'),
      configFile: false as const,
      sources: [join(dir, 'src')],
      log: (line: string) => lines.push(line),
    };
    expect(await ensureRendererBuilt(options)).toEqual({ outDir: join(dir, 'out'), built: true });
    expect(lines).toEqual(['Building the editor…']);
    const html = await readFile(join(dir, 'out', 'index.html'), 'utf8');
    const script = /src="\/?(assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    expect(await readFile(join(dir, 'out', script!), 'utf8')).toContain('first');

    expect((await ensureRendererBuilt(options)).built).toBe(false);
    expect(lines).toHaveLength(1);

    await writeFile(join(dir, 'src', 'main.ts'), 'document.title = "second";\n');
    expect((await ensureRendererBuilt(options)).built).toBe(true);
    const assets = await readdir(join(dir, 'out', 'assets'));
    const contents = await Promise.all(
      assets.map((name) => readFile(join(dir, 'out', 'assets', name), 'utf8')),
    );
    expect(contents.some((text) => text.includes('second'))).toBe(true);
    expect(contents.some((text) => text.includes('"first"'))).toBe(false);
  }, 60_000);

  it('builds for production even when NODE_ENV says otherwise (vitest sets "test")', async () => {
    expect(process.env.NODE_ENV).toBe('test');
    await writeFile(join(dir, 'src', 'main.ts'), 'document.title = process.env.NODE_ENV;\n');
    const out = join(dir, 'out');
    await ensureRendererBuilt({
      root: join(dir, 'src'),
      outDir: out,
      configFile: false,
      sources: [join(dir, 'src')],
    });
    const assets = await readdir(join(out, 'assets'));
    const code = (
      await Promise.all(assets.map((name) => readFile(join(out, 'assets', name), 'utf8')))
    ).join('\n');
    expect(code).toMatch(/document\.title\s*=\s*[`"']production[`"']/);
    expect(process.env.NODE_ENV).toBe('test');
  }, 60_000);
});
