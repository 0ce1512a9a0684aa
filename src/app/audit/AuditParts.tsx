/**
 * Parts of the Audit page: the outcome of a verification or export (announced as it changes), and
 * the details of one entry (every field, hashes in full).
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { describeVerification, type AuditProblem } from '../../engine/audit';
import { readAuditEntry } from '../../storage/auditQueries';
import { db } from '../runtime/database';
import { formatFullTime } from '../runs/format';
import { entrySummary, typeLabel } from './summary';
import type { AuditTask } from './useVerification';

export interface Broken {
  seq: number;
  problem: AuditProblem;
  reason: string;
}

function Icon({ ok }: { ok: boolean }) {
  return (
    <svg className="audit-icon" viewBox="0 0 16 16" aria-hidden="true">
      {ok ? <path d="M3 8.5l3 3 7-7" /> : <path d="M4 4l8 8M12 4l-8 8" />}
    </svg>
  );
}

/** The verification or export outcome, in a live region. */
export function TaskStatus({ task, onShow }: { task: AuditTask; onShow: (seq: number, missing: boolean) => void }) {
  const what = (source: 'log' | 'file', fileName?: string) => (source === 'file' ? `“${fileName ?? 'file'}”: ` : '');
  let body: ReactNode;
  let tone = 'muted';
  switch (task.step) {
    case 'verifying':
      body = (
        <>
          <progress max={task.total ?? undefined} value={task.total === undefined ? undefined : task.done} aria-label={task.source === 'file' ? 'Verifying the log file' : 'Verifying the audit log'} />
          <span>
            {what(task.source, task.fileName)}Verifying… {task.done.toLocaleString('en-US')}
            {task.total === undefined ? '' : ` of ${task.total.toLocaleString('en-US')}`} entries checked
          </span>
        </>
      );
      break;
    case 'verified': {
      const { result } = task;
      tone = result.ok ? 'ok' : 'bad';
      body = (
        <>
          <Icon ok={result.ok} />
          <span className="audit-result-text" data-testid="audit-result">
            {what(task.source, task.fileName)}
            {describeVerification(result)}
          </span>
          {!result.ok && task.source === 'log' && result.seq >= 0 ? (
            <button type="button" className="button-ghost audit-show" onClick={() => onShow(result.seq, result.problem === 'deleted')}>
              Show entry #{result.problem === 'deleted' ? `${result.seq}’s place` : result.seq}
            </button>
          ) : null}
        </>
      );
      break;
    }
    case 'exporting':
      body = <span>Exporting the log…</span>;
      break;
    case 'exported':
      tone = 'ok';
      body = (
        <>
          <Icon ok />
          <span className="audit-result-text" data-testid="audit-result">
            Exported {task.count.toLocaleString('en-US')} {task.count === 1 ? 'entry' : 'entries'} as {task.fileName}, head {task.headHash}
          </span>
        </>
      );
      break;
    case 'error':
      tone = 'bad';
      body = (
        <>
          <Icon ok={false} />
          <span className="audit-result-text">{task.message}</span>
        </>
      );
      break;
    default:
      body = <span className="vt-text">Verify the log to check that no entry was changed, removed or reordered.</span>;
  }
  return (
    <div className={`audit-status audit-status-${tone}`} role="status" aria-live="polite">
      {body}
    </div>
  );
}

/** One entry in full. */
export function EntryDetail({ seq, reread, broken, focusKey, onClose }: { seq: number; reread: number; broken: Broken | null; focusKey: number; onClose: () => void }) {
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusKey > 0) heading.current?.focus();
  }, [focusKey]);
  // undefined while loading, null when there is no such entry.
  const entry = useLiveQuery(async () => (await readAuditEntry(db, seq)) ?? null, [seq, reread]);
  const isBroken = broken !== null && broken.seq === seq;
  return (
    <section className={`panel audit-detail${isBroken ? ' audit-detail-broken' : ''}`} aria-labelledby={`${id}-title`}>
      <div className="audit-detail-head">
        <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>
          Entry #{seq}
        </h2>
        <button type="button" className="button-ghost" onClick={onClose}>
          Close details
        </button>
      </div>
      {isBroken ? (
        <p className="audit-detail-problem">
          Verification stopped here: {broken.reason}
        </p>
      ) : null}
      {entry === undefined ? (
        <p className="vt-text">Loading…</p>
      ) : entry === null ? (
        <p className="vt-text">{`Entry #${seq} is not in the log.`}</p>
      ) : (
        <dl className="audit-fields">
          <dt>Type</dt>
          <dd>
            {typeLabel(entry.type)} <code>{entry.type}</code>
          </dd>
          <dt>Time</dt>
          <dd>
            <time dateTime={new Date(entry.at).toISOString()}>{formatFullTime(entry.at)}</time>
          </dd>
          <dt>Actor</dt>
          <dd>{entry.actor ?? 'system'}</dd>
          <dt>Summary</dt>
          <dd>{entrySummary(entry)}</dd>
          <dt>Subject</dt>
          <dd>
            {Object.keys(entry.subject).length === 0
              ? '—'
              : Object.entries(entry.subject).map(([key, value]) => (
                  <span key={key} className="audit-id">
                    {key} <code>{value}</code>
                  </span>
                ))}
          </dd>
          <dt>Data</dt>
          <dd>
            <pre className="audit-data">{JSON.stringify(entry.data, null, 2)}</pre>
          </dd>
          <dt>Previous hash</dt>
          <dd>
            <code className="audit-full-hash">{entry.prevHash}</code>
          </dd>
          <dt>Hash</dt>
          <dd>
            <code className="audit-full-hash">{entry.hash}</code>
          </dd>
        </dl>
      )}
    </section>
  );
}
