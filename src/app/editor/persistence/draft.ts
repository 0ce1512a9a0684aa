/**
 * The last-moment draft: when the page is hidden or closed with changes not yet in IndexedDB, the
 * document is written synchronously to localStorage (an IndexedDB write started while a page
 * unloads may not finish). Opening the flow again puts the draft back.
 */
import { canonicalJson } from '../../../engine/flow/canonical';
import type { FlowDoc } from '../../../engine/flow/schema';

export interface Draft {
  /** The revision the draft's changes were made over. */
  baseRevision: number;
  /** The revision a save in flight at the time would produce (its changes are part of the draft). */
  pendingRevision: number | null;
  doc: FlowDoc;
  savedAt: number;
}

export type DraftStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const key = (flowId: string) => `trellis.editor.draft.${flowId}`;

export function defaultDraftStorage(): DraftStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function writeDraft(storage: DraftStorage | null, draft: Draft): boolean {
  if (!storage) return false;
  try {
    storage.setItem(key(draft.doc.id), JSON.stringify(draft));
    return true;
  } catch {
    return false; // full or unavailable: the IndexedDB save is still under way
  }
}

export function readDraft(storage: DraftStorage | null, flowId: string): Draft | null {
  if (!storage) return null;
  try {
    const text = storage.getItem(key(flowId));
    if (!text) return null;
    const draft = JSON.parse(text) as Draft;
    if (!draft || typeof draft.baseRevision !== 'number' || !draft.doc || draft.doc.id !== flowId || !Array.isArray(draft.doc.nodes)) return null;
    return draft;
  } catch {
    return null;
  }
}

export function clearDraft(storage: DraftStorage | null, flowId: string): void {
  try {
    storage?.removeItem(key(flowId));
  } catch {
    // nothing to do
  }
}

export type OpenResult =
  | { kind: 'missing' }
  | {
      kind: 'ready';
      doc: FlowDoc;
      revision: number;
      /**
       * A draft to apply over `doc` as an unsaved change ('continue'), or a draft made over an
       * older revision that another tab has since replaced ('conflict': load it as the document
       * at its own base revision, so saving it asks the person which version to keep).
       */
      recovered: { mode: 'continue' | 'conflict'; doc: FlowDoc; baseRevision: number } | null;
    };

/** What to open, given the stored flow and any draft left from last time. */
export function reconcileDraft(row: { doc: FlowDoc; revision: number } | undefined, draft: Draft | null): OpenResult {
  if (!row) return { kind: 'missing' };
  if (!draft || canonicalJson(draft.doc) === canonicalJson(row.doc)) return { kind: 'ready', doc: row.doc, revision: row.revision, recovered: null };
  const current = draft.baseRevision === row.revision || draft.pendingRevision === row.revision;
  return {
    kind: 'ready',
    doc: row.doc,
    revision: row.revision,
    recovered: { mode: current ? 'continue' : 'conflict', doc: draft.doc, baseRevision: draft.baseRevision },
  };
}
