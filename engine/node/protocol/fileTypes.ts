/**
 * Which files the host takes from a client: uploads are media and graphs
 * only; saves are graphs and text. (Content types: engine/common/contentTypes.ts.)
 */
import { MEDIA_TYPES, TEXT_TYPES } from '../../common/contentTypes.ts';

export { contentTypeOf, extensionOf, MEDIA_TYPES, TEXT_TYPES } from '../../common/contentTypes.ts';

/** Extensions a dropped file may have: media, and graphs (.weft.json). */
export const UPLOAD_EXTENSIONS: ReadonlySet<string> = new Set([
  ...Object.keys(MEDIA_TYPES),
  '.json',
]);

/** Extensions files.write saves: graphs and plain text (never scripts or programs). */
export const WRITE_EXTENSIONS: ReadonlySet<string> = new Set(Object.keys(TEXT_TYPES));
