/**
 * What an output file is, by its extension, so the node shows it with the
 * right element (an image, an audio or a video player); and the live
 * preview's bytes turned into canvas pixels. Pure.
 */

export type MediaKind = 'image' | 'audio' | 'video' | 'other';

const KINDS: Record<string, MediaKind> = {
  png: 'image',
  jpg: 'image',
  jpeg: 'image',
  webp: 'image',
  gif: 'image',
  avif: 'image',
  wav: 'audio',
  flac: 'audio',
  mp3: 'audio',
  ogg: 'audio',
  mp4: 'video',
  webm: 'video',
};

export function mediaKind(path: string): MediaKind {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return 'other';
  return KINDS[name.slice(dot + 1).toLowerCase()] ?? 'other';
}

/** The file's name without its folders, for captions. */
export function fileName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * Turns the preview of a node-progress event (8-bit RGB, base64) into RGBA
 * for ImageData. Returns undefined when the bytes do not fill width × height
 * (a truncated message must not draw garbage).
 */
export function previewToRgba(preview: {
  width: number;
  height: number;
  rgb: string;
}): Uint8ClampedArray<ArrayBuffer> | undefined {
  const { width, height } = preview;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0)
    return undefined;
  let binary: string;
  try {
    binary = atob(preview.rgb);
  } catch {
    return undefined;
  }
  const pixels = width * height;
  if (binary.length < pixels * 3) return undefined;
  const rgba = new Uint8ClampedArray(pixels * 4);
  for (let pixel = 0; pixel < pixels; pixel++) {
    rgba[pixel * 4] = binary.charCodeAt(pixel * 3);
    rgba[pixel * 4 + 1] = binary.charCodeAt(pixel * 3 + 1);
    rgba[pixel * 4 + 2] = binary.charCodeAt(pixel * 3 + 2);
    rgba[pixel * 4 + 3] = 255;
  }
  return rgba;
}
