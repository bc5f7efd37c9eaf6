/**
 * Audio in, streamed: ffmpeg decodes (and, when asked, resamples and
 * remixes) to interleaved float32 on stdout (`-f f32le`); Weft reads it in
 * blocks of `chunkFrames` frames and yields each as planar channels. Nothing
 * holds more than the pipe's buffer and one chunk, however long the file:
 * while the consumer works on a chunk the pipe fills, ffmpeg blocks on its
 * write and waits.
 *
 * The stream's facts come first (from inspect.ts), so a node can check the
 * sample rate and channels before it reads a sample; ffmpeg starts decoding
 * only when `chunks` is first iterated, and stops (killed, awaited) when the
 * loop ends early, throws, or the signal aborts.
 *
 * Damaged data stops the decode with a MediaError (ffmpeg's -xerror), unless
 * `tolerateErrors` lets ffmpeg skip it as players do.
 */
import { basename } from 'node:path';
import { MediaError } from './errors.ts';
import { firstStream, inspectMedia } from './inspect.ts';
import type { MediaInfo, MediaStream } from './parseInspect.ts';
import { deinterleave } from './pcm.ts';
import { readBlocks } from './pipes.ts';
import type { FfmpegInfo } from './probe.ts';
import { requireCodec } from './probe.ts';
import { FfmpegError, startFfmpeg } from './process.ts';

export interface DecodeAudioOptions {
  /** Resample to this rate (ffmpeg's default resampler); default: the file's. */
  sampleRate?: number;
  /** Mix to this many channels; default: the file's. */
  channels?: number;
  /** Seconds into the file to start at. */
  start?: number;
  /** Seconds to read at most. */
  duration?: number;
  /** Frames per chunk (default 16384). */
  chunkFrames?: number;
  signal?: AbortSignal;
  /** Skip damaged data instead of failing. */
  tolerateErrors?: boolean;
}

export interface AudioDecode {
  readonly sampleRate: number;
  readonly channels: number;
  /** Seconds, from the container, after start/duration: an estimate (MP3 padding, VBR). */
  readonly duration: number | undefined;
  readonly source: MediaInfo;
  readonly stream: MediaStream;
  /** One pass only: planar chunks of `chunkFrames` frames (the last may be shorter). */
  readonly chunks: AsyncIterable<Float32Array[]>;
}

export async function decodeAudio(
  ffmpeg: FfmpegInfo,
  file: string,
  options: DecodeAudioOptions = {},
): Promise<AudioDecode> {
  const name = basename(file);
  const source = await inspectMedia(ffmpeg, file, options.signal ? { signal: options.signal } : {});
  const stream = firstStream(source, 'audio');
  if (!stream) {
    const video = firstStream(source, 'video');
    throw new MediaError(
      'no-audio',
      video
        ? `"${name}" holds video but no sound track: choose a file with audio.`
        : `"${name}" has no audio stream: choose an audio file (WAV, FLAC, MP3, OGG, M4A).`,
    );
  }
  requireCodec(ffmpeg, stream.codec, 'decoder');
  const givenRate = options.sampleRate ?? stream.sampleRate;
  const givenChannels = options.channels ?? stream.channels;
  if (!givenRate || !givenChannels)
    throw new MediaError(
      'unsupported',
      `ffmpeg does not say the sample rate or channel count of "${name}": set both on the node to decode it.`,
    );
  const sampleRate: number = givenRate;
  const channels: number = givenChannels;
  const chunkFrames = options.chunkFrames ?? 16384;
  const start = options.start ?? 0;
  const remaining =
    source.duration === undefined ? undefined : Math.max(0, source.duration - start);
  const duration =
    options.duration === undefined
      ? remaining
      : Math.min(options.duration, remaining ?? options.duration);

  const args = ['-hide_banner', '-nostdin', '-v', 'error'];
  if (!options.tolerateErrors) args.push('-xerror');
  if (start > 0) args.push('-ss', String(start));
  args.push('-i', `file:${file}`);
  if (options.duration !== undefined) args.push('-t', String(options.duration));
  args.push('-map', `0:${stream.index}`, '-vn', '-sn', '-dn');
  args.push('-ac', String(channels), '-ar', String(sampleRate));
  args.push('-f', 'f32le', '-acodec', 'pcm_f32le', 'pipe:1');

  async function* chunks(): AsyncGenerator<Float32Array[], void, undefined> {
    const child = startFfmpeg(ffmpeg.path, args, {
      stdout: true,
      ...(options.signal ? { signal: options.signal } : {}),
      describe: `ffmpeg could not decode "${name}"`,
    });
    let frames = 0;
    try {
      for await (const block of readBlocks(child.stdout!, chunkFrames * channels * 4)) {
        const samples = new Float32Array(block.buffer, block.byteOffset, block.length >> 2);
        const planes = deinterleave(samples, channels);
        frames += planes[0]!.length;
        // Data already in the pipe must not outrun a cancel.
        options.signal?.throwIfAborted();
        yield planes;
      }
      await child.exited;
    } catch (error) {
      if (!(error instanceof FfmpegError)) throw error;
      const at = formatTime(frames / sampleRate);
      throw new MediaError(
        'damaged',
        frames > 0
          ? `"${name}" is damaged about ${at} in (${error.reason ?? 'a decoding error'}): re-export or repair the file, or let the node skip damaged parts.`
          : `"${name}" could not be decoded (${error.reason ?? 'a decoding error'}): the file may be damaged or in a format this ffmpeg cannot read.`,
        { cause: error },
      );
    } finally {
      await child.stop();
    }
    if (frames === 0)
      throw new MediaError(
        'empty',
        start > 0
          ? `"${name}" has no sound after ${formatTime(start)}: choose an earlier start.`
          : `"${name}" holds no audio samples (it is zero-length): choose another file.`,
      );
  }

  return { sampleRate, channels, duration, source, stream, chunks: chunks() };
}

/** "1:02.5" for messages. */
export function formatTime(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds - minutes * 60;
  return `${minutes}:${rest.toFixed(1).padStart(4, '0')}`;
}
