/**
 * Video in, one frame at a time: ffmpeg decodes to raw rgb24 (or rgba) on
 * stdout and Weft reads exactly width × height × bytes-per-pixel per frame.
 * The pipe's buffer and one frame are all that is held; ffmpeg waits while
 * the consumer works (backpressure), and is killed and awaited when the loop
 * ends early, fails, or the signal aborts.
 *
 * ffmpeg turns rotated phone clips upright itself (autorotate), so a 90° or
 * 270° stream comes out with width and height swapped: the sizes given here
 * are the frames' real ones. A variable-frame-rate clip can be normalised to
 * a constant rate (`constantFrameRate`: frames are duplicated or dropped to
 * the stream's rate; `-vsync cfr` before ffmpeg 5.1, `-fps_mode cfr` after).
 */
import { basename } from 'node:path';
import { formatTime } from './decodeAudio.ts';
import { MediaError } from './errors.ts';
import { firstStream, inspectMedia } from './inspect.ts';
import { releaseAtLeast } from './parseCapabilities.ts';
import type { MediaInfo, MediaStream } from './parseInspect.ts';
import { readBlocks } from './pipes.ts';
import type { FfmpegInfo } from './probe.ts';
import { requireCodec } from './probe.ts';
import { FfmpegError, startFfmpeg } from './process.ts';
import type { Rational } from './rational.ts';
import { formatRational, rationalValue } from './rational.ts';

export type RawPixelFormat = 'rgb24' | 'rgba';

export const BYTES_PER_PIXEL: Record<RawPixelFormat, number> = { rgb24: 3, rgba: 4 };

export interface DecodeVideoOptions {
  pixelFormat?: RawPixelFormat;
  /** Seconds into the clip to start at. */
  start?: number;
  /** Frames to read at most (-frames:v). */
  frames?: number;
  /** Resample to this rate by dropping/duplicating frames (-vf fps=). */
  fps?: Rational;
  /** Make a variable-rate clip constant at its own rate. */
  constantFrameRate?: boolean;
  signal?: AbortSignal;
  tolerateErrors?: boolean;
}

export interface VideoDecode {
  readonly width: number;
  readonly height: number;
  readonly fps: Rational;
  readonly pixelFormat: RawPixelFormat;
  /** Frames expected from the container's duration (an estimate), capped by `frames`. */
  readonly frameCount: number | undefined;
  /** The stream's rotation that ffmpeg undid (0, 90, 180, 270). */
  readonly rotation: number;
  readonly source: MediaInfo;
  readonly stream: MediaStream;
  /** One pass only: each frame a fresh buffer of width × height × bytes per pixel, rows top to bottom. */
  readonly frames: AsyncIterable<Uint8Array>;
}

export async function decodeVideo(
  ffmpeg: FfmpegInfo,
  file: string,
  options: DecodeVideoOptions = {},
): Promise<VideoDecode> {
  const name = basename(file);
  const source = await inspectMedia(ffmpeg, file, options.signal ? { signal: options.signal } : {});
  const stream = firstStream(source, 'video');
  if (!stream)
    throw new MediaError(
      'no-video',
      `"${name}" has no video stream${firstStream(source, 'audio') ? ' (it holds sound only)' : ''}: choose a video file (MP4, WebM, MKV, MOV, GIF).`,
    );
  requireCodec(ffmpeg, stream.codec, 'decoder');
  const givenRate = options.fps ?? stream.fps ?? stream.tbr;
  if (!stream.width || !stream.height || !givenRate)
    throw new MediaError(
      'unsupported',
      `ffmpeg does not say the frame size or rate of "${name}": the file may be damaged; try re-exporting it.`,
    );
  const rate: Rational = givenRate;
  const turned = stream.rotation === 90 || stream.rotation === 270;
  const width = turned ? stream.height : stream.width;
  const height = turned ? stream.width : stream.height;
  const pixelFormat = options.pixelFormat ?? 'rgb24';
  const start = options.start ?? 0;
  const estimated =
    source.duration === undefined
      ? undefined
      : Math.round(Math.max(0, source.duration - start) * rationalValue(rate));
  const frameCount =
    options.frames === undefined ? estimated : Math.min(options.frames, estimated ?? Infinity);

  const args = ['-hide_banner', '-nostdin', '-v', 'error'];
  if (!options.tolerateErrors) args.push('-xerror');
  if (start > 0) args.push('-ss', String(start));
  args.push('-i', `file:${file}`, '-map', `0:${stream.index}`, '-an', '-sn', '-dn');
  if (options.fps) args.push('-vf', `fps=${formatRational(options.fps)}`);
  else if (options.constantFrameRate) {
    args.push('-r', formatRational(rate));
    args.push(
      ...(releaseAtLeast(ffmpeg.version.release, 5, 1) ? ['-fps_mode'] : ['-vsync']),
      'cfr',
    );
  }
  if (options.frames !== undefined) args.push('-frames:v', String(options.frames));
  args.push('-f', 'rawvideo', '-pix_fmt', pixelFormat, 'pipe:1');
  const frameBytes = width * height * BYTES_PER_PIXEL[pixelFormat];

  async function* frames(): AsyncGenerator<Uint8Array, void, undefined> {
    const child = startFfmpeg(ffmpeg.path, args, {
      stdout: true,
      ...(options.signal ? { signal: options.signal } : {}),
      describe: `ffmpeg could not decode "${name}"`,
    });
    let count = 0;
    try {
      for await (const frame of readBlocks(child.stdout!, frameBytes)) {
        if (frame.length < frameBytes) break; // a cut-off last frame is not a frame
        options.signal?.throwIfAborted();
        count++;
        yield frame;
      }
      await child.exited;
    } catch (error) {
      if (!(error instanceof FfmpegError)) throw error;
      throw new MediaError(
        'damaged',
        count > 0
          ? `"${name}" is damaged at frame ${count + 1} (about ${formatTime(start + count / rationalValue(rate))} in; ${error.reason ?? 'a decoding error'}): re-export or repair the clip, or let the node skip damaged frames.`
          : `"${name}" could not be decoded (${error.reason ?? 'a decoding error'}): the file may be damaged or in a format this ffmpeg cannot read.`,
        { cause: error },
      );
    } finally {
      await child.stop();
    }
    if (count === 0)
      throw new MediaError(
        'empty',
        start > 0
          ? `"${name}" has no frames after ${formatTime(start)}: choose an earlier start.`
          : `"${name}" holds no video frames: choose another file.`,
      );
  }

  return {
    width,
    height,
    fps: rate,
    pixelFormat,
    frameCount,
    rotation: stream.rotation,
    source,
    stream,
    frames: frames(),
  };
}
