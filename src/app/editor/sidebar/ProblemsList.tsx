/** The compiler's diagnostics, errors first; choosing one selects its node and centres it. */
import { useMemo } from 'react';
import type { Diagnostic } from '../../../engine/compile';
import { useCompiled } from '../compiled';
import { useEditorStore } from '../store';
import { useFocusElement } from '../useFocusNode';

export function ProblemsList() {
  const { diagnostics } = useCompiled();
  const nodes = useEditorStore((s) => s.doc?.nodes);
  const focus = useFocusElement();
  const labels = useMemo(() => new Map((nodes ?? []).map((n) => [n.id, n.label || n.id])), [nodes]);
  const sorted = useMemo(() => [...diagnostics].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1)), [diagnostics]);
  if (sorted.length === 0) {
    return (
      <div className="ed-side-empty">
        <p className="ed-side-empty-title">No problems</p>
        <p>The flow compiles. See the Plan tab for the steps it runs.</p>
      </div>
    );
  }
  const errors = sorted.filter((d) => d.severity === 'error').length;
  return (
    <div className="ed-problems-panel">
      <p className="ed-side-summary">
        {errors > 0 ? `${errors} ${errors === 1 ? 'error' : 'errors'}` : 'No errors'}
        {sorted.length > errors ? `, ${sorted.length - errors} ${sorted.length - errors === 1 ? 'warning' : 'warnings'}` : ''}. Choose one to show its step.
      </p>
      <ul className="ed-problem-list" aria-label="Problems">
        {sorted.map((d, i) => (
          <li key={`${d.code}-${d.nodeId ?? ''}-${d.edgeId ?? ''}-${i}`}>
            <ProblemItem diagnostic={d} label={d.nodeId ? labels.get(d.nodeId) : undefined} onChoose={() => focus({ ...(d.nodeId ? { nodeId: d.nodeId } : {}), ...(d.edgeId ? { edgeId: d.edgeId } : {}) })} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function ProblemItem({ diagnostic, label, onChoose }: { diagnostic: Diagnostic; label: string | undefined; onChoose: () => void }) {
  const target = diagnostic.nodeId || diagnostic.edgeId;
  const body = (
    <>
      <span className={`ed-problem-icon is-${diagnostic.severity}`} aria-hidden="true">
        {diagnostic.severity === 'error' ? '!' : '?'}
      </span>
      <span className="ed-problem-text">
        <span className="ed-problem-where">
          <span className="editor-sr-only">{diagnostic.severity === 'error' ? 'Error' : 'Warning'}: </span>
          {label ?? (diagnostic.edgeId ? 'A connection' : 'Flow')}
        </span>
        <span className="ed-problem-message">{diagnostic.message}</span>
      </span>
    </>
  );
  return target ? (
    <button type="button" className="ed-problem" onClick={onChoose}>
      {body}
    </button>
  ) : (
    <div className="ed-problem">{body}</div>
  );
}
