/**
 * The editor's workspace: toolbar over palette | canvas | sidebar, plus its dialogs. Loaded on
 * demand by EditorPage, so the canvas library is not part of the app's entry bundle.
 */
import { ReactFlowProvider } from '@xyflow/react';
import { useEditorStore } from './store';
import type { FlowDoc } from '../../engine/flow/schema';
import { useRunFollow } from '../runs/useRunFollow';
import { useEditorUi } from './ui';
import { Canvas } from './canvas/Canvas';
import { ConnectDialog } from './dialogs/ConnectDialog';
import { SaveVersionDialog } from './dialogs/SaveVersionDialog';
import { ShortcutsDialog } from './dialogs/ShortcutsDialog';
import { VersionsDialog } from './dialogs/VersionsDialog';
import { Palette } from './Palette';
import { ConflictBanner } from './persistence/ConflictBanner';
import { useAutosave } from './persistence/useAutosave';
import { Sidebar } from './sidebar/Sidebar';
import { Toolbar } from './Toolbar';
import { useShortcuts } from './useShortcuts';
import './editor.css';

export default function EditorWorkspace({ flowId }: { flowId: string }) {
  return (
    <ReactFlowProvider>
      <Editor flowId={flowId} />
    </ReactFlowProvider>
  );
}

/** Keeps the flow's latest run shown on the canvas, resumed or watched, whichever tab is open. */
function RunFollower({ doc }: { doc: FlowDoc }) {
  useRunFollow(doc);
  return null;
}

function Editor({ flowId }: { flowId: string }) {
  useAutosave(flowId);
  useShortcuts();
  const doc = useEditorStore((s) => s.doc);
  const dialog = useEditorUi((s) => s.dialog);
  const openDialog = useEditorUi((s) => s.openDialog);
  const close = () => openDialog(null);
  if (!doc) return null;
  return (
    <div className="editor">
      <Toolbar />
      <ConflictBanner />
      <div className="editor-body">
        <Palette />
        <section className="editor-canvas" aria-label="Canvas">
          <h1 className="editor-sr-only">{doc.name}</h1>
          <Canvas />
        </section>
        <Sidebar doc={doc} />
      </div>
      <RunFollower doc={doc} />
      <ShortcutsDialog open={dialog === 'shortcuts'} onClose={close} />
      <SaveVersionDialog open={dialog === 'save-version'} onClose={close} />
      <VersionsDialog open={dialog === 'versions'} onClose={close} onSaveVersion={() => openDialog('save-version')} />
      <ConnectDialog open={dialog === 'connect'} onClose={close} />
    </div>
  );
}
