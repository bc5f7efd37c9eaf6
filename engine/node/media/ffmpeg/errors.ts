/**
 * Errors about a media file or what ffmpeg can do with it, written for the
 * artist: one sentence saying what is wrong and what to do. `kind` lets a
 * node or `weft doctor` tell them apart without matching on the words.
 */
export type MediaErrorKind =
  | 'not-media'
  | 'no-audio'
  | 'no-video'
  | 'empty'
  | 'damaged'
  | 'missing-codec'
  | 'unsupported'
  | 'bad-options';

export class MediaError extends Error {
  override readonly name = 'MediaError';
  constructor(
    readonly kind: MediaErrorKind,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
