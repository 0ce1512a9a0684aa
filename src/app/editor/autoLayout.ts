/**
 * Auto-layout of the open flow as one undo step. ELK runs in a worker created on first use, so
 * neither ELK nor its worker is in the entry bundle and a large layout never freezes the page.
 */
import type { ELK } from 'elkjs/lib/elk-api';
import { moveNodes } from './commands';
import { layoutGraph, origin } from './layout';
import { useEditorStore } from './store';
import { useEditorUi } from './ui';

let elk: Promise<ELK> | null = null;

function loadElk(): Promise<ELK> {
  elk ??= import('elkjs/lib/elk-api.js').then(
    ({ default: ElkApi }) => new ElkApi({ workerFactory: () => new Worker(new URL('./layoutWorker.ts', import.meta.url), { type: 'module', name: 'trellis-layout' }) }),
  );
  return elk;
}

/** Lays the flow out left to right. Returns the number of nodes moved. */
export async function arrangeFlow(): Promise<number> {
  const doc = useEditorStore.getState().doc;
  if (!doc || doc.nodes.length === 0) return 0;
  const ui = useEditorUi.getState();
  ui.setBusy('Arranging…');
  try {
    const engine = await loadElk();
    const start = origin(doc);
    const result = await engine.layout(layoutGraph(doc, ui.measured));
    // Nodes added meanwhile stay where they are; removed ones are skipped.
    const moves = new Map<string, { x: number; y: number }>();
    for (const child of result.children ?? []) moves.set(child.id, { x: (child.x ?? 0) + start.x, y: (child.y ?? 0) + start.y });
    moveNodes(moves);
    return moves.size;
  } catch (error) {
    elk = null;
    throw error;
  } finally {
    useEditorUi.getState().setBusy(null);
  }
}
