/** The outcome of a connection test: the models found, or what went wrong and what to do. */
import { useState } from 'react';
import type { ConnectionResult } from './connection';

const SHOWN = 16;

export function ConnectionReport({ result, compact = false }: { result: ConnectionResult; compact?: boolean }) {
  const [all, setAll] = useState(false);
  if (!result.ok) {
    return (
      <div className="settings-report settings-report-fail" data-problem={result.problem}>
        <p className="settings-report-title">{result.title}</p>
        <p>{result.message}</p>
        {result.fix ? (
          <p>
            <strong>What to do: </strong>
            {result.fix}
          </p>
        ) : null}
      </div>
    );
  }
  if (compact) {
    return (
      <div className="settings-report settings-report-ok">
        <p className="settings-report-title">{result.message}</p>
      </div>
    );
  }
  const models = result.models;
  const shown = all ? models : models.slice(0, SHOWN);
  return (
    <div className="settings-report settings-report-ok">
      <p className="settings-report-title">Connection works</p>
      <p>{result.message}</p>
      {models.length > 0 ? (
        <>
          <ul className="settings-models" aria-label="Models found">
            {shown.map((model) => (
              <li key={model} className={model === result.model?.name ? 'settings-model-chosen' : undefined}>
                {model}
              </li>
            ))}
          </ul>
          {models.length > SHOWN ? (
            <button type="button" className="settings-link" onClick={() => setAll(!all)} aria-expanded={all}>
              {all ? 'Show fewer' : `Show all ${models.length} models`}
            </button>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
