/**
 * What is in a media file, without ffprobe: `ffmpeg -hide_banner -i FILE`
 * with no output exits 1 by design ("At least one output file must be
 * specified") after printing the input's description, which parseInspect
 * reads. A file ffmpeg cannot open is a MediaError saying so.
 */
import { basename } from 'node:path';
import { MediaError } from './errors.ts';
import type { MediaInfo, MediaStream } from './parseInspect.ts';
import { parseInspect } from './parseInspect.ts';
import type { FfmpegInfo } from './probe.ts';
import { runFfmpeg } from './process.ts';
import { lastMeaningfulLine } from './stderrTail.ts';

export async function inspectMedia(
  ffmpeg: FfmpegInfo,
  file: string,
  options: { signal?: AbortSignal } = {},
): Promise<MediaInfo> {
  // "file:" keeps a name like "a:b.wav" from being read as a protocol.
  const result = await runFfmpeg(ffmpeg.path, ['-hide_banner', '-nostdin', '-i', `file:${file}`], {
    ...(options.signal ? { signal: options.signal } : {}),
    maxStdout: 1024,
  });
  const info = parseInspect(result.stderr);
  const name = basename(file);
  if (info === undefined) {
    const reason = (lastMeaningfulLine(result.stderr) ?? '').replace(/^file:/, '');
    if (/No such file or directory/.test(reason))
      throw new MediaError('not-media', `"${name}" does not exist: check the file's path.`);
    throw new MediaError(
      'not-media',
      `"${name}" is not an audio or video file ffmpeg can read (${reason || 'no reason given'}): choose a WAV, FLAC, MP3, OGG, M4A, MP4, WebM or MKV file.`,
    );
  }
  return info;
}

/**
 * The first stream of a type (ffmpeg's own pick is the "best" one; the first
 * is predictable). Cover pictures are not video.
 */
export function firstStream(info: MediaInfo, type: MediaStream['type']): MediaStream | undefined {
  return info.streams.find((stream) => stream.type === type && !stream.attachedPicture);
}
