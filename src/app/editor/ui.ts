/** The editor's view state that is not part of the document: sidebar tab, open dialogs, sizes. */
import { create } from 'zustand';
import type { Dimensions } from './canvas/derive';

export type SidebarTab = 'inspect' | 'problems' | 'plan' | 'run';
export type EditorDialog = 'shortcuts' | 'save-version' | 'versions' | 'connect' | null;

interface EditorUiState {
  tab: SidebarTab;
  dialog: EditorDialog;
  /** Measured node sizes from the canvas (view only; never saved). */
  measured: ReadonlyMap<string, Dimensions>;
  /** A long operation in progress (auto-layout), shown in the toolbar. */
  busy: string | null;
  setTab(tab: SidebarTab): void;
  openDialog(dialog: EditorDialog): void;
  setMeasured(updates: { id: string; size: Dimensions }[]): void;
  setBusy(busy: string | null): void;
  reset(): void;
}

export const useEditorUi = create<EditorUiState>()((set, get) => ({
  tab: 'inspect',
  dialog: null,
  measured: new Map(),
  busy: null,
  setTab: (tab) => set({ tab }),
  openDialog: (dialog) => set({ dialog }),
  setMeasured(updates) {
    const current = get().measured;
    let next: Map<string, Dimensions> | null = null;
    for (const { id, size } of updates) {
      const old = current.get(id);
      if (old && old.width === size.width && old.height === size.height) continue;
      next ??= new Map(current);
      next.set(id, { width: size.width, height: size.height });
    }
    if (next) set({ measured: next });
  },
  setBusy: (busy) => set({ busy }),
  reset: () => set({ tab: 'inspect', dialog: null, measured: new Map(), busy: null }),
}));
