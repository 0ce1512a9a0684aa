import type { PlanStep } from '../../engine/compile/types';
import type { StepView } from '../runtime/useFlowRun';

const KIND_TITLES: Record<string, string> = {
  input: 'Input',
  template: 'Template',
  transform: 'Transform',
  code: 'Code',
  router: 'Router',
  merge: 'Merge',
  http: 'HTTP request',
  schema_check: 'Schema check',
  output: 'Output',
  agent: 'Agent',
  llm_router: 'LLM router',
};

function preview(value: unknown, max = 160): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (text === undefined) return '';
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function detail(view: StepView | undefined): string {
  if (!view) return '';
  if (view.kind === 'live') {
    if (view.status === 'retrying') return `${view.error?.message ?? 'Failed.'} Retrying…`;
    return view.text ? preview(view.text) : view.attempt > 1 ? `attempt ${view.attempt}` : '';
  }
  const record = view.record;
  if (record.status === 'failed') return record.error?.message ?? 'Failed';
  if (record.status === 'skipped') return record.skipReason ?? 'Skipped';
  const outputs = record.outputs ?? {};
  const first = Object.keys(outputs)[0];
  return first === undefined ? '' : preview(outputs[first]);
}

export function PlanList({ steps, views }: { steps: PlanStep[]; views: Record<number, StepView> }) {
  return (
    <ol className="plan" aria-label="Plan steps">
      {steps.map((step) => {
        const view = views[step.index];
        const status = view?.status ?? 'queued';
        const text = detail(view);
        return (
          <li key={step.nodeId} className={`step step-${step.category}`} data-status={status} aria-label={`Step ${step.index + 1}: ${step.label}, ${status}`}>
            <span className="step-number" aria-hidden="true">
              {step.index + 1}
            </span>
            <div className="step-body">
              <div className="step-line">
                <span className="step-label">{step.label}</span>
                <span className={`chip chip-${step.category}`}>{step.category === 'agent' ? 'Agent' : 'Deterministic'}</span>
                <span className="step-kind">{KIND_TITLES[step.kind] ?? step.kind}</span>
                <span className={`status status-${status}`}>{status}</span>
              </div>
              {text ? <p className="step-detail">{text}</p> : null}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
