/**
 * Keyboard shortcuts and clipboard for the editor. Nothing fires while the person types in a
 * field or a code editor, or while a dialog is open. Copy and paste use the system clipboard
 * when the browser allows it (so steps travel between tabs) and an in-app clipboard otherwise.
 */
import { useEffect } from 'react';
import { useReactFlow } from '@xyflow/react';
import { toast } from '../ui/toasts';
import { arrangeFlow } from './autoLayout';
import { parsePayload, serializePayload, type ClipboardPayload } from './clipboard';
import { clearSelection, copySelection, deleteSelection, duplicateSelection, pastePayload, selectAll } from './commands';
import { activeAutosaver } from './persistence/useAutosave';
import { isTypingTarget, matchShortcut } from './shortcuts';
import { editorHistory, useEditorStore } from './store';
import { useEditorUi } from './ui';

let inAppClipboard: { payload: ClipboardPayload; text: string } | null = null;
let pasteCount = 0;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function deleteWithUndo(): void {
  const removed = deleteSelection();
  if (removed.nodes + removed.edges === 0) return;
  const what = removed.nodes > 0 ? plural(removed.nodes, 'step') : plural(removed.edges, 'connection');
  toast(`Deleted ${what}.`, { action: { label: 'Undo', run: editorHistory.undo } });
}

export function runArrange(): void {
  arrangeFlow().catch((error: unknown) => toast(`Could not arrange the flow: ${error instanceof Error ? error.message : String(error)}`, { kind: 'error' }));
}

function blocked(event: Event): boolean {
  return isTypingTarget(event.target) || isTypingTarget(document.activeElement) || !!document.querySelector('dialog[open]');
}

function remember(payload: ClipboardPayload): string {
  const text = serializePayload(payload);
  inAppClipboard = { payload, text };
  pasteCount = 0;
  return text;
}

function paste(payload: ClipboardPayload): void {
  pasteCount += 1;
  const ids = pastePayload(payload, { x: 40 * pasteCount, y: 40 * pasteCount });
  if (ids.length) toast(`Pasted ${plural(ids.length, 'step')}.`);
}

export function useShortcuts(): void {
  const { fitView, zoomIn, zoomOut } = useReactFlow();

  useEffect(() => {
    let pasteTimer: ReturnType<typeof setTimeout> | null = null;

    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || blocked(event)) return;
      const id = matchShortcut(event);
      if (!id) return;
      const { selection } = useEditorStore.getState();
      const ui = useEditorUi.getState();
      switch (id) {
        case 'undo':
          editorHistory.undo();
          break;
        case 'redo':
          editorHistory.redo();
          break;
        case 'copy':
        case 'cut': {
          const payload = copySelection();
          if (!payload) return; // let the browser copy selected text
          const text = remember(payload);
          navigator.clipboard?.writeText(text).catch(() => undefined);
          if (id === 'cut') deleteSelection();
          toast(`${id === 'cut' ? 'Cut' : 'Copied'} ${plural(payload.nodes.length, 'step')}.`);
          // The copy event that follows also puts the steps on the system clipboard.
          return;
        }
        case 'paste':
          // The paste event carries the clipboard; without one, the in-app clipboard is used.
          if (pasteTimer) clearTimeout(pasteTimer);
          pasteTimer = setTimeout(() => {
            pasteTimer = null;
            if (inAppClipboard) paste(inAppClipboard.payload);
          }, 150);
          return;
        case 'duplicate': {
          const ids = duplicateSelection();
          if (ids.length) toast(`Duplicated ${plural(ids.length, 'step')}.`);
          break;
        }
        case 'selectAll':
          selectAll();
          break;
        case 'delete':
          if (selection.nodes.length === 0 && selection.edges.length === 0) return;
          deleteWithUndo();
          break;
        case 'deselect':
          if (selection.nodes.length === 0 && selection.edges.length === 0) return;
          clearSelection();
          break;
        case 'layout':
          runArrange();
          break;
        case 'fit':
          void fitView({ padding: 0.2, duration: 200 });
          break;
        case 'zoomIn':
          void zoomIn({ duration: 150 });
          break;
        case 'zoomOut':
          void zoomOut({ duration: 150 });
          break;
        case 'save':
          void activeAutosaver()?.flush();
          break;
        case 'connect':
          ui.openDialog('connect');
          break;
        case 'search':
          document.getElementById('palette-search')?.focus();
          break;
        case 'help':
          ui.openDialog('shortcuts');
          break;
      }
      event.preventDefault();
    };

    const onCopy = (event: ClipboardEvent) => {
      if (blocked(event) || !event.clipboardData) return;
      const payload = copySelection();
      if (!payload) return;
      event.clipboardData.setData('text/plain', remember(payload));
      event.preventDefault();
    };

    const onPaste = (event: ClipboardEvent) => {
      if (blocked(event)) return;
      if (pasteTimer) clearTimeout(pasteTimer);
      pasteTimer = null;
      const text = event.clipboardData?.getData('text/plain') ?? '';
      const fromSystem = text ? parsePayload(text) : null;
      if (fromSystem) {
        if (text !== inAppClipboard?.text) {
          inAppClipboard = { payload: fromSystem, text };
          pasteCount = 0;
        }
        paste(fromSystem);
        event.preventDefault();
      } else if (!text && inAppClipboard) {
        paste(inAppClipboard.payload);
        event.preventDefault();
      }
    };

    window.addEventListener('keydown', onKeyDown);
    document.addEventListener('copy', onCopy);
    document.addEventListener('paste', onPaste);
    return () => {
      if (pasteTimer) clearTimeout(pasteTimer);
      window.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('paste', onPaste);
    };
  }, [fitView, zoomIn, zoomOut]);
}
