/** The editor's toolbar: flow name, save status, undo/redo, layout and view, versions, export, run. */
import { useRef, useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useStore } from 'zustand';
import { downloadFlow } from '../library/exportFlow';
import { hrefFor } from '../router';
import { toast } from '../ui/toasts';
import { renameFlow } from './commands';
import { SaveStatusView } from './persistence/SaveStatusView';
import { displayKeys } from './shortcuts';
import { editorHistory, useEditorStore } from './store';
import { useEditorUi } from './ui';
import { runArrange } from './useShortcuts';

function Icon({ d }: { d: string }) {
  return (
    <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path d={d} fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

const ICONS = {
  undo: 'M5.5 3.5L2.5 6.5l3 3M2.5 6.5h7a4 4 0 0 1 0 8h-2',
  redo: 'M10.5 3.5l3 3-3 3M13.5 6.5h-7a4 4 0 0 0 0 8h2',
  layout: 'M2 3h4v4H2zM10 9h4v4h-4zM10 2h4v4h-4zM6 5h4M6 5c2 0 2 6 4 6',
  fit: 'M2 6V2h4M10 2h4v4M14 10v4h-4M6 14H2v-4',
  run: 'M4.5 2.8v10.4L13 8z',
  export: 'M8 2v8M4.8 6.8L8 10l3.2-3.2M3 13.5h10',
  help: 'M6 6a2 2 0 1 1 2.8 1.8c-.5.2-.8.6-.8 1.2v.5M8 12v.5',
};

function FlowName() {
  const name = useEditorStore((s) => s.doc?.name ?? '');
  const [draft, setDraft] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  // Typing a name is one undo step: the gesture opens with the first keystroke, closes on blur.
  const typing = useRef(false);
  const finish = () => {
    if (typing.current) useEditorStore.getState().endGesture();
    typing.current = false;
    setEditing(false);
    setDraft(null);
  };
  const value = draft ?? name;
  const empty = value.trim() === '';
  return (
    <div className="ed-flow-name">
      <input
        type="text"
        className="ed-flow-name-input"
        aria-label="Flow name"
        value={value}
        maxLength={200}
        aria-invalid={empty}
        aria-describedby={empty ? 'flow-name-error' : undefined}
        onFocus={() => setEditing(true)}
        onChange={(e) => {
          if (!editing) {
            setEditing(true);
          }
          setDraft(e.target.value);
          if (!e.target.value.trim()) return;
          if (!typing.current) {
            useEditorStore.getState().beginGesture();
            typing.current = true;
          }
          renameFlow(e.target.value);
        }}
        onBlur={finish}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === 'Escape') (e.target as HTMLInputElement).blur();
        }}
        size={Math.min(40, Math.max(12, value.length + 2))}
      />
      {empty ? (
        <span id="flow-name-error" className="ed-flow-name-error" role="alert">
          A flow needs a name; the last one is kept.
        </span>
      ) : null}
    </div>
  );
}

export function Toolbar() {
  const canUndo = useStore(useEditorStore.temporal, (s) => s.pastStates.length > 0);
  const canRedo = useStore(useEditorStore.temporal, (s) => s.futureStates.length > 0);
  const busy = useEditorUi((s) => s.busy);
  const openDialog = useEditorUi((s) => s.openDialog);
  const setTab = useEditorUi((s) => s.setTab);
  const { fitView } = useReactFlow();
  return (
    <div className="ed-toolbar" role="toolbar" aria-label="Flow">
      <div className="ed-toolbar-group ed-toolbar-title">
        <a className="ed-toolbar-crumb" href={hrefFor({ page: 'flows' })}>
          Flows
        </a>
        <span className="ed-toolbar-slash" aria-hidden="true">
          /
        </span>
        <FlowName />
        <SaveStatusView />
      </div>
      <div className="ed-toolbar-group">
        <button type="button" className="ed-tool" onClick={editorHistory.undo} disabled={!canUndo} aria-label="Undo" title={`Undo (${displayKeys('Mod+Z')})`}>
          <Icon d={ICONS.undo} />
        </button>
        <button type="button" className="ed-tool" onClick={editorHistory.redo} disabled={!canRedo} aria-label="Redo" title={`Redo (${displayKeys('Mod+Shift+Z')})`}>
          <Icon d={ICONS.redo} />
        </button>
        <span className="ed-toolbar-sep" aria-hidden="true" />
        <button type="button" className="ed-tool ed-with-text" onClick={runArrange} disabled={!!busy} title="Arrange left to right (Shift+L)">
          <Icon d={ICONS.layout} />
          {busy ?? 'Arrange'}
        </button>
        <button type="button" className="ed-tool" onClick={() => void fitView({ padding: 0.2, duration: 200 })} aria-label="Fit view" title="Fit the flow in view (Shift+1)">
          <Icon d={ICONS.fit} />
        </button>
      </div>
      <div className="ed-toolbar-group ed-toolbar-end">
        <button type="button" className="ed-tool ed-with-text" onClick={() => openDialog('save-version')}>
          Save version…
        </button>
        <button type="button" className="ed-tool ed-with-text" onClick={() => openDialog('versions')}>
          Versions
        </button>
        <button
          type="button"
          className="ed-tool ed-with-text"
          onClick={() => {
            const doc = useEditorStore.getState().doc;
            if (!doc) return;
            try {
              toast(`Exported ${downloadFlow(doc)}.`);
            } catch (e) {
              toast(`Could not export: ${e instanceof Error ? e.message : String(e)}`, { kind: 'error' });
            }
          }}
        >
          <Icon d={ICONS.export} />
          Export
        </button>
        <button type="button" className="ed-tool" onClick={() => openDialog('shortcuts')} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">
          <Icon d={ICONS.help} />
        </button>
        <button type="button" className="primary ed-tool-run" onClick={() => setTab('run')}>
          <Icon d={ICONS.run} />
          Run
        </button>
      </div>
    </div>
  );
}
