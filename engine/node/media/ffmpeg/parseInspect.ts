/**
 * Reads what `ffmpeg -hide_banner -i FILE` prints about its input (Weft ships
 * no ffprobe). The layout is libavformat's `av_dump_format`, the same in 4.1
 * and 5.1 apart from details this parser accepts both ways: 5.1 adds stream
 * ids ("#0:0[0x1](und)"), prints streams two spaces less indented, adds
 * colour details in the pixel format ("yuv420p(tv, bt709, progressive)") and
 * drops "tbc". Metadata values with newlines continue on lines whose key is
 * blank ("                    : second line").
 *
 * Caveat: the dump cuts each metadata line at 255 characters, so long tags
 * (the embedded graph) must be read with `readTags` (ffmetadata.ts), not here.
 */
import type { Rational } from './rational.ts';
import { parsePrintedRate } from './rational.ts';

export type StreamType = 'audio' | 'video' | 'subtitle' | 'data' | 'attachment';

export interface MediaStream {
  /** The stream's index in the file (the N in "#0:N"). */
  index: number;
  type: StreamType;
  codec: string;
  language?: string;
  isDefault: boolean;
  /** A cover picture (album art in MP3/FLAC/M4A), not a video track. */
  attachedPicture: boolean;
  /** Bits per second, when printed. */
  bitrate?: number;
  sampleRate?: number;
  channels?: number;
  /** "mono", "stereo", "5.1(side)", "2 channels"… */
  channelLayout?: string;
  sampleFormat?: string;
  pixelFormat?: string;
  width?: number;
  height?: number;
  /** The average frame rate ("fps"). */
  fps?: Rational;
  /** The rate ffmpeg guesses for timestamps ("tbr"); what -r would be. */
  tbr?: Rational;
  /** Clockwise degrees to turn the picture upright (the "rotate" tag's sense); 0 when none. */
  rotation: number;
  metadata: Record<string, string>;
}

export interface MediaInfo {
  /** The demuxer's names: "mov,mp4,m4a,3gp,3g2,mj2" → format "mov" and all of them in formats. */
  format: string;
  formats: string[];
  /** Seconds, when the container says. */
  duration?: number;
  start?: number;
  bitrate?: number;
  metadata: Record<string, string>;
  streams: MediaStream[];
}

const CHANNELS: Record<string, number> = {
  mono: 1,
  stereo: 2,
  '2.1': 3,
  '3.0': 3,
  '3.0(back)': 3,
  '3.1': 4,
  '4.0': 4,
  quad: 4,
  'quad(side)': 4,
  '4.1': 5,
  '5.0': 5,
  '5.0(side)': 5,
  '5.1': 6,
  '5.1(side)': 6,
  '6.0': 6,
  '6.1': 7,
  '7.0': 7,
  '7.1': 8,
  '7.1(wide)': 8,
  '7.1(wide-side)': 8,
  octagonal: 8,
  downmix: 2,
};

/** The parsed input, or undefined when ffmpeg could not open the file (its reason is in the text). */
export function parseInspect(stderr: string): MediaInfo | undefined {
  const lines = stderr.split(/\r?\n/);
  const start = lines.findIndex((line) => /^Input #0, /.test(line));
  if (start < 0) return undefined;
  const header = /^Input #0, (.+), from '.*':\s*$/.exec(lines[start]!);
  const formats = (header?.[1] ?? '').split(',');
  const info: MediaInfo = { format: formats[0] ?? '', formats, metadata: {}, streams: [] };

  let metadata: Record<string, string> | undefined;
  let lastKey: string | undefined;
  let stream: MediaStream | undefined;
  for (const line of lines.slice(start + 1)) {
    if (/^(Input #|Output #|At least one output|Stream mapping:)/.test(line)) break;
    const trimmed = line.trim();
    if (trimmed === 'Metadata:') {
      metadata = stream ? stream.metadata : info.metadata;
      lastKey = undefined;
      continue;
    }
    const streamMatch = /^Stream #0:(\d+)(?:\[0x[0-9a-f]+\])?(?:\(([^)]*)\))?: (\w+): (.*)$/.exec(
      trimmed,
    );
    if (streamMatch) {
      stream = parseStream(streamMatch);
      info.streams.push(stream);
      metadata = undefined;
      continue;
    }
    const durationMatch = /^Duration: ([^,]+)(?:, start: ([-\d.]+))?, bitrate: (.+)$/.exec(trimmed);
    if (durationMatch) {
      const duration = parseClock(durationMatch[1]!);
      if (duration !== undefined) info.duration = duration;
      if (durationMatch[2] !== undefined) info.start = Number(durationMatch[2]);
      const bitrate = parseBitrate(durationMatch[3]!);
      if (bitrate !== undefined) info.bitrate = bitrate;
      metadata = undefined;
      continue;
    }
    const rotationMatch = /^displaymatrix: rotation of (-?[\d.]+) degrees/.exec(trimmed);
    if (rotationMatch && stream) {
      stream.rotation = normaliseDegrees(-Number(rotationMatch[1]));
      continue;
    }
    if (trimmed === 'Side data:' || trimmed.startsWith('Chapter') || trimmed === 'Chapters:') {
      metadata = undefined;
      continue;
    }
    if (!metadata) continue;
    const continuation = /^\s+: ?(.*)$/.exec(line);
    if (continuation && lastKey !== undefined) {
      metadata[lastKey] += `\n${continuation[1]}`;
      continue;
    }
    // "key             : value"; a key may hold a colon ("WEFT:GRAPH"), never ": ".
    const entry = /^\s+(\S.*?)\s*:(?: (.*))?$/.exec(line);
    if (entry) {
      lastKey = entry[1]!;
      metadata[lastKey] = entry[2] ?? '';
    }
  }
  for (const each of info.streams) {
    // 4.1 also prints the legacy tag; the display matrix wins when both are there.
    const tag = each.metadata.rotate;
    if (each.rotation === 0 && tag !== undefined) each.rotation = normaliseDegrees(Number(tag));
  }
  return info;
}

/** A tag by name, whatever its case ("WEFT:GRAPH" in FLAC, "weft:graph" in MP4). */
export function findTag(metadata: Record<string, string>, key: string): string | undefined {
  const wanted = key.toLowerCase();
  for (const [name, value] of Object.entries(metadata))
    if (name.toLowerCase() === wanted) return value;
  return undefined;
}

function parseStream(match: RegExpExecArray): MediaStream {
  const type = match[3]!.toLowerCase() as StreamType;
  const parts = splitTopLevel(match[4]!.replace(/\s*\((default|forced|attached pic)[^)]*\)/g, ''));
  const stream: MediaStream = {
    index: Number(match[1]),
    type,
    codec: (parts[0] ?? '').split(' ')[0] ?? '',
    isDefault: /\(default\)/.test(match[4]!),
    attachedPicture: /\(attached pic\)/.test(match[4]!),
    rotation: 0,
    metadata: {},
  };
  if (match[2] && match[2] !== 'und') stream.language = match[2];
  for (const [position, part] of parts.entries()) {
    if (position === 0) continue;
    let found: RegExpExecArray | null;
    if ((found = /^(\d+) Hz$/.exec(part))) stream.sampleRate = Number(found[1]);
    else if ((found = /^(\d+(?:\.\d+)?) ([kM]?)b\/s$/.exec(part))) {
      stream.bitrate = Number(found[1]) * (found[2] === 'M' ? 1e6 : found[2] === 'k' ? 1e3 : 1);
    } else if ((found = /^(\S+) (fps|tbr)$/.exec(part))) {
      const rate = parsePrintedRate(found[1]!);
      if (rate) stream[found[2] as 'fps' | 'tbr'] = rate;
    } else if ((found = /^(\d+)x(\d+)/.exec(part))) {
      stream.width = Number(found[1]);
      stream.height = Number(found[2]);
    } else if (type === 'audio' && position === 2) {
      stream.channelLayout = part;
      const counted = /^(\d+) channels/.exec(part);
      const channels = counted ? Number(counted[1]) : CHANNELS[part];
      if (channels !== undefined) stream.channels = channels;
    } else if (type === 'audio' && position === 3) stream.sampleFormat = part;
    else if (type === 'video' && position === 1 && /^[a-z0-9_]+/.test(part)) {
      stream.pixelFormat = /^[a-z0-9_]+/.exec(part)![0];
    }
  }
  return stream;
}

/** Splits "a, b(c, d), e [f, g]" at commas outside brackets. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const character of text) {
    if (character === '(' || character === '[') depth++;
    if (character === ')' || character === ']') depth--;
    if (character === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else current += character;
  }
  if (current.trim() !== '') parts.push(current.trim());
  return parts;
}

/** "00:01:02.50" → 62.5; "N/A" → undefined. */
export function parseClock(text: string): number | undefined {
  const match = /^(\d+):(\d\d):(\d\d(?:\.\d+)?)$/.exec(text.trim());
  if (!match) return undefined;
  return Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]);
}

function parseBitrate(text: string): number | undefined {
  const match = /^(\d+) kb\/s$/.exec(text.trim());
  return match ? Number(match[1]) * 1000 : undefined;
}

function normaliseDegrees(degrees: number): number {
  if (!Number.isFinite(degrees)) return 0;
  const rounded = Math.round(degrees) % 360;
  return rounded < 0 ? rounded + 360 : rounded;
}
