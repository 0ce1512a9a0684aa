/** The review queue's keyboard map: the shortcuts (shown by the `?` overlay) and key -> command. */

export type QueueCommand = 'next' | 'previous' | 'approve' | 'reject' | 'edit' | 'comment' | 'input' | 'help';

export interface QueueShortcut {
  keys: string[];
  description: string;
  group: 'Move' | 'Decide' | 'Forms' | 'Help';
}

export const QUEUE_SHORTCUTS: QueueShortcut[] = [
  { keys: ['j', 'ArrowDown'], description: 'Next item', group: 'Move' },
  { keys: ['k', 'ArrowUp'], description: 'Previous item', group: 'Move' },
  { keys: ['i'], description: 'Show or hide the full input', group: 'Move' },
  { keys: ['a'], description: 'Approve the selected item', group: 'Decide' },
  { keys: ['r'], description: 'Reject it (type the reason)', group: 'Decide' },
  { keys: ['e'], description: 'Edit the output, then approve', group: 'Decide' },
  { keys: ['c'], description: 'Comment on it', group: 'Decide' },
  { keys: ['Enter'], description: 'Confirm the open form (Shift+Enter: new line)', group: 'Forms' },
  { keys: ['Ctrl+Enter'], description: 'Save the edited output and approve', group: 'Forms' },
  { keys: ['Escape'], description: 'Cancel the open form', group: 'Forms' },
  { keys: ['?'], description: 'Show these shortcuts', group: 'Help' },
];

const COMMANDS: Record<string, QueueCommand> = {
  j: 'next',
  ArrowDown: 'next',
  k: 'previous',
  ArrowUp: 'previous',
  i: 'input',
  a: 'approve',
  r: 'reject',
  e: 'edit',
  c: 'comment',
  '?': 'help',
};

/** The command of a key press outside text fields, or null (modifiers other than Shift never match). */
export function commandFor(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>): QueueCommand | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  return COMMANDS[event.key] ?? null;
}

/** Key names as shown: arrows as symbols, letters as they are. */
export function displayKey(key: string): string {
  const names: Record<string, string> = { ArrowDown: '↓', ArrowUp: '↑', Escape: 'Esc', Enter: 'Enter' };
  return names[key] ?? key;
}

/** True when a key press belongs to a text field (or a select), so shortcuts leave it alone. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT';
}
