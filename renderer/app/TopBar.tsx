/** The bar above the canvas: file, document name, editing, running, connection. */
import type { EngineClient } from '../client/types.ts';
import { RunControls } from '../panels/index.ts';
import { ConnectionDot } from './ConnectionBanner.tsx';
import { DocumentName } from './DocumentName.tsx';
import { EditButtons } from './EditButtons.tsx';
import { FileMenu } from './FileMenu.tsx';

export function TopBar({ client }: { client: EngineClient }) {
  return (
    <header className="weft-topbar">
      <span className="weft-brand">Weft</span>
      <FileMenu />
      <DocumentName />
      <EditButtons />
      <div className="weft-topbar-run">
        <RunControls />
      </div>
      <ConnectionDot client={client} />
    </header>
  );
}
