/** The keyboard shortcuts (?), from the same table the keys use. */
import { CLIPBOARD_SHORTCUTS, displayCombo, SHORTCUTS } from './shortcuts.ts';
import { Modal } from './Modal.tsx';

const MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const SECTIONS = ['Canvas', 'Edit', 'File', 'Help'] as const;

export function HelpOverlay() {
  return (
    <Modal title="Keyboard shortcuts" testId="help-overlay">
      <div className="weft-help-grid">
        {SECTIONS.map((section) => (
          <section key={section}>
            <h3>{section}</h3>
            <dl>
              {SHORTCUTS.filter((shortcut) => shortcut.section === section).map((shortcut) => (
                <div key={shortcut.id}>
                  <dt>
                    <kbd>{displayCombo(shortcut.combo, MAC)}</kbd>
                  </dt>
                  <dd>{shortcut.description}</dd>
                </div>
              ))}
              {section === 'Edit' &&
                CLIPBOARD_SHORTCUTS.map((shortcut) => (
                  <div key={shortcut.combo}>
                    <dt>
                      <kbd>{displayCombo(shortcut.combo, MAC)}</kbd>
                    </dt>
                    <dd>{shortcut.description}</dd>
                  </div>
                ))}
            </dl>
          </section>
        ))}
      </div>
      <p className="weft-hint">
        Drag from a port to connect; drop a wire on empty canvas to add a node that fits it.
        Shift-drag to box-select. Drop a .weft.json, a PNG made by Weft, or an image on the canvas.
      </p>
    </Modal>
  );
}
