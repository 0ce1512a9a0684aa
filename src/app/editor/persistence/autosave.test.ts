import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { supportTriageFlow } from '../../../engine/templates/supportTriage';
import { TrellisDB } from '../../../storage/db';
import { createFlow, getFlow, listSnapshots, saveFlow } from '../../../storage/flowsRepo';
import { useEditorStore } from '../store';
import { Autosaver, useSaveStatus, type ChannelLike } from './autosave';
import { readDraft, reconcileDraft, type DraftStorage } from './draft';

let n = 0;
let db: TrellisDB;
let saver: Autosaver | null = null;
const store = () => useEditorStore.getState();
const status = () => useSaveStatus.getState().status;

function memoryStorage(): DraftStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

async function open(storage: DraftStorage | null = null, channel: ChannelLike | null = null) {
  const doc = supportTriageFlow(`flow-${n}`);
  await createFlow(db, doc);
  store().load(doc, 1);
  saver = new Autosaver({ db, flowId: doc.id, delayMs: 5, storage, channel });
  saver.start();
  return doc;
}

beforeEach(() => {
  db = new TrellisDB({ name: `autosave-${n++}`, indexedDB, IDBKeyRange });
});
afterEach(async () => {
  await saver?.stop();
  saver = null;
  await db.delete();
});

describe('autosave', () => {
  it('saves each change shortly after it happens, over the loaded revision', async () => {
    const doc = await open();
    store().updateNode('ticket', { label: 'Customer ticket' });
    expect(status().kind).toBe('saving');
    await vi.waitFor(() => expect(status().kind).toBe('saved'));
    const row = await getFlow(db, doc.id);
    expect(row?.revision).toBe(2);
    expect(row?.doc.nodes[0]?.label).toBe('Customer ticket');
    expect(store().baseRevision).toBe(2);
    expect(store().savedDoc).toBe(store().doc);
  });

  it('groups quick changes into few saves and never loses the last one', async () => {
    const doc = await open();
    for (let i = 0; i < 20; i++) store().updateNode('ticket', { label: `Label ${i}` });
    await saver?.flush();
    await vi.waitFor(() => expect(status().kind).toBe('saved'));
    const row = await getFlow(db, doc.id);
    expect(row?.doc.nodes[0]?.label).toBe('Label 19');
    expect(row?.revision).toBeLessThan(5);
  });

  it('stops on a conflict and lets the person keep theirs, or load the other version (keeping theirs as a version)', async () => {
    const doc = await open();
    // Another tab saves first.
    await saveFlow(db, { ...doc, name: 'Saved elsewhere' }, 1);
    store().updateNode('ticket', { label: 'Mine' });
    await vi.waitFor(() => expect(status().kind).toBe('conflict'));
    const conflict = status();
    expect(conflict.kind === 'conflict' && conflict.theirs?.doc.name).toBe('Saved elsewhere');
    // More edits are not saved while the person has not chosen.
    store().updateNode('ticket', { label: 'Mine, again' });
    await new Promise((r) => setTimeout(r, 30));
    expect((await getFlow(db, doc.id))?.doc.nodes[0]?.label).toBe('Ticket');

    const kept = await saver!.loadTheirs();
    expect(kept).toMatch(/^My unsaved changes/);
    expect(store().doc?.name).toBe('Saved elsewhere');
    expect(store().baseRevision).toBe(2);
    const snapshots = await listSnapshots(db, doc.id);
    expect(snapshots[0]?.doc.nodes[0]?.label).toBe('Mine, again');
    expect(status().kind).toBe('saved');
  });

  it('keep mine overwrites the other version', async () => {
    const doc = await open();
    await saveFlow(db, { ...doc, name: 'Saved elsewhere' }, 1);
    store().updateNode('ticket', { label: 'Mine' });
    await vi.waitFor(() => expect(status().kind).toBe('conflict'));
    await saver!.keepMine();
    const row = await getFlow(db, doc.id);
    expect(row?.doc.nodes[0]?.label).toBe('Mine');
    expect(row?.revision).toBe(3);
    expect(store().baseRevision).toBe(3);
    expect(status().kind).toBe('saved');
  });

  it('hears another tab announce a save of this flow, and asks', async () => {
    const listeners: ((event: MessageEvent) => void)[] = [];
    const posted: unknown[] = [];
    const channel: ChannelLike = {
      postMessage: (m) => posted.push(m),
      addEventListener: (_t, l) => listeners.push(l),
      removeEventListener: () => undefined,
      close: () => undefined,
    };
    const doc = await open(null, channel);
    store().updateNode('ticket', { label: 'Mine' });
    await vi.waitFor(() => expect(status().kind).toBe('saved'));
    expect(posted).toEqual([expect.objectContaining({ type: 'flow-saved', flowId: doc.id, revision: 2 })]);
    // A message about an older revision, or another flow, is ignored.
    for (const l of listeners) l(new MessageEvent('message', { data: { type: 'flow-saved', flowId: doc.id, revision: 2, tabId: 'other' } }));
    for (const l of listeners) l(new MessageEvent('message', { data: { type: 'flow-saved', flowId: 'else', revision: 9, tabId: 'other' } }));
    expect(status().kind).toBe('saved');
    await saveFlow(db, { ...doc, name: 'Other tab' }, 2);
    for (const l of listeners) l(new MessageEvent('message', { data: { type: 'flow-saved', flowId: doc.id, revision: 3, tabId: 'other' } }));
    expect(status().kind).toBe('conflict');
    await vi.waitFor(() => {
      const s = status();
      expect(s.kind === 'conflict' && s.theirs?.doc.name).toBe('Other tab');
    });
  });

  it('names a storage failure and retries', async () => {
    const doc = await open();
    const spy = vi.spyOn(db.flows, 'put').mockRejectedValueOnce(Object.assign(new Error('full'), { name: 'QuotaExceededError' }));
    store().updateNode('ticket', { label: 'Big' });
    await vi.waitFor(() => expect(status().kind).toBe('error'));
    const failed = status();
    expect(failed.kind === 'error' && failed.message).toContain("storage for this site is full");
    spy.mockRestore();
    await saver!.retry();
    expect(status().kind).toBe('saved');
    expect((await getFlow(db, doc.id))?.doc.nodes[0]?.label).toBe('Big');
  });

  it('writes a draft when the page goes away with unsaved changes, which the next open restores', async () => {
    const storage = memoryStorage();
    const doc = await open(storage);
    await saver!.stop();
    saver = null;
    store().updateNode('ticket', { label: 'Unsaved' });
    // As on pagehide: the draft is written synchronously.
    const pending = new Autosaver({ db, flowId: doc.id, delayMs: 10_000, storage });
    pending.onPageHide();
    const draft = readDraft(storage, doc.id);
    expect(draft?.doc.nodes[0]?.label).toBe('Unsaved');
    expect(draft?.baseRevision).toBe(1);
    await pending.stop();

    // The stored row is still at revision 1 (the save did not happen): continue from the draft.
    const reopened = reconcileDraft({ doc, revision: 1 }, draft);
    expect(reopened).toMatchObject({ kind: 'ready', revision: 1, recovered: { mode: 'continue' } });
    // Another tab moved the flow on meanwhile: the draft comes back as a conflict to resolve.
    expect(reconcileDraft({ doc: { ...doc, name: 'Other' }, revision: 2 }, draft)).toMatchObject({ recovered: { mode: 'conflict', baseRevision: 1 } });
    // The draft was saved after all: nothing to restore.
    expect(reconcileDraft({ doc: draft!.doc, revision: 2 }, draft)).toMatchObject({ recovered: null });
    expect(reconcileDraft(undefined, draft)).toEqual({ kind: 'missing' });
  });
});
