/**
 * Video out from raw frames on stdin (rgb24 or rgba, `-f rawvideo`), written
 * with backpressure, to the caller's temp path (deleted on failure or
 * cancel; the caller claims it under its final name, as for encodeAudio.ts):
 *
 * - mp4: H.264 (libx264) yuv420p with a CRF, faststart; x264 needs even
 *   sizes, so odd ones are padded (default, one black row/column) or cropped,
 *   with a note saying which;
 * - webm: VP9 (libvpx-vp9) yuv420p, constant quality (CRF, -b:v 0);
 * - gif: a palette made for the clip (palettegen and paletteuse in one
 *   filter graph), looping; no sound, no tags (the format has neither);
 * - webp: animated WebP (libwebp_anim), when this ffmpeg has libwebp;
 * - ffv1: FFV1 in Matroska, lossless (what the cache keeps).
 *
 * An optional audio file (WAV/FLAC made by the caller) is muxed (AAC in MP4,
 * Opus in WebM, FLAC in Matroska); `shortest` (default on) ends the file with
 * the shorter of the two. Tags go in as ffmetadata.ts's withTags says.
 */
import { unlink } from 'node:fs/promises';
import type { RawPixelFormat } from './decodeVideo.ts';
import { BYTES_PER_PIXEL } from './decodeVideo.ts';
import { MediaError } from './errors.ts';
import type { Tags } from './ffmetadata.ts';
import { withTags } from './ffmetadata.ts';
import { endInput, PipeClosedError, writeAll } from './pipes.ts';
import type { FfmpegInfo } from './probe.ts';
import { requireCodec, requireFilter } from './probe.ts';
import { startFfmpeg } from './process.ts';
import type { Rational } from './rational.ts';
import { formatRational } from './rational.ts';

export type VideoFormat = 'mp4' | 'webm' | 'gif' | 'webp' | 'ffv1';

export const VIDEO_EXTENSIONS: Record<VideoFormat, string> = {
  mp4: '.mp4',
  webm: '.webm',
  gif: '.gif',
  webp: '.webp',
  ffv1: '.mkv',
};

export interface EncodeVideoOptions {
  format: VideoFormat;
  output: string;
  width: number;
  height: number;
  fps: Rational;
  pixelFormat?: RawPixelFormat;
  frames: AsyncIterable<Uint8Array>;
  /** Quality for mp4 (default 18) and webm (default 31): lower is better. */
  crf?: number;
  /** A sound file to mux (ignored, with a note, for GIF and WebP). */
  audio?: { path: string };
  /** End with the shorter of picture and sound (default true). */
  shortest?: boolean;
  /** What to do with odd sizes for H.264 (default 'pad'). */
  oddSize?: 'pad' | 'crop';
  tags?: Tags;
  signal?: AbortSignal;
}

export interface EncodedVideo {
  path: string;
  frames: number;
  /** Things the artist should know: padding, dropped sound or tags. */
  notes: string[];
}

interface Plan {
  encoder: string;
  filters: string[];
  args: string[];
  audioCodec?: string[];
  tags: boolean;
}

function plan(options: EncodeVideoOptions, notes: string[]): Plan {
  const { width, height } = options;
  switch (options.format) {
    case 'mp4': {
      const filters: string[] = [];
      if (width % 2 || height % 2) {
        const crop = options.oddSize === 'crop';
        const [w, h] = crop
          ? [width - (width % 2), height - (height % 2)]
          : [width + (width % 2), height + (height % 2)];
        filters.push(crop ? `crop=${w}:${h}:0:0` : `pad=${w}:${h}:0:0:black`);
        notes.push(
          `H.264 needs even sizes: ${width}×${height} was ${crop ? 'cropped' : 'padded with black'} to ${w}×${h}.`,
        );
      }
      return {
        encoder: 'libx264',
        filters,
        args: ['-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-crf', String(options.crf ?? 18)].concat([
          '-movflags',
          '+faststart+use_metadata_tags',
          '-f',
          'mp4',
        ]),
        audioCodec: ['-c:a', 'aac', '-b:a', '192k'],
        tags: true,
      };
    }
    case 'webm':
      return {
        encoder: 'libvpx-vp9',
        filters: [],
        args: [
          '-c:v',
          'libvpx-vp9',
          '-pix_fmt',
          'yuv420p',
          '-crf',
          String(options.crf ?? 31),
        ].concat(['-b:v', '0', '-f', 'webm']),
        audioCodec: ['-c:a', 'libopus', '-b:a', '128k'],
        tags: true,
      };
    case 'gif':
      return {
        encoder: 'gif',
        filters: [
          'split[frames][copy]',
          '[copy]palettegen[palette]',
          '[frames][palette]paletteuse',
        ],
        args: ['-loop', '0', '-f', 'gif'],
        tags: false,
      };
    case 'webp':
      return {
        encoder: 'libwebp_anim',
        filters: [],
        args: ['-c:v', 'libwebp_anim', '-quality', '90', '-loop', '0', '-f', 'webp'],
        tags: false,
      };
    case 'ffv1':
      return {
        encoder: 'ffv1',
        filters: [],
        args: ['-c:v', 'ffv1', '-level', '3', '-f', 'matroska'],
        audioCodec: ['-c:a', 'flac'],
        tags: true,
      };
  }
}

export async function encodeVideo(
  ffmpeg: FfmpegInfo,
  options: EncodeVideoOptions,
): Promise<EncodedVideo> {
  const { width, height } = options;
  if (!(width >= 1 && height >= 1 && Number.isInteger(width) && Number.isInteger(height)))
    throw new MediaError(
      'bad-options',
      `Cannot save a ${width}×${height} video: frames need a whole positive width and height.`,
    );
  const notes: string[] = [];
  const steps = plan(options, notes);
  requireCodec(ffmpeg, steps.encoder);
  if (options.format === 'gif')
    ['palettegen', 'paletteuse'].forEach((name) => requireFilter(ffmpeg, name));
  const audio = steps.audioCodec ? options.audio : undefined;
  if (options.audio && !audio)
    notes.push(`${options.format.toUpperCase()} has no sound track: the audio was left out.`);
  if (audio) requireCodec(ffmpeg, steps.audioCodec![1]!);
  if (options.tags && Object.keys(options.tags).length > 0 && !steps.tags)
    notes.push(
      `${options.format.toUpperCase()} cannot hold tags: the graph is not embedded in this file.`,
    );
  const pixelFormat = options.pixelFormat ?? 'rgb24';
  const frameBytes = width * height * BYTES_PER_PIXEL[pixelFormat];
  const tags = steps.tags ? (options.tags ?? {}) : {};

  return withTags(ffmpeg, tags, audio ? 2 : 1, async (tagArgs) => {
    const args = ['-hide_banner', '-nostdin', '-v', 'error', '-y'];
    args.push('-f', 'rawvideo', '-pix_fmt', pixelFormat, '-s', `${width}x${height}`);
    args.push('-r', formatRational(options.fps), '-i', 'pipe:0');
    if (audio) args.push('-i', `file:${audio.path}`);
    args.push(...tagArgs.inputs);
    if (steps.filters.length > 0)
      args.push('-filter_complex', `[0:v]${steps.filters.join(';')}[video]`, '-map', '[video]');
    else args.push('-map', '0:v');
    if (audio) args.push('-map', '1:a', ...steps.audioCodec!);
    if (audio && options.shortest !== false) args.push('-shortest');
    args.push(...tagArgs.outputs, ...steps.args, `file:${options.output}`);
    const child = startFfmpeg(ffmpeg.path, args, {
      stdin: true,
      ...(options.signal ? { signal: options.signal } : {}),
      describe: `ffmpeg could not write the ${options.format.toUpperCase()} video`,
    });
    let frames = 0;
    try {
      try {
        for await (const frame of options.frames) {
          options.signal?.throwIfAborted();
          if (frame.length !== frameBytes)
            throw new MediaError(
              'bad-options',
              `Frame ${frames + 1} has ${frame.length} bytes where a ${width}×${height} ${pixelFormat} frame has ${frameBytes}: every frame of a video must be the same size.`,
            );
          await writeAll(child.stdin!, frame);
          frames++;
        }
        if (frames === 0)
          throw new MediaError(
            'empty',
            'There were no frames to save: the video needs at least one frame.',
          );
        await endInput(child.stdin!);
      } catch (error) {
        if (!(error instanceof PipeClosedError)) throw error;
      }
      await child.exited;
      return { path: options.output, frames, notes };
    } catch (error) {
      await child.stop();
      await unlink(options.output).catch(() => {});
      throw error;
    }
  });
}
