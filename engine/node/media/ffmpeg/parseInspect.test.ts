// The parser on real `ffmpeg -i` output from the bundled 4.1 build and
// Debian 12's 5.1, captured by fixtures/capture-inspect.sh.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findTag, parseClock, parseInspect } from './parseInspect.ts';

function sample(version: string, file: string): string {
  return readFileSync(
    new URL(`./fixtures/inspect-${version}-${file}.txt`, import.meta.url),
    'utf8',
  );
}

describe.each(['4.1', '5.1'])('parseInspect on ffmpeg %s', (version) => {
  it('reads a WAV: format, duration, one mono 44.1 kHz stream', () => {
    const info = parseInspect(sample(version, 'tone.wav'))!;
    expect(info.format).toBe('wav');
    expect(info.duration).toBe(1);
    expect(info.streams).toHaveLength(1);
    expect(info.streams[0]).toMatchObject({
      index: 0,
      type: 'audio',
      codec: 'pcm_s16le',
      sampleRate: 44100,
      channels: 1,
      channelLayout: 'mono',
      sampleFormat: 's16',
      bitrate: 705_000,
    });
  });

  it('reads multi-line tags and keys holding a colon', () => {
    const info = parseInspect(sample(version, 'tagged.flac'))!;
    expect(findTag(info.metadata, 'title')).toBe('Two lines\nsecond line');
    expect(findTag(info.metadata, 'weft:graph')).toBe('{"a"=1}');
    expect(info.streams[0]).toMatchObject({ codec: 'flac', sampleRate: 48000, channels: 2 });
  });

  it('reads Opus tags on the stream, not the file', () => {
    const info = parseInspect(sample(version, 'tone.opus'))!;
    expect(info.format).toBe('ogg');
    expect(findTag(info.streams[0]!.metadata, 'artist')).toBe('Weft');
    expect(findTag(info.metadata, 'artist')).toBeUndefined();
    expect(info.streams[0]).toMatchObject({ codec: 'opus', sampleRate: 48000, channels: 1 });
  });

  it('counts 5.1 as six channels', () => {
    const info = parseInspect(sample(version, 'surround.m4a'))!;
    expect(info.formats).toContain('m4a');
    expect(info.streams[0]).toMatchObject({ codec: 'aac', channels: 6, channelLayout: '5.1' });
  });

  it('reads an MP4: NTSC rate as 30000/1001, size, rotation, both streams', () => {
    const info = parseInspect(sample(version, 'rotated.mp4'))!;
    expect(info.format).toBe('mov');
    expect(info.duration).toBeCloseTo(1.02, 5);
    const [video, audio] = info.streams;
    expect(video).toMatchObject({
      type: 'video',
      codec: 'h264',
      pixelFormat: 'yuv420p',
      width: 64,
      height: 48,
      fps: { numerator: 30000, denominator: 1001 },
      tbr: { numerator: 30000, denominator: 1001 },
      rotation: 270,
      isDefault: true,
    });
    expect(audio).toMatchObject({ index: 1, type: 'audio', codec: 'aac', sampleRate: 44100 });
  });

  it('reads VP9 and FFV1 in Matroska, pixel formats with details', () => {
    const webm = parseInspect(sample(version, 'clip.webm'))!;
    expect(webm.formats).toEqual(['matroska', 'webm']);
    expect(webm.streams[0]).toMatchObject({ codec: 'vp9', width: 32, height: 32 });
    expect(webm.streams[0]!.fps).toEqual({ numerator: 12, denominator: 1 });
    const mkv = parseInspect(sample(version, 'lossless.mkv'))!;
    expect(mkv.streams[0]).toMatchObject({ codec: 'ffv1', width: 16, height: 16, rotation: 0 });
    expect(mkv.streams[0]!.fps).toEqual({ numerator: 25, denominator: 1 });
  });

  it('returns undefined for a file ffmpeg cannot open', () => {
    expect(parseInspect(sample(version, 'noise.dat'))).toBeUndefined();
  });
});

describe('parseInspect details', () => {
  it('MP3 start offset and pixel formats with colour details', () => {
    const mp3 = parseInspect(sample('4.1', 'tone.mp3'))!;
    expect(mp3.start).toBeCloseTo(0.025057, 6);
    expect(mp3.duration).toBeCloseTo(1.04, 6);
    expect(parseInspect(sample('5.1', 'clip.webm'))!.streams[0]!.pixelFormat).toBe('gbrp');
  });

  it('parses clock durations', () => {
    expect(parseClock('01:02:03.25')).toBe(3723.25);
    expect(parseClock('N/A')).toBeUndefined();
  });
});
