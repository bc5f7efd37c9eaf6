/**
 * A request the host refuses on purpose: thrown by an operation, turned into
 * `{ ok: false, error }` by the handler. Anything else thrown is a bug and
 * becomes INTERNAL.
 */
import type { ProtocolError, ProtocolErrorCode } from '../../common/protocol/messages.ts';

export class ProtocolFailure extends Error {
  override readonly name = 'ProtocolFailure';
  readonly error: ProtocolError;
  constructor(
    code: ProtocolErrorCode,
    message: string,
    extra: Omit<ProtocolError, 'code' | 'message'> = {},
  ) {
    super(message);
    this.error = { code, message, ...extra };
  }
}

export function errnoCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error
    ? String(error.code)
    : undefined;
}
