/**
 * The editor's state: the flow document being edited (with undo/redo history) and what is
 * selected. Every change to the document goes through `change()`, which records one undo step;
 * continuous gestures (dragging nodes, typing in a field) are grouped into one step with
 * `beginGesture()` / `endGesture()`. Documents are immutable: a change returns a new document
 * (unchanged nodes keep their objects, which the compiler's config cache relies on).
 *
 * The compiled plan and its diagnostics are derived (see `useCompiled` in ./compiled.ts).
 */
import { create } from 'zustand';
import { temporal } from 'zundo';
import type { FlowDoc, FlowEdge, FlowNode, FlowSettings } from '../../engine/flow/schema';

export interface Selection {
  nodes: string[];
  edges: string[];
}

export interface EditorState {
  /** The flow being edited; null before one is loaded. */
  doc: FlowDoc | null;
  /** The revision of the saved flow this document descends from (for conflict checks). */
  baseRevision: number;
  /** The document as last saved (or loaded); the document has unsaved changes when it differs. */
  savedDoc: FlowDoc | null;
  selection: Selection;

  /** Replaces the document (opening a flow, restoring a version); clears undo history. */
  load(doc: FlowDoc, revision: number): void;
  /** Applies a change as one undo step. `recipe` returns the new document (or the same to do nothing). */
  change(recipe: (doc: FlowDoc) => FlowDoc): void;
  /** Starts grouping changes (e.g. a drag) into one undo step; `endGesture` closes the group. */
  beginGesture(): void;
  endGesture(): void;
  select(selection: Partial<Selection>): void;
  /** The save of `revision` succeeded. */
  markSaved(revision: number, saved: FlowDoc): void;

  // Conveniences over change():
  updateNode(id: string, patch: Partial<Pick<FlowNode, 'label' | 'position' | 'config'>>): void;
  updateNodeConfig(id: string, config: Record<string, unknown>): void;
  updateSettings(patch: Partial<FlowSettings>): void;
  addNodes(nodes: FlowNode[], edges?: FlowEdge[]): void;
  addEdge(edge: FlowEdge): void;
  /** Removes nodes (and every edge touching them) and edges. */
  remove(ids: { nodes?: string[]; edges?: string[] }): void;
}

const EMPTY_SELECTION: Selection = { nodes: [], edges: [] };

/** The gesture in progress: the document before it, and the copy recorded as its undo step. */
let gesture: { before: FlowDoc; copy: FlowDoc } | null = null;

export const useEditorStore = create<EditorState>()(
  temporal(
    (set, get) => ({
      doc: null,
      baseRevision: 0,
      savedDoc: null,
      selection: EMPTY_SELECTION,

      load(doc, revision) {
        set({ doc, baseRevision: revision, savedDoc: doc, selection: EMPTY_SELECTION });
        // A gesture left open (a field unmounted mid-typing) does not outlive the document.
        gesture = null;
        useEditorStore.temporal.getState().resume();
        useEditorStore.temporal.getState().clear();
      },
      change(recipe) {
        const doc = get().doc;
        if (!doc) return;
        const next = recipe(doc);
        if (next !== doc) set({ doc: next });
      },
      beginGesture() {
        // Record the state before the gesture as one undo step, then stop tracking until it ends.
        const temporalState = useEditorStore.temporal.getState();
        if (!temporalState.isTracking) return;
        const { doc } = get();
        if (doc) {
          const copy = { ...doc };
          gesture = { before: doc, copy };
          set({ doc: copy });
        }
        temporalState.pause();
      },
      endGesture() {
        const temporalState = useEditorStore.temporal.getState();
        const started = gesture;
        gesture = null;
        // A gesture that changed nothing (a click that never moved) leaves no undo step and no
        // unsaved change behind: put the very same document back and drop the recorded step.
        if (started && get().doc === started.copy) {
          set({ doc: started.before });
          const past = temporalState.pastStates;
          if (past[past.length - 1]?.doc === started.before) useEditorStore.temporal.setState({ pastStates: past.slice(0, -1) });
        }
        temporalState.resume();
      },
      select(selection) {
        set({ selection: { ...get().selection, ...selection } });
      },
      markSaved(revision, saved) {
        set({ baseRevision: revision, savedDoc: saved });
      },

      updateNode(id, patch) {
        get().change((doc) => ({ ...doc, nodes: doc.nodes.map((node) => (node.id === id ? { ...node, ...patch } : node)) }));
      },
      updateNodeConfig(id, config) {
        get().updateNode(id, { config });
      },
      updateSettings(patch) {
        get().change((doc) => ({ ...doc, settings: { ...doc.settings, ...patch } }));
      },
      addNodes(nodes, edges = []) {
        get().change((doc) => ({ ...doc, nodes: [...doc.nodes, ...nodes], edges: [...doc.edges, ...edges] }));
      },
      addEdge(edge) {
        get().change((doc) => ({ ...doc, edges: [...doc.edges, edge] }));
      },
      remove({ nodes = [], edges = [] }) {
        if (nodes.length === 0 && edges.length === 0) return;
        const goneNodes = new Set(nodes);
        const goneEdges = new Set(edges);
        get().change((doc) => ({
          ...doc,
          nodes: doc.nodes.filter((node) => !goneNodes.has(node.id)),
          edges: doc.edges.filter((edge) => !goneEdges.has(edge.id) && !goneNodes.has(edge.source) && !goneNodes.has(edge.target)),
        }));
        const { selection } = get();
        set({ selection: { nodes: selection.nodes.filter((id) => !goneNodes.has(id)), edges: selection.edges.filter((id) => !goneEdges.has(id)) } });
      },
    }),
    {
      // Only the document is history; selection and flags are not undone.
      partialize: (state) => ({ doc: state.doc }),
      equality: (past, current) => past.doc === current.doc,
      limit: 200,
    },
  ),
);

/** Undo/redo of document changes. */
export const editorHistory = {
  undo: () => useEditorStore.temporal.getState().undo(),
  redo: () => useEditorStore.temporal.getState().redo(),
  canUndo: () => useEditorStore.temporal.getState().pastStates.length > 0,
  canRedo: () => useEditorStore.temporal.getState().futureStates.length > 0,
};

/** True when the document has changes that are not saved yet. */
export function hasUnsavedChanges(state: Pick<EditorState, 'doc' | 'savedDoc'>): boolean {
  return state.doc !== state.savedDoc;
}
