/**
 * The `?` overlay: the queue's keyboard shortcuts, grouped. A modal dialog; Tab and Shift+Tab
 * cycle through its controls (the browser would otherwise let focus leave for its own toolbar).
 */
import { useEffect, useRef } from 'react';
import { Dialog } from '../ui/Dialog';
import { ShortcutGroups } from '../ui/ShortcutGroups';
import { displayKey, QUEUE_SHORTCUTS } from './keys';

const GROUPS = ['Move', 'Decide', 'Forms', 'Help'] as const;

function useFocusCycle(open: boolean) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const dialog = ref.current?.closest('dialog');
    if (!open || !dialog) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Tab') return;
      const focusable = [...dialog.querySelectorAll<HTMLElement>('button, a[href], [tabindex="0"]')];
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      if (!first || !last) return;
      if (event.shiftKey && (document.activeElement === first || !dialog.contains(document.activeElement))) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && (document.activeElement === last || !dialog.contains(document.activeElement))) {
        event.preventDefault();
        first.focus();
      }
    };
    dialog.addEventListener('keydown', onKey);
    return () => dialog.removeEventListener('keydown', onKey);
  }, [open]);
  return ref;
}

export function ShortcutsHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useFocusCycle(open);
  return (
    <Dialog open={open} title="Review queue shortcuts" onClose={onClose} wide>
      <ShortcutGroups groups={GROUPS} shortcuts={QUEUE_SHORTCUTS} display={displayKey} />
      <p className="hint">
        Keys act on the selected card (outlined). They do nothing while you type in a field, where <kbd>Enter</kbd> confirms and <kbd>Esc</kbd> cancels. Decisions are recorded
        under your name from Settings.
      </p>
      <div className="rq-help-footer" ref={ref}>
        <button type="button" className="primary" onClick={onClose}>
          Got it
        </button>
      </div>
    </Dialog>
  );
}
