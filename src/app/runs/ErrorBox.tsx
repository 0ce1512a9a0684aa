/** An error with what, where and what to do; retries count down to the next attempt. */
import { useEffect, useState } from 'react';
import type { ErrorInfo } from '../../engine/util/errors';
import { hrefFor } from '../router';
import { describeError, type ErrorPlace } from './errorText';

export function ErrorBox({ error, place, alert = false, compact = false }: { error: ErrorInfo; place?: ErrorPlace; alert?: boolean; compact?: boolean }) {
  const view = describeError(error, place);
  return (
    <div className={`run-error${compact ? ' run-error-compact' : ''}`} role={alert ? 'alert' : undefined} data-code={error.code}>
      <p className="run-error-title">{view.title}</p>
      <p className="run-error-message">{view.message}</p>
      {view.where ? <p className="run-error-meta">{view.where}</p> : null}
      {view.source ? <p className="run-error-meta">{view.source}</p> : null}
      {view.hint && !compact ? (
        <p className="run-error-hint">
          {view.hint}
          {view.settings ? (
            <>
              {' '}
              <a href={hrefFor({ page: 'settings' })}>Open Settings</a>
            </>
          ) : null}
        </p>
      ) : null}
    </div>
  );
}

/** "Retrying in 3 s" until `at`, then "Retrying now". */
export function RetryCountdown({ at }: { at: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (now >= at) return;
    const timer = setTimeout(() => setNow(Date.now()), Math.min(250, at - now));
    return () => clearTimeout(timer);
  }, [now, at]);
  const seconds = Math.ceil((at - now) / 1000);
  return <span className="retry-countdown">{seconds > 0 ? `Retrying in ${seconds} s` : 'Retrying now'}</span>;
}
