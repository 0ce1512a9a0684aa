/** A run's trace in numbers: wall time, model time against time waiting for people, cost, tokens. */
import type { TraceTotals as Totals } from '../../engine/trace/spans';
import { formatCost, formatDuration, formatTokens, plural } from '../runs/format';

/** "62% of the wall time"; when parallel calls add up past it, says so. Empty without a wall time. */
export function shareOf(part: number, whole: number): string {
  if (whole <= 0 || part <= 0) return '';
  const share = (part / whole) * 100;
  if (share > 100) return `${Math.round(share)}% of the wall time: parallel calls each count`;
  return `${share < 1 ? '<1' : Math.round(share)}% of the wall time`;
}

function Total({ term, value, sub }: { term: string; value: string; sub?: string }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>
        {value}
        {sub ? <span className="trace-total-sub">{sub}</span> : null}
      </dd>
    </div>
  );
}

/** `priced`: some model call had a known price (otherwise the cost is unknown, not $0). */
export function TraceTotals({ totals, live, priced }: { totals: Totals; live: boolean; priced: boolean }) {
  const tokens = totals.inputTokens + totals.outputTokens;
  return (
    <section className="panel trace-totals" aria-label="Trace totals">
      <dl className="facts">
        <Total term="Wall time" value={formatDuration(totals.durationMs)} {...(live ? { sub: 'so far, still open' } : {})} />
        <Total term="Model time" value={totals.llmCalls > 0 ? formatDuration(totals.modelMs) : '—'} sub={shareOf(totals.modelMs, totals.durationMs)} />
        <Total term="Waiting for review" value={totals.reviewWaitMs > 0 ? formatDuration(totals.reviewWaitMs) : '—'} sub={shareOf(totals.reviewWaitMs, totals.durationMs)} />
        <Total term="Cost" value={totals.llmCalls === 0 ? '—' : priced ? formatCost(totals.costUsd) : 'unknown'} {...(totals.llmCalls > 0 && !priced ? { sub: 'no prices for these models' } : {})} />
        <Total term="Tokens" value={tokens > 0 ? formatTokens(tokens) : '—'} {...(tokens > 0 ? { sub: `${formatTokens(totals.inputTokens)} in, ${formatTokens(totals.outputTokens)} out` } : {})} />
        <Total term="Spans" value={formatTokens(totals.spans)} sub={plural(totals.llmCalls, 'model call')} />
      </dl>
    </section>
  );
}
