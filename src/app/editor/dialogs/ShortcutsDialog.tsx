/** The help overlay (`?`): every keyboard shortcut, grouped. */
import { Dialog } from '../../ui/Dialog';
import { ShortcutGroups } from '../../ui/ShortcutGroups';
import { displayKeys, SHORTCUTS } from '../shortcuts';

const GROUPS = ['Edit', 'Select', 'View', 'Flow'] as const;

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} title="Keyboard shortcuts" onClose={onClose} wide>
      <ShortcutGroups groups={GROUPS} shortcuts={SHORTCUTS} display={displayKeys} />
      <p className="hint">Shortcuts do nothing while you type in a field or code editor.</p>
    </Dialog>
  );
}
