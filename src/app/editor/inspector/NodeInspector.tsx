/**
 * The inspector of one node: what it is, what feeds it, its label, and its config form. The
 * config is checked against the kind's schema on every change; problems show next to their
 * fields and in a summary whose entries take the keyboard to the field.
 */
import { memo, useCallback, useEffect, useMemo, useState } from 'react';
import { compile, type Diagnostic } from '../../../engine/compile';
import type { FlowNode } from '../../../engine/flow/schema';
import { getNodeKind } from '../../../engine/nodes/registry';
import { useCompiled } from '../compiled';
import { preloadMonaco } from '../monaco/CodeEditor';
import type { CompletionSource } from '../monaco/completionRegistry';
import { useEditorStore } from '../store';
import { setIn, type ConfigPath } from './configPath';
import { ConfigForm } from './ConfigForm';
import { FieldErrors, fieldMessages } from './fields';
import { FormContext, type ChangeMode, type FormContextValue } from './formContext';
import { fieldDomId } from './ids';
import { configFields } from './schemaFields';
import { discreteChange, flushTypingBurst, typingChange } from './typingBurst';
import { upstreamCandidates, upstreamVariables } from './upstream';
import { configProblems, describePath, type ConfigProblem } from './validation';

const CATEGORY_LABEL = { deterministic: 'Deterministic', agent: 'Agent', human: 'Human' } as const;
const LABEL_MAX = 200;

function writeConfig(nodeId: string, path: ConfigPath, value: unknown): void {
  useEditorStore.getState().change((doc) => {
    const index = doc.nodes.findIndex((n) => n.id === nodeId);
    const node = doc.nodes[index];
    if (!node) return doc;
    const config = setIn(node.config, path, value);
    if (config === node.config) return doc;
    const nodes = doc.nodes.slice();
    nodes[index] = { ...node, config };
    return { ...doc, nodes };
  });
}

function currentCompletions(nodeId: string): CompletionSource {
  const doc = useEditorStore.getState().doc;
  if (!doc) return { variables: [], candidates: [] };
  const compiled = compile(doc);
  return { variables: upstreamVariables(doc, nodeId, compiled), candidates: upstreamCandidates(doc, nodeId, compiled) };
}

/** Focuses the field of a problem, or the nearest field around it. */
function focusProblem(nodeId: string, path: ConfigPath): void {
  for (let end = path.length; end >= 0; end -= 1) {
    const element = document.getElementById(fieldDomId(nodeId, path.slice(0, end)));
    if (element) {
      element.scrollIntoView({ block: 'center' });
      element.focus();
      return;
    }
  }
}

/**
 * Re-renders only when what the form shows changes: dragging the node moves its position every
 * frame, which the inspector does not show.
 */
export const NodeInspector = memo(NodeInspectorView, (prev, next) => {
  const a = prev.node;
  const b = next.node;
  return a === b || (a.id === b.id && a.kind === b.kind && a.label === b.label && a.config === b.config);
});

function NodeInspectorView({ node }: { node: FlowNode }) {
  const def = getNodeKind(node.kind);
  const compiled = useCompiled();
  const spec = useMemo(() => (def ? configFields(def) : null), [def]);
  const problems = useMemo(() => (def ? configProblems(def.configSchema, node.config) : []), [def, node.config]);
  const canvasProblems = useMemo(() => compiled.diagnostics.filter((d) => d.nodeId === node.id && d.code !== 'invalid_config'), [compiled, node.id]);
  // Upstream variables depend on the wiring and the configs, which change the compile result too;
  // node positions do not, so moving nodes does not recompute them.
  const inputs = useMemo(() => {
    const doc = useEditorStore.getState().doc;
    return doc ? upstreamVariables(doc, node.id, compiled) : [];
  }, [node.id, compiled]);

  useEffect(() => {
    preloadMonaco();
  }, []);
  useEffect(() => () => flushTypingBurst(), [node.id]);

  const set = useCallback(
    (path: ConfigPath, value: unknown, mode: ChangeMode) => {
      const apply = () => writeConfig(node.id, path, value);
      if (mode === 'typing') typingChange(apply);
      else discreteChange(apply);
    },
    [node.id],
  );
  const completions = useCallback(() => currentCompletions(node.id), [node.id]);
  const form: FormContextValue = useMemo(
    () => ({ nodeId: node.id, kind: node.kind, config: node.config, problems, set, flush: flushTypingBurst, completions }),
    [node.id, node.kind, node.config, problems, set, completions],
  );

  const headingId = `insp-${node.id}-heading`;
  const category = def?.category ?? 'deterministic';
  return (
    <section className={`inspector inspector-node inspector-${category}`} aria-labelledby={headingId}>
      <header className="inspector-head">
        <div className="inspector-kind">
          <span className={`chip chip-${category}`}>{CATEGORY_LABEL[category]}</span>
          {def?.title !== CATEGORY_LABEL[category] ? <span className="inspector-kind-title">{def?.title ?? node.kind}</span> : null}
        </div>
        <h2 id={headingId}>{node.label || def?.title || node.id}</h2>
        {def ? <p className="inspector-description">{def.description}</p> : null}
      </header>

      {!def ? (
        <p className="error" role="alert">
          This node is of kind “{node.kind}”, which this version of Trellis does not know. Its config is kept as it is.
        </p>
      ) : null}
      <CanvasProblems diagnostics={canvasProblems} />
      {spec ? <ProblemSummary nodeId={node.id} problems={problems} describe={(path) => describePath(spec, path, node.config)} /> : null}

      <LabelField node={node} />
      {inputs.length > 0 ? <InputsSummary inputs={inputs} /> : null}

      {spec ? (
        <FormContext.Provider value={form}>
          <form className="inspector-form" aria-label={`${def?.title ?? 'Node'} settings`} onSubmit={(event) => event.preventDefault()} noValidate>
            <ConfigForm spec={spec} />
          </form>
        </FormContext.Provider>
      ) : null}
      <p className="inspector-id">
        Node id <code>{node.id}</code>
      </p>
    </section>
  );
}

function LabelField({ node }: { node: FlowNode }) {
  const id = `insp-${node.id}-label`;
  const [draft, setDraft] = useState<string | null>(null);
  if (draft !== null && draft.length <= LABEL_MAX && draft !== node.label) setDraft(null);
  const text = draft ?? node.label;
  const errors = text.length > LABEL_MAX ? [`must be at most ${LABEL_MAX} characters (now ${text.length}); it is kept here until it fits`] : [];
  const messages = fieldMessages(id, 'Shown on the canvas, in the plan and in run records.', errors);
  return (
    <div className={`field inspector-field${messages.invalid ? ' is-invalid' : ''}`}>
      <label htmlFor={id}>Label</label>
      <input
        id={id}
        type="text"
        autoComplete="off"
        value={text}
        aria-describedby={messages.describedBy}
        aria-invalid={messages.invalid || undefined}
        onBlur={flushTypingBurst}
        onChange={(event) => {
          const label = event.target.value;
          if (label.length > LABEL_MAX) {
            setDraft(label);
            return;
          }
          setDraft(null);
          typingChange(() => useEditorStore.getState().updateNode(node.id, { label }));
        }}
      />
      <FieldErrors id={messages.errorId} errors={errors} />
      <p id={messages.helpId} className="field-help">
        Shown on the canvas, in the plan and in run records.
      </p>
    </div>
  );
}

function CanvasProblems({ diagnostics }: { diagnostics: Diagnostic[] }) {
  if (diagnostics.length === 0) return null;
  return (
    <div className="inspector-problems" role="region" aria-label="Problems with this node in the flow">
      <h3>In the flow</h3>
      <ul>
        {diagnostics.map((d, index) => (
          <li key={index} className={`insp-problem insp-problem-${d.severity}`}>
            <span className="insp-problem-severity">{d.severity === 'error' ? 'Error' : 'Warning'}:</span> {d.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

function ProblemSummary({ nodeId, problems, describe }: { nodeId: string; problems: readonly ConfigProblem[]; describe(path: ConfigPath): string }) {
  if (problems.length === 0) return null;
  return (
    <div className="inspector-problems" role="region" aria-label="Problems in this node's settings">
      <h3>
        {problems.length} {problems.length === 1 ? 'problem' : 'problems'} in the settings
      </h3>
      <ul>
        {problems.map((problem, index) => (
          <li key={`${problem.key}-${index}`} className="insp-problem insp-problem-error">
            <button type="button" className="insp-problem-link" onClick={() => focusProblem(nodeId, problem.path)}>
              {describe(problem.path)}
            </button>
            : {problem.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

function InputsSummary({ inputs }: { inputs: ReturnType<typeof upstreamVariables> }) {
  return (
    <div className="inspector-inputs">
      <h3>Inputs</h3>
      <ul>
        {inputs.map((input) => (
          <li key={input.name} className={input.connected ? 'is-connected' : input.required ? 'is-missing' : 'is-optional'}>
            <code>{input.name}</code>{' '}
            <span className="inspector-input-source">
              {input.connected
                ? `from ${input.sources.map((s) => `${s.nodeLabel} › ${s.port}`).join(', ')}`
                : input.required
                  ? 'not connected (required)'
                  : 'not connected (optional)'}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
