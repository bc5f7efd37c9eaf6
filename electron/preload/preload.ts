/**
 * The preload of the editor window. It runs sandboxed with context isolation,
 * so it is bundled into one CommonJS file whose only require is 'electron'
 * (scripts/buildElectron.ts), and it exposes named functions only.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './createBridge.ts';

contextBridge.exposeInMainWorld('weft', createBridge(ipcRenderer));
