// Binary discovery order and the capability parsers on the bundled ffmpeg's real output.
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FfmpegMissingError, locateFfmpeg, requireFfmpeg } from './locate.ts';
import { parseVersion, releaseAtLeast } from './parseCapabilities.ts';
import type { FfmpegInfo } from './probe.ts';
import { hasCodec, requireCodec } from './probe.ts';
import { lastMeaningfulLine } from './stderrTail.ts';
import { bundledFfmpeg } from './testing.ts';

let folder: string;
let fake: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'weft-locate-'));
  fake = join(folder, 'ffmpeg');
  await writeFile(fake, '#!/bin/sh\n');
  await chmod(fake, 0o755);
  await writeFile(join(folder, 'not-executable'), '');
});
afterAll(() => rm(folder, { recursive: true, force: true }));

describe('locateFfmpeg', () => {
  const packages = (found: Record<string, unknown>) => (name: string) => found[name];

  it('takes FFMPEG_PATH first, then ffmpeg-static, then @ffmpeg-installer, then PATH', () => {
    const all = packages({ 'ffmpeg-static': fake, '@ffmpeg-installer/ffmpeg': { path: fake } });
    expect(locateFfmpeg({ env: { FFMPEG_PATH: fake, PATH: folder }, loadPackage: all })).toEqual({
      path: fake,
      source: 'FFMPEG_PATH',
    });
    expect(locateFfmpeg({ env: { PATH: folder }, loadPackage: all })!.source).toBe('ffmpeg-static');
    const installer = packages({
      'ffmpeg-static': null,
      '@ffmpeg-installer/ffmpeg': { path: fake },
    });
    expect(locateFfmpeg({ env: { PATH: folder }, loadPackage: installer })!.source).toBe(
      '@ffmpeg-installer/ffmpeg',
    );
    expect(locateFfmpeg({ env: { PATH: folder }, loadPackage: packages({}) })).toEqual({
      path: fake,
      source: 'PATH',
    });
    expect(locateFfmpeg({ env: { PATH: '' }, loadPackage: packages({}) })).toBeUndefined();
  });

  it('refuses a broken FFMPEG_PATH instead of silently using another ffmpeg', () => {
    expect(() => locateFfmpeg({ env: { FFMPEG_PATH: join(folder, 'not-executable') } })).toThrow(
      FfmpegMissingError,
    );
  });

  it('says what to install when there is no ffmpeg at all', () => {
    expect(() => requireFfmpeg({ env: { PATH: '' }, loadPackage: packages({}) })).toThrow(
      /^Weft needs ffmpeg for audio and video files and could not find one: install ffmpeg \(Debian\/Ubuntu: "apt-get install ffmpeg"/,
    );
  });

  it('finds the bundled binary with no environment at all', () => {
    expect(requireFfmpeg({ env: {} }).source).toBe('@ffmpeg-installer/ffmpeg');
  });
});

describe('probe', () => {
  let ffmpeg: FfmpegInfo;
  beforeAll(async () => {
    ffmpeg = await bundledFfmpeg();
  });

  it('places the bundled git build at release 4.1 from libavutil 56.24', () => {
    expect(ffmpeg.version.text).toBe('N-47683-g0e8eb07980-static');
    expect(ffmpeg.version.release).toEqual({ major: 4, minor: 1 });
    expect(releaseAtLeast(ffmpeg.version.release, 5, 1)).toBe(false);
    expect(parseVersion('ffmpeg version 5.1.9-0+deb12u1 Copyright').release).toEqual({
      major: 5,
      minor: 1,
    });
  });

  it('lists encoders by name and by codec, muxers and filters', () => {
    expect(hasCodec(ffmpeg, 'libopus')).toBe(true);
    expect(ffmpeg.encoders.byCodec.get('opus')).toEqual(['opus', 'libopus']);
    expect(hasCodec(ffmpeg, 'mp3float', 'decoder')).toBe(true);
    expect(ffmpeg.muxers.has('matroska')).toBe(true);
    expect(ffmpeg.filters.has('palettegen')).toBe(true);
    expect(hasCodec(ffmpeg, 'libfdk_aac')).toBe(false);
  });

  it('a missing codec is one sentence naming the ffmpeg and what to install', () => {
    expect(() => requireCodec(ffmpeg, 'libfdk_aac')).toThrow(
      `Weft's ffmpeg (4.1, from @ffmpeg-installer/ffmpeg) has no libfdk_aac encoder: install an ffmpeg with libfdk_aac (e.g. Debian's "apt-get install ffmpeg") and set FFMPEG_PATH to it.`,
    );
  });

  it('quotes the line that explains a failure, not the summary after it', () => {
    const stderr =
      "[NULL @ 0x55d1c2a3b4c0] Unable to find a suitable output format for 'x.zzz'\nx.zzz: Invalid argument\nConversion failed!\n";
    expect(lastMeaningfulLine(stderr)).toBe('x.zzz: Invalid argument');
  });
});
