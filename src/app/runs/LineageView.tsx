/**
 * "Trace back": where an output came from, as a vertical chain of the step visits that produced
 * it (latest first), each with its kind, attempt, the ports it fed, the prompt version, the model
 * and any reviewer's decision, ending in the run inputs. Selecting a step opens it in the steps
 * list below. Values and model output are shown as text only.
 */
import { useEffect, useMemo, useRef } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { StepRecord } from '../../engine/run/types';
import { createLineage, type Lineage, type LineageNode, type LineageResult, type LineageTarget } from '../../engine/trace/lineage';
import { loadRunLineage } from '../../storage/lineageQueries';
import { db } from '../runtime/database';
import { KIND_TITLES, valueText } from './format';
import { checkText, fedTexts, lineageReviewText, nodeAttemptText, shortHash, targetText } from './lineageText';
import { ValueList } from './ValueView';
import './lineage.css';

const CATEGORY_TITLES = { agent: 'Agent', human: 'Human', deterministic: 'Deterministic' } as const;

/** A small "Trace back" button; `label` is its accessible name (which output it traces). */
export function TraceButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <button type="button" className="trace-button" aria-label={label} title={label} onClick={onClick}>
      Trace back
    </button>
  );
}

/** The "Trace back" of one step visit: its review decision on a gate that asked a person, else its outputs. */
export function StepTraceButton({ record, onTrace }: { record: StepRecord; onTrace: (target: LineageTarget) => void }) {
  const where = `${record.label}, attempt ${record.visit + 1}`;
  const itemId = record.review?.itemId;
  const target: LineageTarget | null = itemId ? { type: 'review', itemId } : record.status === 'succeeded' && record.outputs ? { type: 'step', stepId: record.id } : null;
  if (!target) return null;
  return (
    <p className="detail-trace">
      <TraceButton label={`Trace back ${itemId ? 'the review decision at' : 'the outputs of'} ${where}`} onClick={() => onTrace(target)} />
    </p>
  );
}

export function LineageView({ runId, target, onClose, onSelect }: { runId: string; target: LineageTarget; onClose: () => void; onSelect: (stepIndex: number, visit: number) => void }) {
  const records = useLiveQuery(() => loadRunLineage(db, runId), [runId]);
  const index = useMemo(() => (records?.version ? createLineage({ flow: records.version.flow, run: records.run, steps: records.steps, reviews: records.reviews }) : null), [records]);
  const result: LineageResult | null = useMemo(() => (index ? index.lineageOf(target) : null), [index, target]);
  const lineage = result?.ok ? result.lineage : null;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
    heading.current?.scrollIntoView({ block: 'start' });
  }, [target]);

  return (
    <section className="panel lineage" aria-labelledby="lineage-title">
      <div className="lineage-head">
        <h2 id="lineage-title" ref={heading} tabIndex={-1}>
          Trace back: {targetText(target, lineage)}
        </h2>
        <button type="button" className="button-ghost" onClick={onClose}>
          Close trace
        </button>
      </div>
      {records === undefined ? <p className="hint">Tracing…</p> : null}
      {records === null ? <p className="hint">This run is no longer stored here.</p> : null}
      {records && !records.version ? <p className="hint">The flow version this run executed is not stored here, so its steps cannot be traced.</p> : null}
      {result && !result.ok ? <p className="hint">{result.problem}</p> : null}
      {lineage ? <Chain lineage={lineage} onSelect={onSelect} /> : null}
    </section>
  );
}

function Chain({ lineage, onSelect }: { lineage: Lineage; onSelect: (stepIndex: number, visit: number) => void }) {
  return (
    <>
      <p className="hint">
        Every step that fed it, latest first, down to the run inputs. Select a step to open it in the steps list below.
        {lineage.truncated ? ' The chain is long and was cut short.' : ''}
      </p>
      <details className="lineage-value">
        <summary>Traced value</summary>
        <div className="run-value">
          {/* Focusable: a long value scrolls, and keyboard users must reach it. */}
          <pre tabIndex={0}>{valueText(lineage.value)}</pre>
        </div>
      </details>
      <ol className="lineage-chain" aria-label="Steps it was computed from, latest first">
        {lineage.nodes.map((node) => (
          <NodeItem key={node.stepId} node={node} lineage={lineage} onSelect={onSelect} />
        ))}
      </ol>
      <div className="lineage-inputs">
        <h3>Run inputs</h3>
        {lineage.inputs.length === 0 ? <p className="hint">The chain reads no run input.</p> : null}
        {lineage.inputs.map((input) => (
          <ValueList key={input.stepId} values={Object.fromEntries(input.fields.map((field) => [field.name, field.value]))} label={`Run inputs used, from ${input.label}`} />
        ))}
      </div>
    </>
  );
}

function NodeItem({ node, lineage, onSelect }: { node: LineageNode; lineage: Lineage; onSelect: (stepIndex: number, visit: number) => void }) {
  const attempt = nodeAttemptText(node);
  const fed = fedTexts(node, lineage);
  const { promptVersion, models, checks, review } = node.touched;
  return (
    <li className={`lineage-node lineage-node-${node.category}`} data-status={node.status}>
      <div className="lineage-node-line">
        <button type="button" className="lineage-step" onClick={() => onSelect(node.stepIndex, node.visit)} aria-label={`Go to step ${node.stepIndex + 1}: ${node.label}${attempt ? `, ${attempt}` : ''}`}>
          <span className="run-step-number" aria-hidden="true">
            {node.stepIndex + 1}
          </span>
          <span className="lineage-step-label">{node.label}</span>
        </button>
        <span className={`chip chip-${node.category}`}>{CATEGORY_TITLES[node.category]}</span>
        <span className="run-step-kind">{KIND_TITLES[node.kind] ?? node.kind}</span>
        {attempt ? <span className="chip lineage-attempt">{attempt}</span> : null}
      </div>
      <dl className="lineage-facts">
        {node.depth === 0 ? (
          <div>
            <dt>Traced</dt>
            <dd>{lineage.target.type === 'run-output' ? `the run output “${lineage.target.name}”` : lineage.target.type === 'review' ? 'its review decision' : 'its outputs'}</dd>
          </div>
        ) : null}
        {fed.length > 0 ? (
          <div>
            <dt>Fed</dt>
            <dd>
              {fed.map((text) => (
                <span key={text} className="lineage-fed">
                  {text}
                </span>
              ))}
            </dd>
          </div>
        ) : null}
        {promptVersion ? (
          <div>
            <dt>Prompt version</dt>
            <dd>
              <code title={`Configuration fingerprint ${promptVersion}`}>{shortHash(promptVersion)}</code>
            </dd>
          </div>
        ) : null}
        {models.length > 0 ? (
          <div>
            <dt>{models.length === 1 ? 'Model' : 'Models'}</dt>
            <dd>{models.map((m) => m.model).join(', ')}</dd>
          </div>
        ) : null}
        {checks.length > 0 ? (
          <div>
            <dt>{checks.length === 1 ? 'Check' : 'Checks'}</dt>
            <dd>
              {checks.map((check) => (
                <span key={`${check.layer}:${check.validator}`} className={`lineage-check lineage-check-${check.status}`} title={`Version ${check.version}`}>
                  {checkText(check)}
                </span>
              ))}
            </dd>
          </div>
        ) : null}
        {review ? (
          <div>
            <dt>Review</dt>
            <dd className={`lineage-review${review.decision ? ` lineage-review-${review.decision.action}` : ''}`}>{lineageReviewText(review)}</dd>
          </div>
        ) : null}
      </dl>
    </li>
  );
}
