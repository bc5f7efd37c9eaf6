// Video decode and encode through the bundled ffmpeg, on lavfi test clips.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeVideo } from './decodeVideo.ts';
import { encodeVideo } from './encodeVideo.ts';
import { readTags } from './ffmetadata.ts';
import { inspectMedia } from './inspect.ts';
import type { FfmpegInfo } from './probe.ts';
import { rational } from './rational.ts';
import {
  bundledFfmpeg,
  makeMedia,
  processesMentioning,
  processGone,
  temporaryFolder,
} from './testing.ts';

let ffmpeg: FfmpegInfo;
let folder: { path: string; remove: () => Promise<void> };
const at = (name: string) => join(folder.path, name);

beforeAll(async () => {
  ffmpeg = await bundledFfmpeg();
  folder = await temporaryFolder();
  // 2 s at 12 fps = 24 frames, lossless so pixels can be compared.
  await makeMedia(ffmpeg, [
    '-f',
    'lavfi',
    '-i',
    'testsrc=size=40x30:rate=12:duration=2',
    '-c:v',
    'ffv1',
    at('clip.mkv'),
  ]);
  await makeMedia(ffmpeg, [
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=440:duration=1',
    '-c:a',
    'flac',
    at('tone.flac'),
  ]);
});
afterAll(() => folder.remove());

async function collect(frames: AsyncIterable<Uint8Array>): Promise<Uint8Array[]> {
  const all: Uint8Array[] = [];
  for await (const frame of frames) all.push(frame);
  return all;
}

async function* replay(frames: readonly Uint8Array[]) {
  yield* frames;
}

describe('decodeVideo', () => {
  it('streams every frame of a testsrc clip at its size', async () => {
    const decode = await decodeVideo(ffmpeg, at('clip.mkv'));
    expect([decode.width, decode.height, decode.frameCount]).toEqual([40, 30, 24]);
    expect(decode.fps).toEqual(rational(12));
    const frames = await collect(decode.frames);
    expect(frames).toHaveLength(24);
    for (const frame of frames) expect(frame.length).toBe(40 * 30 * 3);
    // testsrc moves: consecutive frames differ.
    expect(Buffer.compare(frames[0]!, frames[1]!)).not.toBe(0);
  });

  it('honours a frame range and an fps override', async () => {
    const window = await decodeVideo(ffmpeg, at('clip.mkv'), {
      start: 0.5,
      frames: 5,
      pixelFormat: 'rgba',
    });
    const frames = await collect(window.frames);
    expect(frames).toHaveLength(5);
    expect(frames[0]!.length).toBe(40 * 30 * 4);
    const slower = await decodeVideo(ffmpeg, at('clip.mkv'), { fps: rational(6) });
    expect(await collect(slower.frames)).toHaveLength(12);
  });

  it('refuses a file with no video', async () => {
    await expect(decodeVideo(ffmpeg, at('tone.flac'))).rejects.toThrow(
      /has no video stream \(it holds sound only\)/,
    );
  });
});

describe('encodeVideo', () => {
  it('FFV1 encode → decode is lossless and keeps tags and sound', async () => {
    const original = await collect((await decodeVideo(ffmpeg, at('clip.mkv'))).frames);
    const output = at('.weft-partial-ffv1');
    const result = await encodeVideo(ffmpeg, {
      format: 'ffv1',
      output,
      width: 40,
      height: 30,
      fps: rational(12),
      frames: replay(original),
      audio: { path: at('tone.flac') },
      tags: { 'weft:graph': '{"nodes":[]}\nline two' },
    });
    expect(result.frames).toBe(24);
    const info = await inspectMedia(ffmpeg, output);
    expect(info.streams.map((stream) => stream.type)).toEqual(['video', 'audio']);
    const tags = await readTags(ffmpeg, output);
    expect(Object.entries(tags).find(([key]) => key.toLowerCase() === 'weft:graph')?.[1]).toBe(
      '{"nodes":[]}\nline two',
    );
    const again = await collect((await decodeVideo(ffmpeg, output)).frames);
    // -shortest with 1 s of sound may end the picture at 12 frames; what is there is exact.
    expect(again.length).toBeGreaterThanOrEqual(12);
    again.forEach((frame, index) => expect(Buffer.compare(frame, original[index]!)).toBe(0));
  });

  it('H.264 pads an odd size to even, with a note', async () => {
    const frame = new Uint8Array(33 * 17 * 3).fill(200);
    const output = at('odd.mp4');
    const result = await encodeVideo(ffmpeg, {
      format: 'mp4',
      output,
      width: 33,
      height: 17,
      fps: rational(30000, 1001),
      frames: replay([frame, frame, frame]),
    });
    expect(result.notes[0]).toMatch(/33×17 was padded with black to 34×18/);
    const decode = await decodeVideo(ffmpeg, output);
    expect([decode.width, decode.height]).toEqual([34, 18]);
    expect(decode.fps).toEqual(rational(30000, 1001));
    const cropped = await encodeVideo(ffmpeg, {
      format: 'mp4',
      output: at('crop.mp4'),
      width: 33,
      height: 17,
      fps: rational(25),
      frames: replay([frame]),
      oddSize: 'crop',
    });
    expect(cropped.notes[0]).toMatch(/cropped to 32×16/);
  });

  it.each(['webm', 'gif'] as const)(
    '%s: a clip of the right size and frame count',
    async (format) => {
      const original = await collect(
        (await decodeVideo(ffmpeg, at('clip.mkv'), { frames: 6 })).frames,
      );
      const output = at(`out.${format}`);
      await encodeVideo(ffmpeg, {
        format,
        output,
        width: 40,
        height: 30,
        fps: rational(12),
        frames: replay(original),
      });
      const decode = await decodeVideo(ffmpeg, output);
      expect([decode.width, decode.height]).toEqual([40, 30]);
      expect(await collect(decode.frames)).toHaveLength(6);
    },
  );

  it('animated WebP: RIFF WEBP with an animation chunk and one frame chunk per frame', async () => {
    // ffmpeg 4.1 to 6.x cannot decode animated WebP, so the file is read as bytes.
    const original = await collect(
      (await decodeVideo(ffmpeg, at('clip.mkv'), { frames: 6 })).frames,
    );
    const output = at('out.webp');
    await encodeVideo(ffmpeg, {
      format: 'webp',
      output,
      width: 40,
      height: 30,
      fps: rational(12),
      frames: replay(original),
    });
    const bytes = await readFile(output);
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('RIFF');
    expect(bytes.subarray(8, 12).toString('latin1')).toBe('WEBP');
    expect(bytes.includes(Buffer.from('ANIM'))).toBe(true);
    expect(bytes.toString('latin1').split('ANMF').length - 1).toBe(6);
  });

  it('a cancelled encode kills ffmpeg and leaves no file', async () => {
    const controller = new AbortController();
    const output = at('.weft-partial-cancel-video');
    const frame = new Uint8Array(40 * 30 * 3);
    async function* endless() {
      for (;;) {
        yield frame;
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    }
    const outcome = encodeVideo(ffmpeg, {
      format: 'mp4',
      output,
      width: 40,
      height: 30,
      fps: rational(25),
      frames: endless(),
      signal: controller.signal,
    }).then(
      () => 'finished',
      (error: unknown) => error,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const [pid] = await processesMentioning('.weft-partial-cancel-video');
    expect(pid).toBeGreaterThan(0);
    controller.abort();
    expect(await outcome).toBeInstanceOf(Error);
    expect(processGone(pid!)).toBe(true);
    expect(existsSync(output)).toBe(false);
  });
});
