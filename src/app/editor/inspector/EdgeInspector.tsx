/**
 * The inspector of one connection: where it goes, its problems, and whether it is a bounded
 * revise loop (`edge.loop = { maxIterations }`): the value goes back to an earlier step, which
 * runs again at most that many times; then the source's `exhausted` output carries it on.
 */
import { useMemo, useState } from 'react';
import type { FlowDoc, FlowEdge } from '../../../engine/flow/schema';
import { loopSchema } from '../../../engine/flow/schema';
import { getNodeKind } from '../../../engine/nodes/registry';
import { useCompiled } from '../compiled';
import { useEditorStore } from '../store';
import { FieldErrors, fieldMessages } from './fields';
import { closesCycle } from './upstream';
import { discreteChange, flushTypingBurst, typingChange } from './typingBurst';

const DEFAULT_LOOP_ITERATIONS = 3;
const LOOP_MAX = 50;

function setLoop(edgeId: string, loop: FlowEdge['loop'] | undefined): void {
  useEditorStore.getState().change((doc) => ({
    ...doc,
    edges: doc.edges.map((edge) => {
      if (edge.id !== edgeId) return edge;
      const { loop: _old, ...rest } = edge;
      return loop ? { ...rest, loop } : rest;
    }),
  }));
}

function endpoint(doc: FlowDoc, nodeId: string): string {
  const node = doc.nodes.find((n) => n.id === nodeId);
  if (!node) return `missing node “${nodeId}”`;
  return node.label || getNodeKind(node.kind)?.title || node.id;
}

export function EdgeInspector({ edge, doc }: { edge: FlowEdge; doc: FlowDoc }) {
  const compiled = useCompiled();
  const diagnostics = useMemo(() => compiled.diagnostics.filter((d) => d.edgeId === edge.id), [compiled, edge.id]);
  const loop = compiled.plan.loops.find((l) => l.id === edge.id);
  const backwards = useMemo(() => closesCycle(doc, edge), [doc, edge]);
  const headingId = `insp-edge-${edge.id}-heading`;
  const checkId = `insp-edge-${edge.id}-loop`;
  const countId = `insp-edge-${edge.id}-iterations`;
  const [draft, setDraft] = useState<string | null>(null);
  const stored = edge.loop?.maxIterations;
  if (draft !== null && loopSchema.safeParse({ maxIterations: Number(draft) }).success && Number(draft) !== stored) setDraft(null);
  const text = draft ?? (stored !== undefined ? String(stored) : '');
  const countErrors = draft !== null && !loopSchema.safeParse({ maxIterations: Number(draft) }).success && draft.trim() !== '' ? [`must be a whole number from 1 to ${LOOP_MAX}; the loop keeps ${stored ?? DEFAULT_LOOP_ITERATIONS} until then`] : draft !== null && draft.trim() === '' ? [`enter how many times at most (1 to ${LOOP_MAX}); the loop keeps ${stored ?? DEFAULT_LOOP_ITERATIONS} until then`] : [];
  const countMessages = fieldMessages(countId, 'How many times at most the loop sends the value back.', countErrors);

  return (
    <section className="inspector inspector-edge" aria-labelledby={headingId}>
      <header className="inspector-head">
        <div className="inspector-kind">
          <span className="chip chip-deterministic">Connection</span>
          {edge.loop ? <span className="chip insp-chip-loop">Revise loop</span> : null}
        </div>
        <h2 id={headingId}>
          {endpoint(doc, edge.source)} → {endpoint(doc, edge.target)}
        </h2>
      </header>
      <dl className="inspector-facts">
        <div>
          <dt>From</dt>
          <dd>
            {endpoint(doc, edge.source)} › <code>{edge.sourcePort}</code>
          </dd>
        </div>
        <div>
          <dt>To</dt>
          <dd>
            {endpoint(doc, edge.target)} › <code>{edge.targetPort}</code>
          </dd>
        </div>
      </dl>
      {diagnostics.length > 0 || (backwards && !edge.loop) ? (
        <div className="inspector-problems" role="region" aria-label="Problems with this connection">
          <h3>Problems</h3>
          <ul>
            {backwards && !edge.loop ? (
              <li className="insp-problem insp-problem-error">This connection goes back to an earlier step, so it closes a cycle: the flow cannot run until it is marked as a revise loop (or removed).</li>
            ) : null}
            {diagnostics.map((d, index) => (
              <li key={index} className={`insp-problem insp-problem-${d.severity}`}>
                {d.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <fieldset className="inspector-group">
        <legend>Revise loop</legend>
        <div className="field inspector-field field-checkbox">
          <div className="checkbox-line">
            <input
              id={checkId}
              type="checkbox"
              checked={Boolean(edge.loop)}
              disabled={!edge.loop && !backwards}
              aria-describedby={`${checkId}-help`}
              onChange={(event) => {
                setDraft(null);
                discreteChange(() => setLoop(edge.id, event.target.checked ? { maxIterations: stored ?? DEFAULT_LOOP_ITERATIONS } : undefined));
              }}
            />
            <label htmlFor={checkId}>Mark as a revise loop</label>
          </div>
          <p id={`${checkId}-help`} className="field-help">
            {!edge.loop && !backwards ? 'Only a connection that goes back to an earlier step can be a revise loop. ' : ''}For a connection back to an earlier step (a validator sending a draft back to its composer with feedback). The steps between run again, a bounded number of times;
            then the source’s “exhausted” output carries the value on, or the run fails if nothing is connected to it.
          </p>
        </div>
        {edge.loop ? (
          <div className={`field inspector-field${countMessages.invalid ? ' is-invalid' : ''}`}>
            <label htmlFor={countId}>Max iterations</label>
            <input
              id={countId}
              type="number"
              className="number-input"
              min={1}
              max={LOOP_MAX}
              step={1}
              value={text}
              aria-describedby={countMessages.describedBy}
              aria-invalid={countMessages.invalid || undefined}
              onBlur={flushTypingBurst}
              onChange={(event) => {
                const value = event.target.value;
                setDraft(value);
                const parsed = loopSchema.safeParse({ maxIterations: Number(value) });
                if (value.trim() !== '' && parsed.success) typingChange(() => setLoop(edge.id, parsed.data));
              }}
            />
            <FieldErrors id={countMessages.errorId} errors={countErrors} />
            <p id={countMessages.helpId} className="field-help">
              How many times at most the loop sends the value back.
            </p>
            {loop ? (
              <p className="field-help">
                Runs again: {loop.body.map((index) => compiled.plan.steps[index]?.label ?? `step ${index + 1}`).join(' → ')}.{' '}
                {loop.hasExhaustedBranch ? 'When exhausted, the “exhausted” output carries the value on.' : 'Nothing is connected to “exhausted”: running out fails the run.'}
              </p>
            ) : null}
          </div>
        ) : null}
      </fieldset>
      <p className="inspector-id">
        Connection id <code>{edge.id}</code>
      </p>
    </section>
  );
}
