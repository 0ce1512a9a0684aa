/** Values (inputs, outputs) as text in a definition list: model output is never rendered as HTML. */
import { valueText } from './format';

export function ValueList({ values, label, empty = 'None.' }: { values: Record<string, unknown>; label: string; empty?: string }) {
  const entries = Object.entries(values);
  if (entries.length === 0) return <p className="hint">{empty}</p>;
  return (
    <dl className="run-values" aria-label={label}>
      {entries.map(([name, value]) => (
        <div key={name} className="run-value">
          <dt>{name}</dt>
          <dd>
            <pre>{valueText(value)}</pre>
          </dd>
        </div>
      ))}
    </dl>
  );
}
