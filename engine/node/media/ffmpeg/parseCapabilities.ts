/**
 * Parsers for what `ffmpeg -version`, `-encoders`, `-decoders`, `-muxers` and
 * `-filters` print (same layout from 4.1 to 7.x). Pure, so they are tested
 * on captured output.
 */

export interface FfmpegRelease {
  major: number;
  minor: number;
}

export interface FfmpegVersion {
  /** What ffmpeg calls itself: "5.1.9-0+deb12u1", "N-47683-g0e8eb07980-static". */
  readonly text: string;
  /**
   * The release it is, or is built after: from the version when it is a
   * release number, otherwise from libavutil's version (git snapshots,
   * like the bundled 4.1 build, are named "N-…").
   */
  readonly release: FfmpegRelease | undefined;
}

/** libavutil's version at each release, newest first: how a git build is placed. */
const LIBAVUTIL_RELEASES: readonly [number, number, FfmpegRelease][] = [
  [59, 39, { major: 7, minor: 1 }],
  [59, 8, { major: 7, minor: 0 }],
  [58, 29, { major: 6, minor: 1 }],
  [58, 2, { major: 6, minor: 0 }],
  [57, 28, { major: 5, minor: 1 }],
  [57, 17, { major: 5, minor: 0 }],
  [56, 70, { major: 4, minor: 4 }],
  [56, 51, { major: 4, minor: 3 }],
  [56, 31, { major: 4, minor: 2 }],
  [56, 22, { major: 4, minor: 1 }],
  [56, 14, { major: 4, minor: 0 }],
  [55, 78, { major: 3, minor: 4 }],
];

export function parseVersion(output: string): FfmpegVersion {
  const text = /^ffmpeg version (\S+)/m.exec(output)?.[1] ?? 'unknown';
  const numeric = /^n?(\d+)\.(\d+)/.exec(text);
  if (numeric) return { text, release: { major: Number(numeric[1]), minor: Number(numeric[2]) } };
  const avutil = /^libavutil\s+(\d+)\.\s*(\d+)\./m.exec(output);
  if (avutil) {
    const major = Number(avutil[1]);
    const minor = Number(avutil[2]);
    const found = LIBAVUTIL_RELEASES.find(
      ([releaseMajor, releaseMinor]) =>
        major > releaseMajor || (major === releaseMajor && minor >= releaseMinor),
    );
    if (found) return { text, release: found[2] };
  }
  return { text, release: undefined };
}

export function releaseAtLeast(
  release: FfmpegRelease | undefined,
  major: number,
  minor: number,
): boolean {
  if (release === undefined) return false;
  return release.major > major || (release.major === major && release.minor >= minor);
}

/** "4.1" or the raw version text when the release is unknown. */
export function releaseLabel(version: FfmpegVersion): string {
  return version.release ? `${version.release.major}.${version.release.minor}` : version.text;
}

export interface CodecList {
  /** Encoder or decoder names: 'libopus', 'flac', 'mp3float'. */
  readonly names: ReadonlySet<string>;
  /** Codec name → the encoders/decoders for it: 'opus' → ['opus', 'libopus']. */
  readonly byCodec: ReadonlyMap<string, readonly string[]>;
}

/**
 * `-encoders` / `-decoders`: lines like " A..... libopus   libopus Opus (codec opus)"
 * after the " ------" rule. An entry without "(codec x)" is codec x itself.
 */
export function parseCodecList(output: string): CodecList {
  const names = new Set<string>();
  const byCodec = new Map<string, string[]>();
  for (const line of linesAfterRule(output)) {
    const match = /^\s*[VAS][A-Z.]{5}\s+(\S+)\s+(.*)$/.exec(line);
    if (!match) continue;
    const name = match[1]!;
    const codec = /\(codec (\S+)\)\s*$/.exec(match[2]!)?.[1] ?? name;
    names.add(name);
    const list = byCodec.get(codec) ?? [];
    list.push(name);
    byCodec.set(codec, list);
  }
  return { names, byCodec };
}

/** `-muxers` (or `-demuxers`): "  E mp4   MP4 (MPEG-4 Part 14)"; "mov,mp4,m4a" names several. */
export function parseFormatList(output: string): Set<string> {
  const formats = new Set<string>();
  for (const line of linesAfterRule(output)) {
    const match = /^\s*[D ][E ]\s+(\S+)\s/.exec(line);
    if (match) for (const name of match[1]!.split(',')) formats.add(name);
  }
  return formats;
}

/** `-filters`: " T.C scale   V->V   Scale the input video size…". */
export function parseFilterList(output: string): Set<string> {
  const filters = new Set<string>();
  for (const line of output.split('\n')) {
    const match = /^\s*[T.][S.][C.]\s+(\S+)\s+\S+->\S+\s/.exec(line);
    if (match) filters.add(match[1]!);
  }
  return filters;
}

function linesAfterRule(output: string): string[] {
  const lines = output.split(/\r?\n/);
  const rule = lines.findIndex((line) => /^\s*--+\s*$/.test(line));
  return rule < 0 ? lines : lines.slice(rule + 1);
}
