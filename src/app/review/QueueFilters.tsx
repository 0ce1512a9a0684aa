/** The queue's filters (flow, step, reason), kept in the URL: #/review?flow=…&step=…&reason=…. */
import { useId } from 'react';
import { QUEUE_REASON_KINDS, type PendingFlow, type PendingGate, type QueueReasonKind } from '../../storage/reviewQueries';
import { REASON_LABELS } from './itemText';

export interface QueueFilterValues {
  flowId?: string;
  step?: string;
  reason?: QueueReasonKind;
}

export interface QueueFiltersProps extends QueueFilterValues {
  flows: PendingFlow[] | undefined;
  gates: PendingGate[] | undefined;
  onChange(next: QueueFilterValues): void;
}

export function QueueFilters({ flowId, step, reason, flows, gates, onChange }: QueueFiltersProps) {
  const base = useId();
  const knownFlow = !flowId || flows?.some((f) => f.flowId === flowId);
  const knownStep = !step || gates?.some((g) => g.gateNodeId === step);
  return (
    <form className="runs-filters rq-filters" aria-label="Filter the queue" onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label htmlFor={`${base}-flow`}>Flow</label>
        <select id={`${base}-flow`} value={flowId ?? ''} onChange={(e) => onChange({ flowId: e.target.value || undefined, reason })}>
          <option value="">All flows</option>
          {(flows ?? []).map((f) => (
            <option key={f.flowId} value={f.flowId}>
              {f.flowName} ({f.count.toLocaleString('en-US')})
            </option>
          ))}
          {!knownFlow && flowId ? <option value={flowId}>{flowId} (nothing pending)</option> : null}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${base}-step`}>Step</label>
        <select id={`${base}-step`} value={flowId ? (step ?? '') : ''} disabled={!flowId} title={flowId ? undefined : 'Choose a flow first'} onChange={(e) => onChange({ flowId, step: e.target.value || undefined, reason })}>
          <option value="">{flowId ? 'All steps' : 'Choose a flow first'}</option>
          {flowId
            ? (gates ?? []).map((g) => (
                <option key={g.gateNodeId} value={g.gateNodeId}>
                  {g.subjectLabel ? `${g.subjectLabel} (at ${g.gateLabel})` : g.gateLabel} ({g.count.toLocaleString('en-US')})
                </option>
              ))
            : null}
          {flowId && !knownStep && step ? <option value={step}>{step} (nothing pending)</option> : null}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${base}-reason`}>Why</label>
        <select id={`${base}-reason`} value={reason ?? ''} onChange={(e) => onChange({ flowId, step, reason: (e.target.value || undefined) as QueueReasonKind | undefined })}>
          <option value="">Any reason</option>
          {QUEUE_REASON_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {REASON_LABELS[kind]}
            </option>
          ))}
        </select>
      </div>
      {flowId || step || reason ? (
        <button type="button" className="button-ghost" onClick={() => onChange({})}>
          Clear filters
        </button>
      ) : null}
    </form>
  );
}
