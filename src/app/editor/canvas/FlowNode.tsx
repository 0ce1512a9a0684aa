/**
 * A node on the canvas: label, kind, a one-line summary of its config, its problems and its live
 * run status, with input handles on the left and output handles on the right, one per port.
 * Memoised on its data and selection: moving another node or streaming another node's output
 * does not re-render it. Zoomed out below the level of detail (see lod.ts) it is a plain box in
 * its category colour, with problems and run status as its border.
 */
import { memo, useId, useRef, type Ref } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { Diagnostic } from '../../../engine/compile';
import { getNodeKind } from '../../../engine/nodes/registry';
import { useNodeRunState, type NodeRunState } from '../../runs/liveRun';
import { useNodeDiagnostics } from '../compiled';
import { KindIcon } from '../icons';
import type { DrawnPort } from '../ports';
import { configSummary } from '../summary';
import { useEditorUi } from '../ui';
import type { CanvasNode } from './derive';
import { useLowDetail, useNoteSwitch } from './lod';
import { estimatedHeight, handleAt, portsOf } from './nodeShape';
import './nodes.css';

const STATUS_LABEL: Record<string, string> = {
  queued: 'Queued',
  running: 'Running',
  retrying: 'Retrying',
  succeeded: 'Done',
  failed: 'Failed',
  skipped: 'Skipped',
  waiting_review: 'Waiting for review',
};

function FlowNodeView({ id, data, selected }: NodeProps<CanvasNode>) {
  const lowDetail = useLowDetail();
  const root = useRef<HTMLDivElement>(null);
  useNoteSwitch(id, lowDetail, root);
  const def = getNodeKind(data.kind);
  const category = def?.category ?? 'unknown';
  const ports = portsOf(data);
  const diagnostics = useNodeDiagnostics(id);
  const run = useNodeRunState(id);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const state = [selected ? 'is-selected' : '', errors > 0 ? 'has-errors' : diagnostics.length > 0 ? 'has-warnings' : '', run ? `run-${run.status}` : ''];
  if (lowDetail) {
    const className = ['fnode-lod', `fnode-lod-${category}`, ...state].filter(Boolean).join(' ');
    const title = [data.label || id, diagnostics.length > 0 ? `${diagnostics.length} ${diagnostics.length === 1 ? 'problem' : 'problems'}` : '', run ? (STATUS_LABEL[run.status] ?? run.status) : '']
      .filter(Boolean)
      .join(' · ');
    return <NodeBox ref={root} id={id} data={data} className={className} title={title} />;
  }
  const summary = configSummary(data.kind, data.config);
  const className = ['fnode', `fnode-${category}`, ...state].filter(Boolean).join(' ');
  return (
    <div ref={root} className={className} data-kind={data.kind} data-testid={`node-${id}`}>
      <div className="fnode-head">
        <span className="fnode-icon">
          <KindIcon kind={data.kind} />
        </span>
        <div className="fnode-titles">
          <span className="fnode-label">{data.label || id}</span>
          <span className="fnode-kind">{def ? def.title : `Unknown kind "${data.kind}"`}</span>
        </div>
        {diagnostics.length > 0 ? <ProblemBadge diagnostics={diagnostics} errors={errors} /> : null}
        {run ? <RunBadge run={run} /> : null}
      </div>
      {summary ? <p className="fnode-summary">{summary}</p> : null}
      {ports.inputs.length > 0 || ports.outputs.length > 0 ? (
        <div className="fnode-ports">
          <div className="fnode-port-col fnode-inputs">
            {ports.inputs.map((port) => (
              <PortRow key={port.name} port={port} type="target" />
            ))}
          </div>
          <div className="fnode-port-col fnode-outputs">
            {ports.outputs.map((port) => (
              <PortRow key={port.name} port={port} type="source" />
            ))}
          </div>
        </div>
      ) : null}
      {run && run.text && (run.status === 'running' || run.status === 'retrying') ? <p className="fnode-stream">{run.text.slice(-160)}</p> : null}
      {run?.status === 'failed' && run.error ? <p className="fnode-run-error">{run.error.message}</p> : null}
    </div>
  );
}

/**
 * The zoomed-out node: one box the size the card was measured at (so React Flow sees no resize),
 * with its handles kept, invisible and evenly spread down its sides, where the map's edges end.
 */
function NodeBox({ ref, id, data, className, title }: { ref: Ref<HTMLDivElement>; id: string; data: CanvasNode['data']; className: string; title: string }) {
  const height = useEditorUi((s) => s.measured.get(id)?.height) ?? estimatedHeight(data);
  const { inputs, outputs } = portsOf(data);
  return (
    <div ref={ref} className={className} style={{ height }} data-kind={data.kind} data-testid={`node-${id}`} title={title}>
      <span className="fnode-lod-name">{data.label || id}</span>
      {inputs.map((port, i) => (
        <Handle key={port.name} type="target" position={Position.Left} id={port.name} isConnectable={false} className="fhandle-lod" style={{ top: `${handleAt(i, inputs.length) * 100}%` }} />
      ))}
      {outputs.map((port, i) => (
        <Handle key={port.name} type="source" position={Position.Right} id={port.name} isConnectable={false} className="fhandle-lod" style={{ top: `${handleAt(i, outputs.length) * 100}%` }} />
      ))}
    </div>
  );
}

function PortRow({ port, type }: { port: DrawnPort; type: 'source' | 'target' }) {
  const title = port.missing
    ? `No port "${port.name}" on this node: delete or reconnect its edge`
    : [port.label ?? port.name, port.required ? '(required)' : '', port.description ?? ''].filter(Boolean).join(' ');
  return (
    <div className={`fnode-port ${port.missing ? 'is-missing' : ''} ${port.name === 'exhausted' ? 'is-exhausted' : ''}`} title={title}>
      <Handle type={type} position={type === 'target' ? Position.Left : Position.Right} id={port.name} className={`fhandle ${port.required && type === 'target' ? 'is-required' : ''}`} />
      <span className="fnode-port-name">
        {port.name}
        {port.required && type === 'target' ? (
          <span className="fnode-required">
            <span aria-hidden="true">*</span>
            <span className="editor-sr-only"> (required)</span>
          </span>
        ) : null}
      </span>
    </div>
  );
}

function ProblemBadge({ diagnostics, errors }: { diagnostics: Diagnostic[]; errors: number }) {
  const tipId = useId();
  const setTab = useEditorUi((s) => s.setTab);
  const count = diagnostics.length;
  return (
    <span className="fnode-badge-wrap">
      <button
        type="button"
        className={`fnode-badge nodrag ${errors > 0 ? 'is-error' : 'is-warning'}`}
        aria-label={`${count} ${count === 1 ? 'problem' : 'problems'}`}
        aria-describedby={tipId}
        onClick={() => setTab('problems')}
      >
        !{count > 1 ? count : ''}
      </button>
      <span role="tooltip" id={tipId} className="fnode-tooltip">
        {diagnostics.map((d, i) => (
          <span key={i} className={`fnode-tip-line is-${d.severity}`}>
            {d.message}
          </span>
        ))}
      </span>
    </span>
  );
}

function RunBadge({ run }: { run: NodeRunState }) {
  const label = run.status === 'retrying' ? `Retrying (attempt ${run.attempt + 1})` : (STATUS_LABEL[run.status] ?? run.status);
  return (
    <span className={`fnode-status status-${run.status}`}>
      <span className="fnode-status-dot" aria-hidden="true" />
      <span className="editor-sr-only">Run status: </span>
      {label}
    </span>
  );
}

export const FlowNode = memo(FlowNodeView, (prev, next) => prev.id === next.id && prev.data === next.data && prev.selected === next.selected);
