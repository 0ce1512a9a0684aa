import { beforeEach, describe, expect, it } from 'vitest';
import { supportTriageFlow } from '../../engine/templates/supportTriage';
import { editorHistory, hasUnsavedChanges, useEditorStore } from './store';

const store = () => useEditorStore.getState();

beforeEach(() => store().load(supportTriageFlow(), 1));

describe('editor store', () => {
  it('records each change as an undo step and redoes it', () => {
    store().updateNode('ticket', { label: 'Customer ticket' });
    store().updateSettings({ concurrency: 2 });
    expect(hasUnsavedChanges(store())).toBe(true);
    editorHistory.undo();
    expect(store().doc?.settings.concurrency).toBe(4);
    expect(store().doc?.nodes[0]?.label).toBe('Customer ticket');
    editorHistory.undo();
    expect(store().doc?.nodes[0]?.label).toBe('Ticket');
    expect(hasUnsavedChanges(store())).toBe(false);
    editorHistory.redo();
    expect(store().doc?.nodes[0]?.label).toBe('Customer ticket');
  });

  it('groups a gesture into one undo step', () => {
    store().beginGesture();
    for (let x = 1; x <= 5; x++) store().updateNode('ticket', { position: { x: x * 10, y: 0 } });
    store().endGesture();
    expect(store().doc?.nodes[0]?.position).toEqual({ x: 50, y: 0 });
    editorHistory.undo();
    expect(store().doc?.nodes[0]?.position).toEqual({ x: 0, y: 160 });
  });

  it('removes nodes with their edges, keeps unchanged nodes as the same objects, and loading clears history', () => {
    const before = store().doc!;
    store().remove({ nodes: ['classify'] });
    const after = store().doc!;
    expect(after.nodes.map((n) => n.id)).not.toContain('classify');
    expect(after.edges.some((e) => e.source === 'classify' || e.target === 'classify')).toBe(false);
    expect(after.nodes[0]).toBe(before.nodes[0]);
    store().load(supportTriageFlow(), 2);
    expect(editorHistory.canUndo()).toBe(false);
  });
});

describe('editor store gestures', () => {
  it('a gesture that changed nothing leaves no undo step and no unsaved change', () => {
    const doc = store().doc;
    store().beginGesture();
    store().endGesture();
    expect(store().doc).toBe(doc);
    expect(hasUnsavedChanges(store())).toBe(false);
    expect(editorHistory.canUndo()).toBe(false);
    // Tracking resumes: the next change is undoable.
    store().updateNode('ticket', { label: 'After' });
    expect(editorHistory.canUndo()).toBe(true);
    editorHistory.undo();
    expect(store().doc).toBe(doc);
  });
});
