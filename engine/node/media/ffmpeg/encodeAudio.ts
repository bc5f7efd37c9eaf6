/**
 * Audio out: planar float32 chunks are interleaved and written to ffmpeg's
 * stdin as f32le (waiting on 'drain': backpressure), ffmpeg encodes to the
 * path the caller gives. That path is the caller's temp name (e.g. a
 * ".weft-partial-…" file in the destination folder, so the final rename is
 * on one file system): the caller claims it under its final, never
 * overwritten name once this resolves. A failed or cancelled encode deletes
 * it, so no half-written file survives.
 *
 * Tags (the graph JSON among them) go in as ffmetadata.ts's withTags says:
 * long values and newlines kept. MP4/M4A needs
 * `use_metadata_tags` to keep keys it does not know; Ogg (Vorbis, Opus)
 * stores them as the stream's comments.
 */
import { unlink } from 'node:fs/promises';
import { MediaError } from './errors.ts';
import type { Tags } from './ffmetadata.ts';
import { withTags } from './ffmetadata.ts';
import { interleave } from './pcm.ts';
import { endInput, PipeClosedError, writeAll } from './pipes.ts';
import type { FfmpegInfo } from './probe.ts';
import { requireCodec } from './probe.ts';
import { startFfmpeg } from './process.ts';

export type AudioFormat = 'flac' | 'mp3' | 'ogg' | 'opus' | 'm4a';

export const AUDIO_EXTENSIONS: Record<AudioFormat, string> = {
  flac: '.flac',
  mp3: '.mp3',
  ogg: '.ogg',
  opus: '.opus',
  m4a: '.m4a',
};

export interface EncodeAudioOptions {
  format: AudioFormat;
  /** Where ffmpeg writes: the caller's temp name, deleted on failure. */
  output: string;
  sampleRate: number;
  channels: number;
  chunks: AsyncIterable<readonly Float32Array[]>;
  tags?: Tags;
  /** Lossy formats' bitrate in kbit/s (defaults: MP3 192, Opus 128, AAC 192; Vorbis uses quality 5). */
  bitrate?: number;
  /** FLAC sample depth (default 16). */
  bitDepth?: 16 | 24;
  signal?: AbortSignal;
}

export interface EncodedAudio {
  path: string;
  frames: number;
}

const OPUS_RATES = new Set([8000, 12000, 16000, 24000, 48000]);

function codecArgs(options: EncodeAudioOptions): { encoder: string; args: string[] } {
  const kbits = (fallback: number): string => `${options.bitrate ?? fallback}k`;
  switch (options.format) {
    case 'flac':
      return {
        encoder: 'flac',
        args:
          options.bitDepth === 24
            ? ['-c:a', 'flac', '-sample_fmt', 's32', '-bits_per_raw_sample', '24', '-f', 'flac']
            : ['-c:a', 'flac', '-sample_fmt', 's16', '-f', 'flac'],
      };
    case 'mp3':
      return {
        encoder: 'libmp3lame',
        args: ['-c:a', 'libmp3lame', '-b:a', kbits(192), '-id3v2_version', '3', '-f', 'mp3'],
      };
    case 'ogg':
      return {
        encoder: 'libvorbis',
        args: [
          '-c:a',
          'libvorbis',
          ...(options.bitrate ? ['-b:a', kbits(0)] : ['-q:a', '5']),
        ].concat(['-f', 'ogg']),
      };
    case 'opus':
      // Opus runs at 48 kHz (or 8/12/16/24): other rates are resampled on the way in.
      return {
        encoder: 'libopus',
        args: ['-c:a', 'libopus', '-b:a', kbits(128)]
          .concat(OPUS_RATES.has(options.sampleRate) ? [] : ['-ar', '48000'])
          .concat(['-f', 'ogg']),
      };
    case 'm4a':
      return {
        encoder: 'aac',
        args: ['-c:a', 'aac', '-b:a', kbits(192), '-movflags', '+use_metadata_tags', '-f', 'mp4'],
      };
  }
}

export async function encodeAudio(
  ffmpeg: FfmpegInfo,
  options: EncodeAudioOptions,
): Promise<EncodedAudio> {
  const { channels, sampleRate } = options;
  if (!(channels >= 1) || !(sampleRate >= 1))
    throw new MediaError(
      'bad-options',
      `Cannot save audio with ${channels} channels at ${sampleRate} Hz: the audio needs at least one channel and a positive sample rate.`,
    );
  const { encoder, args: codec } = codecArgs(options);
  requireCodec(ffmpeg, encoder);
  return withTags(ffmpeg, options.tags ?? {}, 1, async (tags) => {
    const args = ['-hide_banner', '-nostdin', '-v', 'error', '-y'];
    args.push('-f', 'f32le', '-ar', String(sampleRate), '-ac', String(channels), '-i', 'pipe:0');
    args.push(...tags.inputs, '-map', '0:a', ...tags.outputs, ...codec, `file:${options.output}`);
    const child = startFfmpeg(ffmpeg.path, args, {
      stdin: true,
      ...(options.signal ? { signal: options.signal } : {}),
      describe: `ffmpeg could not write the ${options.format.toUpperCase()} file`,
    });
    let frames = 0;
    try {
      try {
        for await (const planes of options.chunks) {
          options.signal?.throwIfAborted();
          if (planes.length !== channels)
            throw new MediaError(
              'bad-options',
              `The audio changed from ${channels} to ${planes.length} channels part way through: every chunk must have the same channels.`,
            );
          const samples = interleave(planes);
          frames += planes[0]?.length ?? 0;
          await writeAll(child.stdin!, new Uint8Array(samples.buffer, 0, samples.byteLength));
        }
        await endInput(child.stdin!);
      } catch (error) {
        // ffmpeg stopped reading: its exit status says why.
        if (!(error instanceof PipeClosedError)) throw error;
      }
      await child.exited;
      return { path: options.output, frames };
    } catch (error) {
      await child.stop();
      await unlink(options.output).catch(() => {});
      throw error;
    }
  });
}
