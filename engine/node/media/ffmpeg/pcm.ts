/**
 * Interleaved float32 (ffmpeg's f32le) ⇄ planar channels (Weft's AUDIO).
 * Assumes a little-endian host, as every platform Weft runs on is.
 */

/** Splits interleaved samples into one array per channel; a trailing partial frame is dropped. */
export function deinterleave(interleaved: Float32Array, channels: number): Float32Array[] {
  const frames = Math.floor(interleaved.length / channels);
  const planes = Array.from({ length: channels }, () => new Float32Array(frames));
  for (let channel = 0; channel < channels; channel++) {
    const plane = planes[channel]!;
    for (let frame = 0, index = channel; frame < frames; frame++, index += channels)
      plane[frame] = interleaved[index]!;
  }
  return planes;
}

/** Joins equal-length channels into interleaved samples. */
export function interleave(planes: readonly Float32Array[]): Float32Array {
  const channels = planes.length;
  const frames = planes[0]?.length ?? 0;
  for (const plane of planes)
    if (plane.length !== frames)
      throw new RangeError(
        `Audio channels must be the same length (got ${planes.map((p) => p.length).join(', ')} samples).`,
      );
  const interleaved = new Float32Array(frames * channels);
  for (let channel = 0; channel < channels; channel++) {
    const plane = planes[channel]!;
    for (let frame = 0, index = channel; frame < frames; frame++, index += channels)
      interleaved[index] = plane[frame]!;
  }
  return interleaved;
}
