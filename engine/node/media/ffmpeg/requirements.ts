/**
 * The encoders and decoders Weft's nodes use, for `weft doctor` and for
 * settings screens: each with what it is for and whether Weft needs it
 * (missing a needed one makes doctor exit 1) or only offers it.
 */
import type { CodecDirection, FfmpegInfo } from './probe.ts';
import { hasCodec } from './probe.ts';

export interface CodecRequirement {
  readonly name: string;
  readonly direction: CodecDirection;
  readonly purpose: string;
  readonly needed: boolean;
}

export const WEFT_CODECS: readonly CodecRequirement[] = [
  { name: 'pcm_f32le', direction: 'encoder', purpose: 'raw audio to Weft', needed: true },
  { name: 'pcm_f32le', direction: 'decoder', purpose: 'raw audio from Weft', needed: true },
  { name: 'pcm_s16le', direction: 'decoder', purpose: 'WAV in', needed: true },
  { name: 'flac', direction: 'encoder', purpose: 'FLAC out', needed: true },
  { name: 'flac', direction: 'decoder', purpose: 'FLAC in', needed: true },
  { name: 'libmp3lame', direction: 'encoder', purpose: 'MP3 out', needed: true },
  { name: 'mp3', direction: 'decoder', purpose: 'MP3 in', needed: true },
  { name: 'libvorbis', direction: 'encoder', purpose: 'OGG Vorbis out', needed: true },
  { name: 'vorbis', direction: 'decoder', purpose: 'OGG Vorbis in', needed: true },
  { name: 'libopus', direction: 'encoder', purpose: 'Opus out', needed: true },
  { name: 'opus', direction: 'decoder', purpose: 'Opus in', needed: true },
  { name: 'aac', direction: 'encoder', purpose: 'M4A and MP4 sound out', needed: true },
  { name: 'aac', direction: 'decoder', purpose: 'M4A and MP4 sound in', needed: true },
  { name: 'libx264', direction: 'encoder', purpose: 'MP4 (H.264) out', needed: true },
  { name: 'h264', direction: 'decoder', purpose: 'MP4 (H.264) in', needed: true },
  { name: 'libvpx-vp9', direction: 'encoder', purpose: 'WebM (VP9) out', needed: true },
  { name: 'vp9', direction: 'decoder', purpose: 'WebM (VP9) in', needed: true },
  { name: 'gif', direction: 'encoder', purpose: 'animated GIF out', needed: true },
  { name: 'ffv1', direction: 'encoder', purpose: 'the video cache (lossless)', needed: true },
  { name: 'ffv1', direction: 'decoder', purpose: 'the video cache (lossless)', needed: true },
  { name: 'png', direction: 'encoder', purpose: 'PNG sequences out', needed: true },
  { name: 'png', direction: 'decoder', purpose: 'PNG sequences in', needed: true },
  { name: 'libwebp_anim', direction: 'encoder', purpose: 'animated WebP out', needed: false },
];

export interface CodecCheck extends CodecRequirement {
  readonly found: boolean;
}

export function checkCodecs(info: FfmpegInfo): CodecCheck[] {
  return WEFT_CODECS.map((requirement) => ({
    ...requirement,
    found: hasCodec(info, requirement.name, requirement.direction),
  }));
}
