/**
 * The review queue (#/review): outputs waiting for a person, oldest first, as cards, filtered by
 * flow, step and reason (in the URL). Keyboard first: j/k move, a/r/e/c decide, ? lists the keys.
 * Live across tabs: an item decided anywhere leaves the queue without a reload.
 */
import { useCallback, useEffect } from 'react';
import { QUEUE_REASON_KINDS, type QueueReasonKind, type ReviewQueueFilter } from '../../storage/reviewQueries';
import { useNow } from '../library/relativeTime';
import { hrefFor, navigate } from '../router';
import { plural } from '../runs/format';
import { useReviewerNameState } from '../settings/hooks';
import { QueueFilters, type QueueFilterValues } from './QueueFilters';
import { QueueList } from './QueueList';
import { queue, useQueue } from './queueStore';
import { ShortcutsHelp } from './ShortcutsHelp';
import { useQueueCommands } from './useQueueCommands';
import { useQueueChoices, useReviewWindow } from './useReviewQueue';
import '../runs/runs.css';
import './review.css';

function isReason(value: string | undefined): value is QueueReasonKind {
  return value !== undefined && (QUEUE_REASON_KINDS as string[]).includes(value);
}

export function ReviewPage(props: { flowId?: string; step?: string; reason?: string }) {
  const flowId = props.flowId;
  const step = flowId ? props.step : undefined;
  const reason = isReason(props.reason) ? props.reason : undefined;
  const filter: ReviewQueueFilter = { ...(flowId ? { flowId } : {}), ...(step ? { gateNodeId: step } : {}), ...(reason ? { reasonKind: reason } : {}) };
  const filtered = Boolean(flowId || step || reason);
  const win = useReviewWindow(filter);
  const { flows, gates } = useQueueChoices(flowId);
  const reviewer = useReviewerNameState();
  const saved = reviewer.name;
  const now = useNow(30_000);
  const notice = useQueue((s) => s.notice);
  const helpOpen = useQueue((s) => s.helpOpen);
  const filterKey = `${flowId ?? ''}|${step ?? ''}|${reason ?? ''}`;
  // A fresh selection per filter (declared before the commands, whose effects restore one).
  useEffect(() => {
    queue.reset();
    return () => queue.reset();
  }, [filterKey]);
  const handlers = useQueueCommands(win, saved, filter);
  const count = win.count;

  const setFilter = useCallback((next: QueueFilterValues) => {
    navigate({ page: 'review', ...(next.flowId ? { flowId: next.flowId } : {}), ...(next.flowId && next.step ? { step: next.step } : {}), ...(next.reason ? { reason: next.reason } : {}) }, { replace: true });
  }, []);

  return (
    <div className="page rq-page">
      <div className="page-head runs-head rq-head">
        <div>
          <h1>Review</h1>
          <p className="lede" aria-live="polite">
            {count === undefined ? 'Loading…' : count === 0 && !filtered ? 'Nothing is waiting for a decision.' : `${plural(count, 'output')} waiting for review${filtered ? ' match these filters' : ''}, oldest first.`}
          </p>
        </div>
        {count === 0 && !filtered ? null : <QueueFilters flowId={flowId} step={step} reason={reason} flows={flows} gates={gates} onChange={setFilter} />}
      </div>
      <div className="rq-toolbar">
        <p className="rq-reviewer">
          {!reviewer.loaded ? null : saved ? (
            <>
              Deciding as <strong>{saved}</strong> · <a href={hrefFor({ page: 'settings' })}>change</a>
            </>
          ) : (
            <>No reviewer name yet: you will be asked for it with your first decision.</>
          )}
        </p>
        <button type="button" className="button-ghost rq-help-button" aria-keyshortcuts="?" onClick={() => queue.setHelp(true)}>
          Keyboard shortcuts <kbd aria-hidden="true">?</kbd>
        </button>
      </div>
      <div className={`rq-notice${notice ? ` rq-notice-${notice.kind}` : ''}`} role="status" aria-live="polite">
        {notice ? (
          <>
            <span>{notice.text}</span>
            <button type="button" className="button-ghost icon-button" aria-label="Dismiss this message" onClick={() => queue.notify(null)}>
              ✕
            </button>
          </>
        ) : null}
      </div>
      {count === undefined ? (
        <p className="rq-loading">Loading the queue…</p>
      ) : count === 0 ? (
        <EmptyQueue filtered={filtered} onClear={() => setFilter({})} />
      ) : (
        <QueueList key={filterKey} count={count} itemAt={win.itemAt} onRange={win.setRange} saved={saved} now={now} {...handlers} />
      )}
      <ShortcutsHelp open={helpOpen} onClose={() => queue.setHelp(false)} />
    </div>
  );
}

function EmptyQueue({ filtered, onClear }: { filtered: boolean; onClear(): void }) {
  if (filtered) {
    return (
      <section className="panel rq-empty">
        <h2>Nothing matches these filters</h2>
        <p>Other outputs may be waiting: clear the filters to see the whole queue.</p>
        <button type="button" onClick={onClear}>
          Clear filters
        </button>
      </section>
    );
  }
  return (
    <section className="panel rq-empty" aria-labelledby="rq-empty-title">
      <h2 id="rq-empty-title">Nothing is waiting for review</h2>
      <p>
        Outputs come here from <strong>Review gates</strong>. A gate placed after a step in a flow pauses the run when the step’s output needs a person: every step starts under
        full review, and as it earns trust only a sample of its outputs (and any a rule flags) come here. The run waits, paused, until someone decides.
      </p>
      <ol className="rq-empty-steps">
        <li>
          Open a flow in the <a href={hrefFor({ page: 'flows' })}>library</a>, or start from the <em>Support ticket triage</em> template, which has a gate after its drafting
          agent.
        </li>
        <li>Add a Review gate (Human group of the palette) after the step you want checked, and connect what it approves onwards.</li>
        <li>Run the flow. Its output appears here; approve, edit, reject with a reason, or comment, and the run goes on.</li>
      </ol>
      <p className="rq-empty-actions">
        <a className="rq-button-link" href={hrefFor({ page: 'flows' })}>
          Go to the flows library
        </a>
      </p>
    </section>
  );
}
