/**
 * `weft doctor` in-process (the command itself, not through main.ts, so it
 * loads no engine): with FFMPEG_PATH at a file that does not exist it
 * fails with one sentence; with the bundled ffmpeg it passes and lists the
 * codecs. WEFT_HOME is a temp folder with a known cache size.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requireFfmpeg } from '../../engine/node/media/ffmpeg/locate.ts';
import { doctorCommand } from './doctor.ts';

let home: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'weft-doctor-'));
  await mkdir(join(home, 'cache', 'entries'), { recursive: true });
  await writeFile(join(home, 'cache', 'entries', 'a.bin'), new Uint8Array(1500));
  await writeFile(join(home, 'cache', 'index.json'), '{}');
});
afterEach(() => rm(home, { recursive: true, force: true }));

async function doctor(args: string[], env: NodeJS.ProcessEnv) {
  let stdout = '';
  let stderr = '';
  const code = await doctorCommand(args, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    isTty: false,
    columns: 100,
    cwd: home,
    env: { WEFT_HOME: home, WEFT_BUNDLED_MODELS: '', PATH: '', ...env },
    signal: new AbortController().signal,
  });
  return { code, stdout, stderr };
}

describe('weft doctor', () => {
  it('exits 1 with one sentence when FFMPEG_PATH points at nothing', async () => {
    const missing = join(home, 'no-such-ffmpeg');
    const { code, stdout, stderr } = await doctor([], { FFMPEG_PATH: missing });
    expect(code).toBe(1);
    expect(stderr).toBe(
      `weft: FFMPEG_PATH is set to "${missing}", which is not an executable file: point it at an ffmpeg program, or unset it to use the ffmpeg bundled with Weft.\n`,
    );
    expect(stdout).toContain('✖ ffmpeg: FFMPEG_PATH is set to');
  });

  it('exits 0 with the bundled ffmpeg, listing codecs, providers, folders and the cache size', async () => {
    const bundled = requireFfmpeg({ env: {} }).path;
    const { code, stdout, stderr } = await doctor([], { FFMPEG_PATH: bundled });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(
      `✓ ffmpeg 4.1 (N-47683-g0e8eb07980-static): ${bundled} (from FFMPEG_PATH)`,
    );
    expect(stdout).toMatch(/✓ libopus encoder\s+Opus out/);
    expect(stdout).toMatch(/✓ ffv1 decoder\s+the video cache/);
    expect(stdout).toMatch(/✓ ONNX Runtime 1\.30\.0/);
    expect(stdout).toContain(`✓ models: ${join(home, 'models')} (not created yet)`);
    expect(stdout).toContain(`✓ cache: ${join(home, 'cache')} (`);
  });

  it('--json: the same facts as data; the bundled ffmpeg is found without FFMPEG_PATH', async () => {
    const { code, stdout } = await doctor(['--json'], {});
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as {
      ffmpeg: { source: string; codecs: { name: string; direction: string; found: boolean }[] };
      cache: { bytes: number };
      models: { root: string; bundled: string | null };
      missing: string[];
    };
    expect(report.ffmpeg.source).toBe('@ffmpeg-installer/ffmpeg');
    expect(report.ffmpeg.codecs.every((codec) => codec.found)).toBe(true);
    expect(report.cache.bytes).toBe(1502);
    expect(report.models).toMatchObject({ root: join(home, 'models'), bundled: null });
    expect(report.missing).toEqual([]);
  });
});
