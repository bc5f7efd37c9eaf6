/**
 * Messages between the main process and the engine's utility process. The
 * protocol's requests and host messages travel inside them unchanged; the
 * rest is the host's own business (start-up, heartbeat, fatal errors).
 */
import { z } from 'zod';
import type { HostMessage, Request } from '../../engine/common/protocol/messages.ts';

export type ToEngine =
  | { kind: 'request'; request: Request }
  /** The heartbeat: an engine whose event loop is stuck never answers. */
  | { kind: 'ping'; seq: number };

export type FromEngine =
  | { kind: 'ready'; workspace: string }
  | { kind: 'message'; message: HostMessage }
  | { kind: 'pong'; seq: number }
  | { kind: 'warning'; message: string }
  /** The engine could not start or hit an error it cannot recover from; it exits after this. */
  | { kind: 'fatal'; message: string };

/**
 * The host checks the envelope of what the child says; the protocol messages
 * inside are the engine's own output and are passed on as they are.
 */
export const fromEngineSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ready'), workspace: z.string() }),
  z.object({
    kind: z.literal('message'),
    message: z.custom<HostMessage>(
      (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
    ),
  }),
  z.object({ kind: z.literal('pong'), seq: z.number().int() }),
  z.object({ kind: z.literal('warning'), message: z.string() }),
  z.object({ kind: z.literal('fatal'), message: z.string() }),
]);
