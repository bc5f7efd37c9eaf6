import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { persistentToken, tokensMatch } from './token.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'weft-token-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the serve token', () => {
  it('is kept between starts, readable by its owner only', async () => {
    const file = join(dir, 'data', 'serve-token');
    const first = await persistentToken(file);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(await persistentToken(file)).toBe(first);
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('replaces a file that holds no token rather than trusting it', async () => {
    const file = join(dir, 'serve-token');
    await writeFile(file, 'guessable\n');
    const token = await persistentToken(file);
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect((await readFile(file, 'utf8')).trim()).toBe(token);
  });

  it('matches only the exact token', () => {
    expect(tokensMatch('abc', 'abc')).toBe(true);
    expect(tokensMatch('abd', 'abc')).toBe(false);
    expect(tokensMatch('', 'abc')).toBe(false);
    expect(tokensMatch(undefined, 'abc')).toBe(false);
  });
});
