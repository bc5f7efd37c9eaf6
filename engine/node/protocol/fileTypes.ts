/**
 * Which files the host takes from a client and how it labels the files it
 * sends: uploads are media and graphs only; saves are graphs and text.
 */

export const MEDIA_TYPES: Readonly<Record<string, string>> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.bmp': 'image/bmp',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
  '.avif': 'image/avif',
  '.wav': 'audio/wav',
  '.flac': 'audio/flac',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.oga': 'audio/ogg',
  '.opus': 'audio/ogg',
  '.m4a': 'audio/mp4',
  '.aac': 'audio/aac',
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.webm': 'video/webm',
  '.mov': 'video/quicktime',
  '.mkv': 'video/x-matroska',
  '.avi': 'video/x-msvideo',
};

export const TEXT_TYPES: Readonly<Record<string, string>> = {
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.csv': 'text/plain; charset=utf-8',
};

/** Extensions a dropped file may have: media, and graphs (.weft.json). */
export const UPLOAD_EXTENSIONS: ReadonlySet<string> = new Set([
  ...Object.keys(MEDIA_TYPES),
  '.json',
]);

/** Extensions files.write saves: graphs and plain text (never scripts or programs). */
export const WRITE_EXTENSIONS: ReadonlySet<string> = new Set(Object.keys(TEXT_TYPES));

/** The lower-case extension with its dot ("" when none). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 && dot < name.length - 1 ? name.slice(dot).toLowerCase() : '';
}

/** The type to send a workspace file with; unknown ones are plain bytes. */
export function contentTypeOf(name: string): string {
  const extension = extensionOf(name);
  return MEDIA_TYPES[extension] ?? TEXT_TYPES[extension] ?? 'application/octet-stream';
}
