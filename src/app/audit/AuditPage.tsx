/**
 * The Audit page (#/audit, optionally ?type=TYPE): the hash-chained audit trail, newest first, in
 * a virtualized list (100,000 entries cost the rows in view), filtered by type. "Verify" walks the
 * whole chain with progress and says either that it is intact (count and head hash) or which
 * entry does not match and why, and scrolls to that entry. "Export log" downloads the log with its
 * head hash; "Verify a log file…" checks an exported file offline, optionally against a head hash
 * noted elsewhere.
 */
import { useCallback, useId, useMemo, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { AUDIT_TYPES, type AuditEntry } from '../../engine/audit';
import { auditIndexOf, countAudit, listAudit, storedHead } from '../../storage/auditQueries';
import { navigate } from '../router';
import { auditLog, db } from '../runtime/database';
import { formatFullTime, formatTime, plural } from '../runs/format';
import { VirtualTable, type Column } from '../runs/VirtualTable';
import { usePagedWindow } from '../ui/usePagedWindow';
import { EntryDetail, TaskStatus, type Broken } from './AuditParts';
import { entrySummary, isAuditType, shortHash, typeLabel, TYPE_LABELS } from './summary';
import { useAuditTasks } from './useVerification';
import '../runs/runs.css';
import './audit.css';

const PAGE_SIZE = 100;

const COLUMNS: Column[] = [
  { key: 'seq', header: '#', width: '84px' },
  { key: 'time', header: 'Time', width: '150px' },
  { key: 'type', header: 'Type', width: '172px' },
  { key: 'actor', header: 'Actor', width: '140px' },
  { key: 'summary', header: 'Summary', width: 'minmax(0, 1fr)' },
  { key: 'hash', header: 'Hash', width: '118px' },
];

export function AuditPage(props: { type?: string }) {
  const id = useId();
  const type = isAuditType(props.type) ? props.type : undefined;
  const head = useLiveQuery(() => storedHead(db), []);
  const total = useLiveQuery(() => countAudit(db), []);
  // Bumped by each verification: the list shows what was verified, even a change made outside the
  // app (which Dexie's live queries do not hear of).
  const [reread, setReread] = useState(0);
  const query = useMemo(
    () => ({
      key: `${type ?? ''}|${reread}`,
      count: () => countAudit(db, type ? { type } : {}),
      page: (offset: number, limit: number) => listAudit(db, { ...(type ? { type } : {}), offset, limit }),
    }),
    [type, reread],
  );
  const { count, itemAt, setRange } = usePagedWindow<AuditEntry>(query, PAGE_SIZE);
  const { task, busy, verifyLog, verifyFile, exportLog } = useAuditTasks();
  const [selected, setSelected] = useState<number | null>(null);
  const [broken, setBroken] = useState<Broken | null>(null);
  const [scrollTo, setScrollTo] = useState<{ index: number } | null>(null);
  const [expected, setExpected] = useState('');
  /** Bumped when "Show entry" asks for the entry's details: they take the focus. */
  const [focusDetail, setFocusDetail] = useState(0);
  const fileInput = useRef<HTMLInputElement>(null);

  /** Shows entry `seq` (or, for a missing one, the entry after the gap): all types, scrolled to, selected. */
  const showEntry = useCallback(
    async (seq: number, missing = false) => {
      const target = missing ? ((await db.audit.where(':id').above(seq).first())?.seq ?? seq - 1) : seq;
      if (type) navigate({ page: 'audit' }, { replace: true });
      setSelected(target);
      setScrollTo({ index: await auditIndexOf(db, target) });
    },
    [type],
  );

  const verify = useCallback(async () => {
    setBroken(null);
    const result = await verifyLog();
    setReread((n) => n + 1);
    if (result && !result.ok && result.seq >= 0) {
      setBroken({ seq: result.seq, problem: result.problem, reason: result.reason });
      await showEntry(result.seq, result.problem === 'deleted');
    }
  }, [verifyLog, showEntry]);

  const row = useCallback(
    (index: number) => {
      const entry = itemAt(index);
      if (!entry) return null;
      return {
        seq: (
          <button type="button" className="audit-seq" aria-label={`Details of entry #${entry.seq}`} aria-pressed={selected === entry.seq} onClick={() => setSelected(entry.seq)}>
            #{entry.seq}
          </button>
        ),
        time: (
          <time dateTime={new Date(entry.at).toISOString()} title={formatFullTime(entry.at)}>
            {formatTime(entry.at)}
          </time>
        ),
        type: <span className={`audit-type audit-type-${entry.type.split('.')[0] ?? 'other'}`}>{typeLabel(entry.type)}</span>,
        actor: entry.actor ?? <span className="vt-text">system</span>,
        summary: (
          <span className="audit-summary" title={entrySummary(entry)}>
            {entrySummary(entry)}
          </span>
        ),
        hash: <code className="audit-hash">{shortHash(entry.hash)}</code>,
      };
    },
    [itemAt, selected],
  );

  const rowAttributes = useCallback(
    (index: number) => {
      const entry = itemAt(index);
      return {
        'data-seq': entry ? String(entry.seq) : undefined,
        'data-type': entry?.type,
        'data-selected': entry && entry.seq === selected ? 'true' : undefined,
        'data-broken': entry && broken && (entry.seq === broken.seq || (broken.problem === 'deleted' && entry.seq === selected)) ? 'true' : undefined,
      };
    },
    [itemAt, selected, broken],
  );

  const writeError = auditLog.lastError;
  return (
    <div className="page audit-page">
      <div className="page-head runs-head">
        <div>
          <h1>Audit</h1>
          <p className="lede" aria-live="polite">
            {count === undefined || total === undefined
              ? 'Loading…'
              : type
                ? `${plural(count, 'entry', 'entries')} of this type (of ${total.toLocaleString('en-US')}), newest first.`
                : `${plural(total, 'entry', 'entries')} in this browser, newest first.`}
            {head ? (
              <>
                {' '}
                Head <code className="audit-hash">{shortHash(head.hash)}</code>
              </>
            ) : null}
          </p>
        </div>
        <form className="runs-filters" aria-label="Filter entries" onSubmit={(e) => e.preventDefault()}>
          <div className="field">
            <label htmlFor={`${id}-type`}>Type</label>
            <select id={`${id}-type`} value={type ?? ''} onChange={(e) => navigate({ page: 'audit', ...(e.target.value ? { type: e.target.value } : {}) }, { replace: true })}>
              <option value="">All types</option>
              {AUDIT_TYPES.map((t) => (
                <option key={t} value={t}>
                  {TYPE_LABELS[t]}
                </option>
              ))}
            </select>
          </div>
        </form>
      </div>
      <p className="audit-intro">
        Runs, step results, review decisions, trust tier changes, saved and imported flow versions and settings changes are recorded here as they happen. Each entry holds the hash of the one before it, so changing, removing or reordering any entry shows when the log is verified. Step inputs and outputs are recorded as SHA-256 hashes, not values; API keys never appear.
      </p>
      <section className="panel audit-tools" aria-labelledby={`${id}-tools`}>
        <h2 id={`${id}-tools`}>Verify and export</h2>
        <div className="audit-actions">
          <button type="button" className="primary" onClick={() => void verify()} disabled={busy}>
            Verify
          </button>
          <button type="button" onClick={() => void exportLog()} disabled={busy}>
            Export log
          </button>
          <span className="audit-divider" aria-hidden="true" />
          <div className="field audit-expected">
            <label htmlFor={`${id}-expected`}>Expected head hash (optional)</label>
            <input id={`${id}-expected`} type="text" spellCheck={false} autoComplete="off" value={expected} onChange={(e) => setExpected(e.target.value)} placeholder="64 hex digits" />
          </div>
          <button type="button" onClick={() => fileInput.current?.click()} disabled={busy}>
            Verify a log file…
          </button>
          <input
            ref={fileInput}
            className="sr-only"
            type="file"
            accept=".json,application/json"
            aria-label="Audit log file to verify"
            tabIndex={-1}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void verifyFile(file, expected);
            }}
          />
        </div>
        <TaskStatus task={task} onShow={(seq, missing) => void showEntry(seq, missing).then(() => setFocusDetail((n) => n + 1))} />
        {writeError ? (
          <p className="audit-write-error" role="alert">
            Some audit entries could not be written in this tab: {writeError instanceof Error ? writeError.message : String(writeError)}
          </p>
        ) : null}
      </section>
      <section className="panel runs-panel audit-list" aria-label="Audit entries">
        <VirtualTable
          key={type ?? ''}
          label="Audit entries"
          columns={COLUMNS}
          rowCount={count ?? 0}
          rowHeight={42}
          row={row}
          onRange={setRange}
          rowAttributes={rowAttributes}
          scrollTo={scrollTo}
          height="max(300px, calc(100vh - 460px))"
          empty={count === undefined ? 'Loading…' : type ? 'No entries of this type yet.' : 'No entries yet. Run a flow, decide a review or change a setting: it is recorded here.'}
        />
      </section>
      {selected !== null ? <EntryDetail seq={selected} reread={reread} broken={broken} focusKey={focusDetail} onClose={() => setSelected(null)} /> : null}
    </div>
  );
}
