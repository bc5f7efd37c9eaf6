/**
 * Hooks the editor up to the desktop shell when it runs inside the app
 * (desktopShell.ts holds the logic; this file only names the editor's parts).
 */
import { fitView } from '../canvas/viewport.ts';
import { baseName } from '../files/loadGraph.ts';
import { useGraphStore } from '../state/graphStore.ts';
import { useRunStore } from '../state/runStore.ts';
import { COMMANDS } from './commands.ts';
import { connectDesktopShell, findShellBridge, type ShellDocumentState } from './desktopShell.ts';

export function connectDesktopIfPresent(scope: object = window): void {
  const bridge = findShellBridge(scope);
  if (!bridge) return;
  const current = (): ShellDocumentState => {
    const { graph, filePath, dirty } = useGraphStore.getState();
    const title = graph.meta?.title ?? (filePath ? baseName(filePath) : 'Untitled');
    return { title, dirty, ...(filePath ? { path: filePath } : {}) };
  };
  connectDesktopShell(
    bridge,
    { current, subscribe: (listener) => useGraphStore.subscribe(listener) },
    {
      new: COMMANDS.new,
      save: COMMANDS.save,
      'save-as': COMMANDS.saveAs,
      run: () => void useRunStore.getState().startRun(),
      'cancel-run': () => void useRunStore.getState().stopRun(),
      'fit-view': () => fitView(),
      // The shell's own dialog copies the file into inputs/; the editor's picker does the rest.
      'import-file': COMMANDS.open,
    },
  );
}
