import type { RunRecord } from '../../engine/run/types';

/** Run outputs, always as text: model output is never rendered as HTML. */
export function RunOutputs({ run }: { run: RunRecord | null }) {
  if (!run) return null;
  const entries = Object.entries(run.outputs);
  return (
    <div className="outputs">
      <h3>Outputs</h3>
      {run.error ? <p className="error">{run.error.message}</p> : null}
      {entries.length === 0 ? <p className="hint">No outputs.</p> : null}
      <dl>
        {entries.map(([name, value]) => (
          <div key={name} className="output">
            <dt>{name}</dt>
            <dd>
              <pre>{typeof value === 'string' ? value : JSON.stringify(value, null, 2)}</pre>
            </dd>
          </div>
        ))}
      </dl>
      <p className="meta">
        Run <code>{run.id}</code> · {run.totals.llmCalls} model calls · {run.totals.inputTokens + run.totals.outputTokens} tokens
        {run.resumes > 0 ? ` · resumed ${run.resumes}×` : ''} · saved in this browser
      </p>
    </div>
  );
}
