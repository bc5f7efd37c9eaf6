/**
 * The shell's native questions and file pickers, written for artists. Each
 * takes the dialog module and the window, so the words live in one place.
 */
import type { BrowserWindow, Dialog, FileFilter } from 'electron';
import type { ImportKind } from '../common/bridge.ts';
import type { UnsavedChoice } from './documentTracker.ts';
import type { EngineStopReport } from './engineHost.ts';
import type { RecoveryOffer } from './recovery.ts';

export const GRAPH_FILTERS: FileFilter[] = [
  // macOS matches only the last extension, so the filter is json; names get .weft.json.
  { name: 'Weft graphs', extensions: ['json'] },
];

export const IMPORT_FILTERS: Record<ImportKind, FileFilter[]> = {
  image: [{ name: 'Images', extensions: ['png', 'jpg', 'jpeg', 'webp', 'gif', 'tif', 'tiff'] }],
  audio: [{ name: 'Audio', extensions: ['wav', 'flac', 'mp3', 'ogg'] }],
  video: [{ name: 'Video', extensions: ['mp4', 'webm', 'mov', 'mkv'] }],
  any: [{ name: 'All files', extensions: ['*'] }],
};

export async function askUnsaved(
  dialog: Dialog,
  window: BrowserWindow | undefined,
  title: string,
): Promise<UnsavedChoice> {
  const options = {
    type: 'warning' as const,
    buttons: ['Save', "Don't Save", 'Cancel'],
    defaultId: 0,
    cancelId: 2,
    noLink: true,
    message: `Save the changes to “${title}”?`,
    detail: 'Your changes will be lost if you close it without saving.',
  };
  const { response } = window
    ? await dialog.showMessageBox(window, options)
    : await dialog.showMessageBox(options);
  return response === 0 ? 'save' : response === 1 ? 'discard' : 'cancel';
}

export async function askRecovery(dialog: Dialog, offer: RecoveryOffer): Promise<boolean> {
  const when = offer.savedAt ? ` (autosaved ${new Date(offer.savedAt).toLocaleString()})` : '';
  const { response } = await dialog.showMessageBox({
    type: 'question',
    buttons: ['Restore', 'Discard'],
    defaultId: 0,
    cancelId: 1,
    noLink: true,
    message: `Weft did not close properly. Restore your unsaved changes to “${offer.graph}”?`,
    detail:
      `The restored graph opens as a copy beside the original${when}; ` +
      'the saved file is left as it was.',
  });
  return response === 0;
}

export function showEngineStopped(
  dialog: Dialog,
  window: BrowserWindow | undefined,
  report: EngineStopReport,
): void {
  if (report.requested) return;
  const next = report.restarting
    ? 'Weft has restarted it.'
    : 'It kept stopping, so Weft stopped restarting it: use Run → Restart Engine when ready.';
  const options = {
    type: 'warning' as const,
    title: 'The engine stopped',
    message: report.run ? 'The run failed because the engine stopped.' : 'The engine stopped.',
    detail: report.run
      ? `${report.run.message}\n\n${next}`
      : `Weft's engine stopped: ${report.reason}. ${next}`,
  };
  void (window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options));
}
