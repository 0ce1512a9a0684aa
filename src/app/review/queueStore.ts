/**
 * What the review queue screen holds besides the data: the selected item (by id, so an item
 * removed above it by another tab never shifts a decision onto a different item), the open form
 * on it, which parts of which cards are expanded, items being decided, and the last notice.
 */
import { create } from 'zustand';

export type FormKind = 'approve' | 'reject' | 'edit' | 'comment';

export interface QueueNotice {
  kind: 'conflict' | 'error' | 'done';
  text: string;
}

export interface QueueState {
  /** The selected item, or null while the item at `selectedIndex` is not loaded. */
  selectedId: string | null;
  selectedIndex: number;
  /** The open form, always on the selected item. */
  form: FormKind | null;
  /** Bumped to move focus to the selected card once it is on screen (keyboard moves, decisions). */
  focusTick: number;
  /** Bumped to scroll the selected card into view. */
  scrollTick: number;
  expanded: Record<string, { input?: boolean; output?: boolean }>;
  /** Items with a decision in flight. */
  busy: Record<string, true>;
  notice: QueueNotice | null;
  helpOpen: boolean;
}

const initial: QueueState = { selectedId: null, selectedIndex: 0, form: null, focusTick: 0, scrollTick: 0, expanded: {}, busy: {}, notice: null, helpOpen: false };

export const useQueue = create<QueueState>()(() => initial);

export const queue = {
  reset(): void {
    useQueue.setState(initial);
  },
  /** Selects an item; `move` also scrolls it into view and focuses it (keyboard). */
  select(id: string | null, index: number, move = false): void {
    const state = useQueue.getState();
    const same = state.selectedId === id && id !== null;
    useQueue.setState({
      selectedId: id,
      selectedIndex: Math.max(0, index),
      form: same ? state.form : null,
      ...(move ? { focusTick: state.focusTick + 1, scrollTick: state.scrollTick + 1 } : {}),
    });
  },
  /** Follows the selected item when it moves (items before it decided), without focusing it. */
  follow(index: number): void {
    if (useQueue.getState().selectedIndex !== index) useQueue.setState({ selectedIndex: index });
  },
  openForm(form: FormKind | null): void {
    useQueue.setState({ form });
  },
  /** Closes the form and gives focus back to the card. */
  closeForm(): void {
    const state = useQueue.getState();
    useQueue.setState({ form: null, focusTick: state.focusTick + 1 });
  },
  toggle(id: string, part: 'input' | 'output'): void {
    const expanded = useQueue.getState().expanded;
    const current = expanded[id] ?? {};
    useQueue.setState({ expanded: { ...expanded, [id]: { ...current, [part]: !current[part] } } });
  },
  setBusy(id: string, busy: boolean): void {
    const next = { ...useQueue.getState().busy };
    if (busy) next[id] = true;
    else delete next[id];
    useQueue.setState({ busy: next });
  },
  notify(notice: QueueNotice | null): void {
    useQueue.setState({ notice });
  },
  setHelp(helpOpen: boolean): void {
    useQueue.setState({ helpOpen });
  },
};
