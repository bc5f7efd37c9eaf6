/**
 * Tags in and out through ffmpeg's own metadata text format (`-f ffmetadata`),
 * not `-metadata key=value` arguments and not the `-i` dump: an argument is
 * limited to 128 kB on Linux and the dump cuts lines at 255 characters, while
 * the embedded graph is long JSON. In this format '=', ';', '#', '\' and
 * newlines are escaped with a backslash, so any value survives.
 *
 * Writing: ffmpeg 5.1 reads an ffmetadata file of any line length; 4.1's
 * reader cuts lines at 1,024 bytes, so with older builds the tags go in as
 * `-metadata` arguments instead (up to MAX_TAG_ARGUMENT characters each).
 */
import { randomUUID } from 'node:crypto';
import { unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MediaError } from './errors.ts';
import { releaseAtLeast } from './parseCapabilities.ts';
import type { FfmpegInfo } from './probe.ts';
import { FfmpegError, runFfmpeg } from './process.ts';
import { lastMeaningfulLine } from './stderrTail.ts';

export type Tags = Readonly<Record<string, string>>;

export function escapeMetadata(text: string): string {
  return text.replace(/[=;#\\\n]/g, (character) => `\\${character}`);
}

/** The ffmetadata text for global tags. */
export function formatMetadata(tags: Tags): string {
  let text = ';FFMETADATA1\n';
  for (const [key, value] of Object.entries(tags))
    text += `${escapeMetadata(key)}=${escapeMetadata(value)}\n`;
  return text;
}

/** The global section's tags (before any [STREAM] or [CHAPTER]); keys as the file spells them. */
export function parseMetadata(text: string): Record<string, string> {
  const tags: Record<string, string> = {};
  // Split into logical lines: a backslash escapes the next character, a newline included.
  let line = '';
  const lines: { raw: string; escapedAt: Set<number> }[] = [];
  let escapedAt = new Set<number>();
  for (let index = 0; index < text.length; index++) {
    const character = text[index]!;
    if (character === '\\' && index + 1 < text.length) {
      escapedAt.add(line.length);
      line += text[++index]!;
    } else if (character === '\n') {
      lines.push({ raw: line, escapedAt });
      line = '';
      escapedAt = new Set();
    } else line += character;
  }
  if (line !== '') lines.push({ raw: line, escapedAt });
  for (const { raw, escapedAt: escaped } of lines) {
    if (!escaped.has(0) && (raw.startsWith(';') || raw.startsWith('#'))) continue;
    if (!escaped.has(0) && raw.startsWith('[')) break;
    let split = -1;
    for (let index = 0; index < raw.length; index++)
      if (raw[index] === '=' && !escaped.has(index)) {
        split = index;
        break;
      }
    if (split > 0) tags[raw.slice(0, split)] = raw.slice(split + 1);
  }
  return tags;
}

/** Linux allows 128 kB per argument (MAX_ARG_STRLEN); Windows 32 kB for the whole command line. */
export const MAX_TAG_ARGUMENT = process.platform === 'win32' ? 24_000 : 120_000;

export interface TagArguments {
  /** Arguments that add an input (the ffmetadata file), placed among the inputs. */
  inputs: string[];
  /** Output options that set the tags. */
  outputs: string[];
}

/**
 * Runs `use` with the arguments that give the output `tags`; `inputIndex` is
 * the index the metadata input will have. Temp files are removed after.
 */
export async function withTags<T>(
  ffmpeg: FfmpegInfo,
  tags: Tags,
  inputIndex: number,
  use: (args: TagArguments) => Promise<T>,
): Promise<T> {
  const entries = Object.entries(tags);
  if (entries.length === 0) return use({ inputs: [], outputs: [] });
  if (!releaseAtLeast(ffmpeg.version.release, 5, 1)) {
    const outputs: string[] = [];
    for (const [key, value] of entries) {
      if (key.length + value.length >= MAX_TAG_ARGUMENT)
        throw new MediaError(
          'bad-options',
          `The "${key}" tag is too long (${value.length} characters) for this ffmpeg to embed: use an ffmpeg 5.1 or newer (set FFMPEG_PATH), or leave the tag out.`,
        );
      outputs.push('-metadata', `${key}=${value}`);
    }
    return use({ inputs: [], outputs });
  }
  const path = join(tmpdir(), `weft-metadata-${randomUUID()}.txt`);
  await writeFile(path, formatMetadata(tags), 'utf8');
  try {
    return await use({
      inputs: ['-f', 'ffmetadata', '-i', `file:${path}`],
      outputs: ['-map_metadata', String(inputIndex)],
    });
  } finally {
    await unlink(path).catch(() => {});
  }
}

/**
 * A file's tags in full: the container's and its first stream's merged
 * (Ogg keeps Vorbis comments on the stream, MP4/FLAC/MP3 on the file).
 */
export async function readTags(
  ffmpeg: FfmpegInfo,
  file: string,
  options: { signal?: AbortSignal } = {},
): Promise<Record<string, string>> {
  const read = async (map: string[]): Promise<Record<string, string> | undefined> => {
    const result = await runFfmpeg(
      ffmpeg.path,
      ['-hide_banner', '-nostdin', '-v', 'error', '-i', `file:${file}`, ...map].concat([
        '-f',
        'ffmetadata',
        'pipe:1',
      ]),
      options.signal ? { signal: options.signal } : {},
    );
    if (result.code !== 0) {
      if (map.length > 0) return undefined;
      const reason = lastMeaningfulLine(result.stderr);
      throw new FfmpegError(
        `ffmpeg could not read the tags of "${file}": ${reason ?? 'no reason given'}.`,
        result.code,
        reason,
      );
    }
    return parseMetadata(result.stdout);
  };
  const global = (await read([]))!;
  const stream = (await read(['-map_metadata', '0:s:0'])) ?? {};
  const merged: Record<string, string> = { ...stream };
  for (const [key, value] of Object.entries(global)) merged[key] = value;
  return merged;
}
