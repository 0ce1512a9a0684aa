/**
 * One undo step per burst of typing: the first keystroke opens a gesture on the editor store
 * (`beginGesture`), later ones extend it, and the gesture closes after a pause, when the field
 * loses focus, or before anything else changes the document (`flushTypingBurst`). Discrete edits
 * (a checkbox, adding a list item) close any open burst and are one step each.
 */
import { useEditorStore } from '../store';

const PAUSE_MS = 800;
let open = false;
let timer: ReturnType<typeof setTimeout> | undefined;

/** Ends the open burst, if any, so the next change is its own undo step. */
export function flushTypingBurst(): void {
  if (timer !== undefined) clearTimeout(timer);
  timer = undefined;
  if (!open) return;
  open = false;
  useEditorStore.getState().endGesture();
}

/** Applies a typing change as part of the current burst. */
export function typingChange(apply: () => void): void {
  if (!open) {
    useEditorStore.getState().beginGesture();
    open = true;
  }
  apply();
  if (timer !== undefined) clearTimeout(timer);
  timer = setTimeout(flushTypingBurst, PAUSE_MS);
}

/** Applies a change as its own undo step. */
export function discreteChange(apply: () => void): void {
  flushTypingBurst();
  apply();
}
