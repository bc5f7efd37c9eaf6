/**
 * The editor's run side and panels: run controls (mount once: they connect
 * the run store to the engine), the outputs shown inside each node, the run
 * history, the settings and the missing-models dialog.
 */
export { HistoryPanel } from './HistoryPanel.tsx';
export { SettingsPanel } from './SettingsPanel.tsx';
export { MissingModelsDialog } from './MissingModelsDialog.tsx';
export { RunControls } from './RunControls.tsx';
export { RunMessages } from './RunMessages.tsx';
export { NodeOutputs } from './NodeOutputs.tsx';
