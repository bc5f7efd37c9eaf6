/**
 * What one ffmpeg binary can do, asked once per binary path and kept for the
 * process (five short runs: -version, -encoders, -decoders, -muxers,
 * -filters). `requireCodec` and friends turn a missing capability into the
 * one sentence the artist needs.
 */
import { MediaError } from './errors.ts';
import type { FfmpegLocation } from './locate.ts';
import type { CodecList, FfmpegVersion } from './parseCapabilities.ts';
import {
  parseCodecList,
  parseFilterList,
  parseFormatList,
  parseVersion,
  releaseLabel,
} from './parseCapabilities.ts';
import { runFfmpeg } from './process.ts';

export interface FfmpegInfo extends FfmpegLocation {
  readonly version: FfmpegVersion;
  readonly encoders: CodecList;
  readonly decoders: CodecList;
  readonly muxers: ReadonlySet<string>;
  readonly filters: ReadonlySet<string>;
}

const probes = new Map<string, Promise<FfmpegInfo>>();

/** Probes `location` (once per path; a failed probe is forgotten so it can be retried). */
export function probeFfmpeg(location: FfmpegLocation): Promise<FfmpegInfo> {
  let probe = probes.get(location.path);
  if (!probe) {
    probe = runProbe(location);
    probes.set(location.path, probe);
    probe.catch(() => probes.delete(location.path));
  }
  // The same binary may be reached from two sources (FFMPEG_PATH at the bundled one).
  return probe.then((info) => (info.source === location.source ? info : { ...info, ...location }));
}

async function runProbe(location: FfmpegLocation): Promise<FfmpegInfo> {
  const ask = async (flag: string): Promise<string> => {
    const result = await runFfmpeg(location.path, ['-hide_banner', flag]);
    if (result.code !== 0)
      throw new MediaError(
        'unsupported',
        `The ffmpeg at "${location.path}" (from ${location.source}) did not answer "${flag}": is it really ffmpeg? Set FFMPEG_PATH to an ffmpeg program.`,
      );
    return result.stdout;
  };
  const version = await runFfmpeg(location.path, ['-version']);
  if (version.code !== 0 || !version.stdout.startsWith('ffmpeg version'))
    throw new MediaError(
      'unsupported',
      `The program at "${location.path}" (from ${location.source}) is not ffmpeg: set FFMPEG_PATH to an ffmpeg program.`,
    );
  const [encoders, decoders, muxers, filters] = await Promise.all(
    ['-encoders', '-decoders', '-muxers', '-filters'].map(ask),
  );
  return {
    ...location,
    version: parseVersion(version.stdout),
    encoders: parseCodecList(encoders!),
    decoders: parseCodecList(decoders!),
    muxers: parseFormatList(muxers!),
    filters: parseFilterList(filters!),
  };
}

/** "Weft's ffmpeg (4.1, from @ffmpeg-installer/ffmpeg)". */
export function describeFfmpeg(info: FfmpegInfo): string {
  return `Weft's ffmpeg (${releaseLabel(info.version)}, from ${info.source})`;
}

/** What each encoder or decoder is called for an artist, and the library it needs. */
const LABELS: Record<string, string> = {
  libopus: 'Opus',
  opus: 'Opus',
  libmp3lame: 'MP3 (LAME)',
  mp3: 'MP3',
  libvorbis: 'Vorbis',
  vorbis: 'Vorbis',
  aac: 'AAC',
  flac: 'FLAC',
  libx264: 'H.264 (x264)',
  h264: 'H.264',
  'libvpx-vp9': 'VP9 (libvpx)',
  vp9: 'VP9',
  libwebp_anim: 'animated WebP (libwebp)',
  ffv1: 'FFV1',
  gif: 'GIF',
  png: 'PNG',
};

export type CodecDirection = 'encoder' | 'decoder';

/** Whether ffmpeg has this encoder/decoder, by its own name ('libopus') or the codec's ('opus'). */
export function hasCodec(
  info: FfmpegInfo,
  name: string,
  direction: CodecDirection = 'encoder',
): boolean {
  const list = direction === 'encoder' ? info.encoders : info.decoders;
  return list.names.has(name) || list.byCodec.has(name);
}

/** Throws a MediaError naming the codec and what to install when ffmpeg lacks it. */
export function requireCodec(
  info: FfmpegInfo,
  name: string,
  direction: CodecDirection = 'encoder',
): void {
  if (hasCodec(info, name, direction)) return;
  const label = LABELS[name] ?? name;
  throw new MediaError(
    'missing-codec',
    `${describeFfmpeg(info)} has no ${name} ${direction}: install an ffmpeg with ${label} (e.g. Debian's "apt-get install ffmpeg") and set FFMPEG_PATH to it.`,
  );
}

export function requireFilter(info: FfmpegInfo, name: string): void {
  if (info.filters.has(name)) return;
  throw new MediaError(
    'missing-codec',
    `${describeFfmpeg(info)} has no "${name}" filter: install a full ffmpeg build (e.g. Debian's "apt-get install ffmpeg") and set FFMPEG_PATH to it.`,
  );
}
