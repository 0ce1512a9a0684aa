/** The help overlay (`?`): every keyboard shortcut, grouped. */
import { Dialog } from '../../ui/Dialog';
import { displayKeys, SHORTCUTS } from '../shortcuts';

const GROUPS = ['Edit', 'Select', 'View', 'Flow'] as const;

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} title="Keyboard shortcuts" onClose={onClose} wide>
      <div className="ed-shortcut-groups">
        {GROUPS.map((group) => (
          <section key={group} className="ed-shortcut-group">
            <h3>{group}</h3>
            <table className="ed-shortcut-table">
              <tbody>
                {SHORTCUTS.filter((s) => s.group === group).map((s) => (
                  <tr key={s.description}>
                    <td className="ed-shortcut-keys">
                      {s.keys.map((k, i) => (
                        <span key={k}>
                          {i > 0 ? <span className="ed-shortcut-or"> or </span> : null}
                          <kbd>{displayKeys(k)}</kbd>
                        </span>
                      ))}
                    </td>
                    <td>{s.description}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
      </div>
      <p className="hint">Shortcuts do nothing while you type in a field or code editor.</p>
    </Dialog>
  );
}
