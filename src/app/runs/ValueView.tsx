/** Values (inputs, outputs) as text in a definition list: model output is never rendered as HTML. */
import type { ReactNode } from 'react';
import { valueText } from './format';

/** `action`: something to offer next to each value's name (a "Trace back" button). */
export function ValueList({ values, label, empty = 'None.', action }: { values: Record<string, unknown>; label: string; empty?: string; action?: ((name: string) => ReactNode) | undefined }) {
  const entries = Object.entries(values);
  if (entries.length === 0) return <p className="hint">{empty}</p>;
  return (
    <dl className="run-values" aria-label={label}>
      {entries.map(([name, value]) => (
        <div key={name} className="run-value">
          <dt className={action ? 'run-value-head' : undefined}>
            {name}
            {action?.(name)}
          </dt>
          <dd>
            {/* Long values scroll inside their box: focusable, so the keyboard can scroll them too. */}
            <pre tabIndex={0}>
              {valueText(value)}
            </pre>
          </dd>
        </div>
      ))}
    </dl>
  );
}
