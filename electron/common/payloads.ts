/**
 * One schema per renderer → main channel. The main process parses every
 * payload with these before acting (the renderer is treated as untrusted:
 * a compromised page can call the bridge with anything).
 */
import { z } from 'zod';
import { requestSchema, workspacePathSchema } from '../../engine/common/protocol/messages.ts';
import { IMPORT_KINDS } from './bridge.ts';
import { CHANNELS } from './channels.ts';

const none = z.undefined();

export const documentStateSchema = z
  .object({
    title: z.string().max(500),
    dirty: z.boolean(),
    path: workspacePathSchema.optional(),
  })
  .strict();

export const saveGraphAsSchema = z
  .object({
    text: z.string().max(64 * 1024 * 1024),
    suggestedName: z.string().min(1).max(255).optional(),
  })
  .strict();

export const importFileSchema = z.object({ kind: z.enum(IMPORT_KINDS) }).strict();

/** An absolute path the renderer got from recentFiles() (main checks it is in the list). */
export const recentPathSchema = z.string().min(1).max(4096);

export const externalUrlSchema = z.string().min(1).max(2048);

/** The payload schema of every channel the renderer may send or invoke on. */
export const PAYLOADS = {
  [CHANNELS.engineRequest]: requestSchema,
  [CHANNELS.engineStateGet]: none,
  [CHANNELS.documentState]: documentStateSchema,
  [CHANNELS.commandsReady]: none,
  [CHANNELS.openGraphDialog]: none,
  [CHANNELS.saveGraphAs]: saveGraphAsSchema,
  [CHANNELS.importFileDialog]: importFileSchema,
  [CHANNELS.recentFilesGet]: none,
  [CHANNELS.recentFileOpen]: recentPathSchema,
  [CHANNELS.recentFilesClear]: none,
  [CHANNELS.openExternal]: externalUrlSchema,
} as const;

export type InboundChannel = keyof typeof PAYLOADS;
export type Payload<C extends InboundChannel> = z.infer<(typeof PAYLOADS)[C]>;
