/**
 * Keyboard shortcuts as grouped two-column tables (keys, what they do), for the help overlays
 * (`?`) of the editor and the review queue.
 */
import './shortcuts.css';

export interface ShortcutRow {
  keys: string[];
  description: string;
  group: string;
}

export function ShortcutGroups({ groups, shortcuts, display }: { groups: readonly string[]; shortcuts: readonly ShortcutRow[]; display: (key: string) => string }) {
  return (
    <div className="shortcut-groups">
      {groups.map((group) => (
        <section key={group} className="shortcut-group">
          <h3>{group}</h3>
          <table className="shortcut-table">
            <tbody>
              {shortcuts
                .filter((s) => s.group === group)
                .map((s) => (
                  <tr key={s.description}>
                    <td className="shortcut-keys">
                      {s.keys.map((k, i) => (
                        <span key={k}>
                          {i > 0 ? <span className="shortcut-or"> or </span> : null}
                          <kbd>{display(k)}</kbd>
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
  );
}
