/**
 * The editor's side panels and dialogs. (Placeholder exports while the
 * panels are being built; each is replaced by its real component.)
 */
export { HistoryPanel } from './HistoryPanel.tsx';
export { SettingsPanel } from './SettingsPanel.tsx';
export { MissingModelsDialog } from './MissingModelsDialog.tsx';
export { RunControls } from './RunControls.tsx';
