/** The numbered steps the flow compiles to, with their category, and its bounded loops. */
import { getNodeKind } from '../../../engine/nodes/registry';
import { useCompiled } from '../compiled';
import { useEditorStore } from '../store';
import { useFocusElement } from '../useFocusNode';

const CATEGORY_LABEL = { deterministic: 'Deterministic', agent: 'Agent', human: 'Human' } as const;

export function PlanView() {
  const { plan, diagnostics } = useCompiled();
  const nodeCount = useEditorStore((s) => s.doc?.nodes.length ?? 0);
  const focus = useFocusElement();
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  if (nodeCount === 0) {
    return (
      <div className="ed-side-empty">
        <p className="ed-side-empty-title">No steps yet</p>
        <p>Add steps from the palette; the plan lists them in the order they run.</p>
      </div>
    );
  }
  return (
    <div className="ed-plan-panel">
      <p className="ed-side-summary">
        {plan.steps.length} {plan.steps.length === 1 ? 'step' : 'steps'} in run order
        {plan.steps.length < nodeCount ? `; ${nodeCount - plan.steps.length} more once the problems are fixed` : ''}
        {errors > 0 && plan.steps.length === nodeCount ? '; fix the problems before running' : ''}.
      </p>
      <ol className="ed-plan-steps" aria-label="Plan steps">
        {plan.steps.map((step) => {
          const loop = plan.loops.find((l) => l.sourceStep === step.index);
          return (
            <li key={step.nodeId}>
              <button type="button" className={`ed-plan-step ed-plan-${step.category}`} onClick={() => focus({ nodeId: step.nodeId })}>
                <span className="ed-plan-num" aria-hidden="true">
                  {step.index + 1}
                </span>
                <span className="ed-plan-body">
                  <span className="ed-plan-line">
                    <span className="editor-sr-only">Step {step.index + 1}: </span>
                    <span className="ed-plan-label">{step.label}</span>
                    <span className={`chip chip-${step.category}`}>{CATEGORY_LABEL[step.category]}</span>
                  </span>
                  <span className="ed-plan-kind">
                    {getNodeKind(step.kind)?.title ?? step.kind}
                    {step.guard !== 'all-active' ? ` · runs when ${step.guard === 'merge-first' ? 'the first input' : 'any input'} arrives` : ''}
                  </span>
                  {loop ? (
                    <span className="ed-plan-loop">
                      ↺ Sends back to step {loop.targetStep + 1} at most {loop.maxIterations} {loop.maxIterations === 1 ? 'time' : 'times'} (steps {loop.body.map((s) => s + 1).join(', ')}); then {loop.hasExhaustedBranch ? 'takes its "exhausted" branch' : 'the run fails'}
                    </span>
                  ) : null}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
