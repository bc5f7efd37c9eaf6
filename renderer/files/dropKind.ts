/**
 * What a file dropped on the canvas is: a graph (a .weft.json, or a PNG that
 * carries one in its `weft:graph` text chunk), an image to load, or neither
 * (with a sentence saying what can be dropped).
 */
import { GRAPH_TEXT_KEY } from '../../engine/common/graph/provenance.ts';
import { isPng, readPngText } from '../../engine/common/media/pngText.ts';

export type DropKind =
  | { kind: 'graph'; text: string; source: string }
  | { kind: 'image' }
  | { kind: 'unsupported'; message: string };

const IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg', '.webp'];

export function classifyDrop(name: string, bytes: Uint8Array): DropKind {
  const lower = name.toLowerCase();
  if (isPng(bytes)) {
    let text: string | undefined;
    try {
      text = readPngText(bytes)[GRAPH_TEXT_KEY];
    } catch {
      return {
        kind: 'unsupported',
        message: `${name} is a damaged PNG (it is cut off); Weft cannot read it.`,
      };
    }
    return text === undefined ? { kind: 'image' } : { kind: 'graph', text, source: name };
  }
  if (lower.endsWith('.json')) {
    return { kind: 'graph', text: new TextDecoder().decode(bytes), source: name };
  }
  if (
    isJpeg(bytes) ||
    isWebp(bytes) ||
    IMAGE_EXTENSIONS.some((extension) => lower.endsWith(extension))
  ) {
    return { kind: 'image' };
  }
  return {
    kind: 'unsupported',
    message: `${name} is neither a graph nor an image Weft can load. Drop a .weft.json file, a PNG saved by Weft (it carries its graph), or a PNG, JPEG or WebP image to load.`,
  };
}

function isJpeg(bytes: Uint8Array): boolean {
  return bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

function isWebp(bytes: Uint8Array): boolean {
  const tag = (offset: number) => String.fromCharCode(...bytes.subarray(offset, offset + 4));
  return bytes.length >= 12 && tag(0) === 'RIFF' && tag(8) === 'WEBP';
}

/** Base64 without blowing the call stack on large files. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let offset = 0; offset < bytes.length; offset += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(offset, offset + 0x8000));
  }
  return btoa(binary);
}
