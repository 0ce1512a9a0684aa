/** The editor's keyboard shortcuts: one list drives both the handler and the help overlay. */
export type ShortcutId =
  | 'undo'
  | 'redo'
  | 'copy'
  | 'cut'
  | 'paste'
  | 'duplicate'
  | 'selectAll'
  | 'delete'
  | 'deselect'
  | 'layout'
  | 'fit'
  | 'zoomIn'
  | 'zoomOut'
  | 'save'
  | 'connect'
  | 'search'
  | 'help';

export interface Shortcut {
  id: ShortcutId | null;
  /** Key combinations as shown; "Mod" is Ctrl (⌘ on a Mac). */
  keys: string[];
  description: string;
  group: 'Edit' | 'Select' | 'View' | 'Flow';
}

export const SHORTCUTS: Shortcut[] = [
  { id: 'undo', keys: ['Mod+Z'], description: 'Undo', group: 'Edit' },
  { id: 'redo', keys: ['Mod+Shift+Z', 'Mod+Y'], description: 'Redo', group: 'Edit' },
  { id: 'copy', keys: ['Mod+C'], description: 'Copy the selected steps (and the connections between them)', group: 'Edit' },
  { id: 'cut', keys: ['Mod+X'], description: 'Cut the selected steps', group: 'Edit' },
  { id: 'paste', keys: ['Mod+V'], description: 'Paste steps', group: 'Edit' },
  { id: 'duplicate', keys: ['Mod+D'], description: 'Duplicate the selected steps', group: 'Edit' },
  { id: 'delete', keys: ['Delete', 'Backspace'], description: 'Delete the selected steps and connections', group: 'Edit' },
  { id: 'connect', keys: ['C'], description: 'Connect ports from the keyboard', group: 'Edit' },
  { id: 'selectAll', keys: ['Mod+A'], description: 'Select everything', group: 'Select' },
  { id: 'deselect', keys: ['Escape'], description: 'Clear the selection', group: 'Select' },
  { id: null, keys: ['Shift+Click'], description: 'Add a step or connection to the selection', group: 'Select' },
  { id: null, keys: ['Shift+Drag'], description: 'Select the steps inside a box', group: 'Select' },
  { id: null, keys: ['Tab', 'Enter'], description: 'Move to a step on the canvas, and select it', group: 'Select' },
  { id: null, keys: ['Arrow keys'], description: 'Move the selected steps', group: 'Select' },
  { id: 'layout', keys: ['Shift+L'], description: 'Arrange the flow left to right', group: 'View' },
  { id: 'fit', keys: ['Shift+1'], description: 'Fit the whole flow in view', group: 'View' },
  { id: 'zoomIn', keys: ['+'], description: 'Zoom in', group: 'View' },
  { id: 'zoomOut', keys: ['-'], description: 'Zoom out', group: 'View' },
  { id: null, keys: ['Drag the background'], description: 'Pan the canvas (the scroll wheel zooms)', group: 'View' },
  { id: 'search', keys: ['/'], description: 'Search the palette', group: 'Flow' },
  { id: 'save', keys: ['Mod+S'], description: 'Save now (changes are also saved automatically)', group: 'Flow' },
  { id: 'help', keys: ['?'], description: 'Show these shortcuts', group: 'Flow' },
];

/** True on a Mac, where "Mod" is ⌘. */
export function isMac(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
}

export function displayKeys(keys: string, mac = isMac()): string {
  return keys.replace(/Mod/g, mac ? '⌘' : 'Ctrl');
}

/** The shortcut a key press means, if any (event-like so it can be tested without a DOM). */
export function matchShortcut(event: { key: string; code?: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }): ShortcutId | null {
  const mod = event.ctrlKey || event.metaKey;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  if (event.altKey) return null;
  if (mod) {
    if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
    if (key === 'y' && !event.shiftKey) return 'redo';
    if (event.shiftKey) return null;
    if (key === 'c') return 'copy';
    if (key === 'x') return 'cut';
    if (key === 'v') return 'paste';
    if (key === 'd') return 'duplicate';
    if (key === 'a') return 'selectAll';
    if (key === 's') return 'save';
    return null;
  }
  if (key === 'Delete' || key === 'Backspace') return 'delete';
  if (key === 'Escape') return 'deselect';
  if (key === '?') return 'help';
  if (event.shiftKey && key === 'l') return 'layout';
  if (event.shiftKey && (key === '!' || event.code === 'Digit1')) return 'fit';
  if (key === '+' || key === '=') return 'zoomIn';
  if (key === '-' || key === '_') return 'zoomOut';
  if (key === '/') return 'search';
  if (key === 'c' && !event.shiftKey) return 'connect';
  return null;
}

/** True when the key press belongs to a text field, select, or code editor, not to the canvas. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const element = target as Element;
  return !!element.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"], .monaco-editor');
}
