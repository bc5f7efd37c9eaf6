// Audio decode and encode through the bundled ffmpeg, on tones made by lavfi.
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeAudio } from './decodeAudio.ts';
import { encodeAudio } from './encodeAudio.ts';
import { readTags } from './ffmetadata.ts';
import type { FfmpegInfo } from './probe.ts';
import {
  bundledFfmpeg,
  makeMedia,
  processesMentioning,
  processGone,
  risingZeroCrossings,
  temporaryFolder,
} from './testing.ts';

let ffmpeg: FfmpegInfo;
let folder: { path: string; remove: () => Promise<void> };
const tone = (rate: number, seconds = 1) => [
  '-f',
  'lavfi',
  '-i',
  `sine=frequency=440:duration=${seconds}:sample_rate=${rate}`,
];

beforeAll(async () => {
  ffmpeg = await bundledFfmpeg();
  folder = await temporaryFolder();
  const at = (name: string) => join(folder.path, name);
  await makeMedia(ffmpeg, [...tone(44100), '-ac', '2', '-c:a', 'pcm_s16le', at('tone.wav')]);
  await makeMedia(ffmpeg, [...tone(48000), '-c:a', 'flac', at('tone.flac')]);
  await makeMedia(ffmpeg, [...tone(44100), '-c:a', 'libmp3lame', '-b:a', '128k', at('tone.mp3')]);
  await makeMedia(ffmpeg, [...tone(48000), '-c:a', 'libopus', at('tone.opus')]);
  await makeMedia(ffmpeg, ['-f', 'lavfi', '-i', 'testsrc=size=32x32:duration=1', at('video.mkv')]);
  await makeMedia(ffmpeg, [...tone(44100), '-t', '0', '-c:a', 'pcm_s16le', at('empty.wav')]);
});
afterAll(() => folder.remove());

async function decodeAll(file: string, options: Parameters<typeof decodeAudio>[2] = {}) {
  const decode = await decodeAudio(ffmpeg, join(folder.path, file), options);
  const parts: Float32Array[][] = [];
  for await (const chunk of decode.chunks) parts.push(chunk);
  const planes = Array.from({ length: decode.channels }, (_, channel) => {
    const joined = new Float32Array(parts.reduce((sum, part) => sum + part[channel]!.length, 0));
    let offset = 0;
    for (const part of parts) {
      joined.set(part[channel]!, offset);
      offset += part[channel]!.length;
    }
    return joined;
  });
  return { decode, parts, planes };
}

describe('decodeAudio', () => {
  it.each([
    ['tone.wav', 44100, 2, 44100, 0],
    ['tone.flac', 48000, 1, 48000, 0],
    // MP3 adds encoder delay and padding (one 1152-sample frame and then some).
    ['tone.mp3', 44100, 1, 44100, 1152 + 1105],
    // Opus pre-skip is removed by the decoder; ffmpeg rounds to 20 ms packets.
    ['tone.opus', 48000, 1, 48000, 960],
  ])(
    '%s: rate, channels, length and a 440 Hz tone',
    async (file, rate, channels, frames, slack) => {
      const { decode, planes, parts } = await decodeAll(file, { chunkFrames: 1000 });
      expect(decode.sampleRate).toBe(rate);
      expect(decode.channels).toBe(channels);
      expect(decode.duration).toBeGreaterThan(0.99);
      expect(planes[0]!.length).toBeGreaterThanOrEqual(frames - 1);
      expect(planes[0]!.length).toBeLessThanOrEqual(frames + slack);
      // Every chunk but the last has exactly chunkFrames frames.
      for (const part of parts.slice(0, -1)) expect(part[0]!.length).toBe(1000);
      const crossings = risingZeroCrossings(planes[0]!.subarray(0, rate));
      expect(Math.abs(crossings - 440)).toBeLessThanOrEqual(1);
      if (channels === 2) expect(planes[1]).toEqual(planes[0]);
    },
  );

  it('resamples, remixes and reads a window', async () => {
    const { decode, planes } = await decodeAll('tone.wav', {
      sampleRate: 16000,
      channels: 1,
      start: 0.25,
      duration: 0.5,
    });
    expect([decode.sampleRate, decode.channels]).toEqual([16000, 1]);
    expect(decode.duration).toBe(0.5);
    expect(Math.abs(planes[0]!.length - 8000)).toBeLessThanOrEqual(1);
    expect(Math.abs(risingZeroCrossings(planes[0]!) - 220)).toBeLessThanOrEqual(1);
  });

  it('says so when a file has no audio, is empty or is not media', async () => {
    await expect(decodeAudio(ffmpeg, join(folder.path, 'video.mkv'))).rejects.toThrow(
      /"video\.mkv" holds video but no sound track/,
    );
    await expect(decodeAll('empty.wav')).rejects.toThrow(/holds no audio samples/);
    await expect(decodeAudio(ffmpeg, join(folder.path, 'missing.wav'))).rejects.toThrow(
      /"missing\.wav" does not exist/,
    );
  });

  it('stops ffmpeg when the consumer leaves early or the run is cancelled', async () => {
    await makeMedia(ffmpeg, [...tone(48000, 120), '-c:a', 'flac', join(folder.path, 'long.flac')]);
    const controller = new AbortController();
    const decode = await decodeAudio(ffmpeg, join(folder.path, 'long.flac'), {
      signal: controller.signal,
      chunkFrames: 4800,
    });
    const iterator = decode.chunks[Symbol.asyncIterator]();
    await iterator.next();
    const [pid] = await processesMentioning('long.flac');
    expect(pid).toBeGreaterThan(0);
    controller.abort();
    await expect(iterator.next()).rejects.toThrow();
    expect(processGone(pid!)).toBe(true);
  });
});

describe('encodeAudio', () => {
  // Samples k/32768 are exactly representable in 16 bits: FLAC must give them back bit for bit.
  const frames = 10000;
  const planes = [0, 1].map((channel) =>
    Float32Array.from({ length: frames }, (_, index) => {
      const value = Math.round(
        Math.sin(index * 0.0627 + channel) * 30000 + ((index * 7919) % 13) - 6,
      );
      return value / 32768;
    }),
  );
  async function* inChunks(size: number) {
    for (let offset = 0; offset < frames; offset += size)
      yield planes.map((plane) => plane.subarray(offset, offset + size));
  }
  const graph = JSON.stringify({
    nodes: Array.from({ length: 400 }, (_, id) => ({ id, note: 'a=b;c#d\\e\nf' })),
  });

  it('FLAC round trip is bit-exact and keeps a long multi-line tag', async () => {
    const output = join(folder.path, '.weft-partial-1');
    const result = await encodeAudio(ffmpeg, {
      format: 'flac',
      output,
      sampleRate: 44100,
      channels: 2,
      chunks: inChunks(777),
      tags: { 'weft:graph': graph, title: 'Line one\nLine two' },
    });
    expect(result.frames).toBe(frames);
    const flac = join(folder.path, 'round.flac');
    await import('node:fs/promises').then(({ rename }) => rename(output, flac));
    const { planes: decoded } = await decodeAll('round.flac');
    expect(decoded[0]).toEqual(planes[0]);
    expect(decoded[1]).toEqual(planes[1]);
    const tags = await readTags(ffmpeg, flac);
    expect(graph.length).toBeGreaterThan(10000);
    expect((tags['weft:graph'] ?? tags['WEFT:GRAPH']) === graph).toBe(true);
    expect(tags.title ?? tags.TITLE).toBe('Line one\nLine two');
  });

  it.each(['mp3', 'ogg', 'opus', 'm4a'] as const)(
    '%s keeps length (±1 frame of the codec) and the graph tag',
    async (format) => {
      const output = join(folder.path, `out.${format}`);
      await encodeAudio(ffmpeg, {
        format,
        output,
        sampleRate: 48000,
        channels: 2,
        chunks: inChunks(4096),
        tags: { 'weft:graph': graph },
      });
      const tags = await readTags(ffmpeg, output);
      const found = Object.entries(tags).find(([key]) => key.toLowerCase() === 'weft:graph')?.[1];
      expect(found?.length).toBe(graph.length);
      expect(found === graph).toBe(true);
      const { planes: decoded } = await decodeAll(`out.${format}`);
      // Codec frames: MP3 1152, Vorbis up to 2048, Opus 960, AAC 1024 (plus priming the decoder may keep).
      expect(Math.abs(decoded[0]!.length - frames)).toBeLessThanOrEqual(2 * 1152 + 1105);
    },
  );

  it('a cancelled encode kills ffmpeg and deletes its file', async () => {
    const controller = new AbortController();
    const output = join(folder.path, '.weft-partial-cancel');
    async function* endless() {
      for (let index = 0; ; index++) {
        if (index === 5) setTimeout(() => controller.abort(), 0);
        yield planes.map((plane) => plane.subarray(0, 4096));
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    }
    const encoding = encodeAudio(ffmpeg, {
      format: 'flac',
      output,
      sampleRate: 44100,
      channels: 2,
      chunks: endless(),
      signal: controller.signal,
    });
    const outcome = encoding.then(
      () => 'finished',
      (error: unknown) => error,
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    const [pid] = await processesMentioning('.weft-partial-cancel');
    expect(await outcome).toBeInstanceOf(Error);
    expect(pid).toBeGreaterThan(0);
    expect(processGone(pid!)).toBe(true);
    expect(existsSync(output)).toBe(false);
    expect((await readdir(folder.path)).filter((name) => name.includes('cancel'))).toEqual([]);
  });
});
