/**
 * Registers the main process's IPC handlers so that none can skip the two
 * checks: the sender must be the editor's own top frame (not a subframe, not
 * another page, not another window), and the payload must parse with its
 * channel's schema. Everything else is dropped (send) or rejected (invoke).
 */
import type { z } from 'zod';
import { CHANNELS } from '../common/channels.ts';
import { PAYLOADS, type InboundChannel, type Payload } from '../common/payloads.ts';
import { isAppPage } from './security.ts';

/** What main needs of an IPC event (Electron's IpcMainEvent / IpcMainInvokeEvent). */
export interface IpcEventLike {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
}

/** The part of Electron's ipcMain used here. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => unknown): void;
  on(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => void): unknown;
}

export const SEND_CHANNELS = [
  CHANNELS.engineRequest,
  CHANNELS.documentState,
  CHANNELS.commandsReady,
] as const;
export type SendChannel = (typeof SEND_CHANNELS)[number];
export type InvokeChannel = Exclude<InboundChannel, SendChannel>;

export type SendHandlers = { [C in SendChannel]: (payload: Payload<C>) => void };
export type InvokeHandlers = { [C in InvokeChannel]: (payload: Payload<C>) => unknown };

/**
 * Trusted: sent by the editor window's web contents, from its top frame,
 * showing the app's own page (not a page it was tricked into loading).
 */
export function isTrustedSender(
  event: IpcEventLike,
  trustedContentsId: number | undefined,
): boolean {
  const frame = event.senderFrame;
  return (
    trustedContentsId !== undefined &&
    event.sender.id === trustedContentsId &&
    frame !== null &&
    frame.parent === null &&
    isAppPage(frame.url)
  );
}

export type Check<T> = { ok: true; value: T } | { ok: false; reason: string };

export function checkMessage<C extends InboundChannel>(
  channel: C,
  event: IpcEventLike,
  args: unknown[],
  trustedContentsId: number | undefined,
): Check<Payload<C>> {
  if (!isTrustedSender(event, trustedContentsId)) {
    return { ok: false, reason: 'the sender is not the editor window' };
  }
  if (args.length > 1) return { ok: false, reason: 'one argument expected' };
  const schema: z.ZodType = PAYLOADS[channel];
  const parsed = schema.safeParse(args[0]);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    return { ok: false, reason: `invalid payload (${where}${issue?.message ?? 'wrong shape'})` };
  }
  return { ok: true, value: parsed.data as Payload<C> };
}

export interface IpcRegistration {
  ipcMain: IpcMainLike;
  /** The editor window's webContents id (undefined while it has none). */
  trustedContentsId(): number | undefined;
  send: SendHandlers;
  invoke: InvokeHandlers;
  /** Told about every rejected message (logged; a foreign sender may be an attack). */
  onRejected(channel: string, reason: string): void;
}

export function registerIpc(registration: IpcRegistration): void {
  const { ipcMain } = registration;
  const onRejected = (channel: string, reason: string): void =>
    registration.onRejected(channel, reason);
  for (const channel of SEND_CHANNELS) {
    ipcMain.on(channel, (event: IpcEventLike, ...args: unknown[]) => {
      const checked = checkMessage(channel, event, args, registration.trustedContentsId());
      if (!checked.ok) return onRejected(channel, checked.reason);
      (registration.send[channel] as (payload: unknown) => void)(checked.value);
    });
  }
  for (const channel of Object.keys(registration.invoke) as InvokeChannel[]) {
    ipcMain.handle(channel, async (event: IpcEventLike, ...args: unknown[]) => {
      const checked = checkMessage(channel, event, args, registration.trustedContentsId());
      if (!checked.ok) {
        onRejected(channel, checked.reason);
        throw new Error(`${channel} refused: ${checked.reason}.`);
      }
      return (registration.invoke[channel] as (payload: unknown) => unknown)(checked.value);
    });
  }
}
