/**
 * Autosave: every change to the document is saved to IndexedDB shortly after it happens, and at
 * once when the page is hidden or closed (with a synchronous localStorage draft as the last
 * resort). Saves go over the revision this tab loaded, so a save never overwrites another tab's
 * work: a conflict, or another tab announcing a save of this flow, stops autosave and asks the
 * person which version to keep.
 */
import { create } from 'zustand';
import { newId } from '../../../engine/flow/create';
import type { FlowDoc } from '../../../engine/flow/schema';
import { TrellisError } from '../../../engine/util/errors';
import type { FlowRow, TrellisDB } from '../../../storage/db';
import { isQuotaError } from '../../../storage/errors';
import { createSnapshot, forceSaveFlow, getFlow, saveFlow } from '../../../storage/flowsRepo';
import { useEditorStore } from '../store';
import { clearDraft, writeDraft, type DraftStorage } from './draft';

export type SaveStatus =
  | { kind: 'saved' }
  | { kind: 'saving' }
  | { kind: 'error'; message: string; missing: boolean }
  | { kind: 'conflict'; theirs: FlowRow | null };

export const useSaveStatus = create<{ status: SaveStatus }>()(() => ({ status: { kind: 'saved' } }));
const setStatus = (status: SaveStatus) => useSaveStatus.setState({ status });

export const FLOWS_CHANNEL = 'trellis-flows';

export interface FlowSavedMessage {
  type: 'flow-saved';
  flowId: string;
  revision: number;
  tabId: string;
}

export interface ChannelLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  close(): void;
}

export interface AutosaveOptions {
  db: TrellisDB;
  flowId: string;
  delayMs?: number;
  storage?: DraftStorage | null;
  channel?: ChannelLike | null;
  now?: () => number;
}

export function describeSaveError(error: unknown): string {
  if (isQuotaError(error)) return "the browser's storage for this site is full. Free some space (delete old runs or flows) and retry.";
  if (error instanceof TrellisError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return 'the browser refused to write to its database.';
}

export class Autosaver {
  private readonly db: TrellisDB;
  private readonly flowId: string;
  private readonly delayMs: number;
  private readonly storage: DraftStorage | null;
  private readonly channel: ChannelLike | null;
  private readonly now: () => number;
  private readonly tabId = newId('tab');
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight: Promise<void> | null = null;
  private inFlightRevision: number | null = null;
  private again = false;
  private unsubscribe: (() => void) | null = null;

  constructor(options: AutosaveOptions) {
    this.db = options.db;
    this.flowId = options.flowId;
    this.delayMs = options.delayMs ?? 500;
    this.storage = options.storage ?? null;
    this.channel = options.channel ?? null;
    this.now = options.now ?? Date.now;
  }

  start(): void {
    setStatus({ kind: 'saved' });
    this.unsubscribe = useEditorStore.subscribe((state, previous) => {
      if (state.doc !== previous.doc) this.onChange();
    });
    this.channel?.addEventListener('message', this.onMessage);
    // A document that starts out unsaved (a recovered draft) is saved right away.
    this.onChange();
  }

  /** Stops listening; a pending save is written now. */
  stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.channel?.removeEventListener('message', this.onMessage);
    return this.flush();
  }

  /** Saves now whatever is pending (page hidden, leaving the editor, Ctrl+S). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    return this.save();
  }

  /** The page is going away: keep a synchronous copy of unsaved work, then try to save it. */
  onPageHide = (): void => {
    const { doc, savedDoc, baseRevision } = useEditorStore.getState();
    if (doc && doc.id === this.flowId && (doc !== savedDoc || this.inFlight)) {
      writeDraft(this.storage, { baseRevision, pendingRevision: this.inFlightRevision, doc, savedAt: this.now() });
    }
    void this.flush();
  };

  /** Retries after an error. A flow deleted in another tab is written back. */
  async retry(): Promise<void> {
    const status = useSaveStatus.getState().status;
    if (status.kind === 'error' && status.missing) {
      await this.keepMine();
      return;
    }
    if (status.kind === 'error') setStatus({ kind: 'saving' });
    await this.flush();
  }

  /** Conflict: overwrite the stored flow with this tab's document. */
  async keepMine(): Promise<void> {
    const doc = useEditorStore.getState().doc;
    if (!doc) return;
    setStatus({ kind: 'saving' });
    try {
      const { revision } = await forceSaveFlow(this.db, doc, this.now());
      useEditorStore.getState().markSaved(revision, doc);
      this.announce(revision);
      this.settle(doc);
    } catch (error) {
      setStatus({ kind: 'error', message: describeSaveError(error), missing: false });
    }
  }

  /**
   * Conflict: load the stored flow. Unsaved changes here are first kept as a named version.
   * Returns the name of that version (null when there was nothing unsaved).
   */
  async loadTheirs(): Promise<string | null> {
    const theirs = await getFlow(this.db, this.flowId);
    if (!theirs) {
      setStatus({ kind: 'error', message: 'the flow no longer exists; it may have been deleted in another tab.', missing: true });
      return null;
    }
    const { doc, savedDoc } = useEditorStore.getState();
    let kept: string | null = null;
    if (doc && doc !== savedDoc) {
      kept = `My unsaved changes, ${new Date(this.now()).toLocaleString()}`;
      await createSnapshot(this.db, doc, kept, newId('snap'), this.now());
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    useEditorStore.getState().load(theirs.doc, theirs.revision);
    clearDraft(this.storage, this.flowId);
    setStatus({ kind: 'saved' });
    return kept;
  }

  private onMessage = (event: MessageEvent): void => {
    const message = event.data as Partial<FlowSavedMessage> | null;
    if (!message || message.type !== 'flow-saved' || message.flowId !== this.flowId || message.tabId === this.tabId) return;
    if (typeof message.revision !== 'number' || message.revision <= useEditorStore.getState().baseRevision) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    setStatus({ kind: 'conflict', theirs: null });
    void getFlow(this.db, this.flowId).then((theirs) => {
      if (useSaveStatus.getState().status.kind === 'conflict') setStatus({ kind: 'conflict', theirs: theirs ?? null });
    });
  };

  private onChange(): void {
    const { doc, savedDoc } = useEditorStore.getState();
    const status = useSaveStatus.getState().status;
    if (status.kind === 'conflict') return; // the person chooses first
    if (!doc || doc.id !== this.flowId) return;
    if (doc === savedDoc && !this.inFlight) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      if (status.kind !== 'error') setStatus({ kind: 'saved' });
      return;
    }
    if (status.kind !== 'error') setStatus({ kind: 'saving' });
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.save();
    }, this.delayMs);
  }

  private async save(): Promise<void> {
    if (this.inFlight) {
      this.again = true;
      return this.inFlight;
    }
    if (useSaveStatus.getState().status.kind === 'conflict') return;
    const { doc, savedDoc, baseRevision } = useEditorStore.getState();
    if (!doc || doc.id !== this.flowId || doc === savedDoc) return;
    setStatus({ kind: 'saving' });
    this.inFlightRevision = baseRevision + 1;
    this.inFlight = this.write(doc, baseRevision);
    try {
      await this.inFlight;
    } finally {
      this.inFlight = null;
      this.inFlightRevision = null;
    }
    const state = useEditorStore.getState();
    const status = useSaveStatus.getState().status.kind;
    if ((this.again || state.doc !== state.savedDoc) && status === 'saving') {
      this.again = false;
      await this.save();
    }
    this.again = false;
  }

  private async write(doc: FlowDoc, baseRevision: number): Promise<void> {
    try {
      const result = await saveFlow(this.db, doc, baseRevision, this.now());
      if (result.ok) {
        useEditorStore.getState().markSaved(result.revision, doc);
        this.announce(result.revision);
        this.settle(doc);
      } else {
        setStatus({ kind: 'conflict', theirs: result.conflict });
      }
    } catch (error) {
      const missing = error instanceof TrellisError && error.code === 'not_found';
      setStatus({ kind: 'error', message: describeSaveError(error), missing });
    }
  }

  /** After a successful save: "Saved" when nothing newer is waiting. */
  private settle(saved: FlowDoc): void {
    if (useEditorStore.getState().doc === saved) {
      clearDraft(this.storage, this.flowId);
      setStatus({ kind: 'saved' });
    } else {
      setStatus({ kind: 'saving' });
    }
  }

  private announce(revision: number): void {
    const message: FlowSavedMessage = { type: 'flow-saved', flowId: this.flowId, revision, tabId: this.tabId };
    try {
      this.channel?.postMessage(message);
    } catch {
      // a closed channel: other tabs still find out when they save
    }
  }
}
