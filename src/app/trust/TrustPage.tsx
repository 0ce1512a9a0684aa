/**
 * The Trust page (#/trust, optionally ?flow=ID): one row per step that has a trust record, with
 * its tier, its evidence at the current configuration, the Wilson lower bound on its as-is rate,
 * and what it needs for the next tier in plain words. A step's name opens its detail.
 */
import { useId } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { recommendation } from '../../engine/trust';
import { trustFlows, trustOverview, type TrustOverviewRow } from '../../storage/trustQueries';
import { hrefFor, navigate } from '../router';
import { db } from '../runtime/database';
import { plural } from '../runs/format';
import { boundText, nextStepText, tierPillClass, tierText } from './format';
import './trust.css';

function Row({ entry }: { entry: TrustOverviewRow }) {
  const { row } = entry;
  const rec = recommendation(row);
  const e = row.evidence;
  return (
    <tr data-trust-key={row.key}>
      <td className="trust-name-cell">{entry.flowName}</td>
      <th scope="row" className="trust-name-cell">
        <a href={hrefFor({ page: 'trust-step', flowId: row.flowId, nodeId: row.nodeId })}>{entry.stepLabel}</a>
        {entry.inFlow ? null : <span className="trust-muted"> (no longer in the flow)</span>}
      </th>
      <td>
        <span className={tierPillClass(row.tier)}>{tierText(row.tier)}</span>
      </td>
      <td className="trust-num">{e.reviewed}</td>
      <td className="trust-num">{e.approvedAsIs}</td>
      <td className="trust-num">{e.edited}</td>
      <td className="trust-num">{e.rejected}</td>
      <td className="trust-num">{e.reviewed === 0 ? '—' : `≥ ${boundText(rec.lowerBound)}`}</td>
      <td className={rec.eligible ? 'trust-ready' : 'trust-next'}>{nextStepText(rec)}</td>
    </tr>
  );
}

export function TrustPage({ flowId }: { flowId?: string }) {
  const id = useId();
  const rows = useLiveQuery(() => trustOverview(db, flowId), [flowId]);
  const flows = useLiveQuery(() => trustFlows(db), []);
  const knownFlow = !flowId || flows?.some((f) => f.id === flowId);
  const ready = rows?.filter((entry) => recommendation(entry.row).eligible).length ?? 0;

  return (
    <div className="page trust-page">
      <div className="page-head runs-head">
        <div>
          <h1>Trust</h1>
          <p className="lede" aria-live="polite">
            {rows === undefined
              ? 'Loading…'
              : rows.length === 0
                ? 'No reviewed steps yet.'
                : `${plural(rows.length, 'reviewed step')}${flowId ? ' in this flow' : ''}; ${ready === 0 ? 'none is' : `${plural(ready, 'step')} ${ready === 1 ? 'is' : 'are'}`} ready for less review.`}
          </p>
        </div>
        <form className="runs-filters" aria-label="Filter steps" onSubmit={(e) => e.preventDefault()}>
          <div className="field">
            <label htmlFor={`${id}-flow`}>Flow</label>
            <select id={`${id}-flow`} value={flowId ?? ''} onChange={(e) => navigate({ page: 'trust', ...(e.target.value ? { flowId: e.target.value } : {}) }, { replace: true })}>
              <option value="">All flows</option>
              {(flows ?? []).map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name}
                </option>
              ))}
              {!knownFlow && flowId ? <option value={flowId}>{flowId}</option> : null}
            </select>
          </div>
        </form>
      </div>
      <p className="trust-intro">
        Every agent step behind a review gate starts with every output reviewed. As reviewers approve its outputs unchanged, the evidence can earn it a lower review rate (100% → 50% → 20% → 5% → 2%); a person promotes it. A rejection at a lower rate, or a change to its prompt, model or settings, puts it back to full review.
      </p>
      <section className="panel trust-panel" aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`} className="sr-only">
          Reviewed steps
        </h2>
        {rows && rows.length > 0 ? (
          <div className="trust-scroll">
            <table className="trust-table trust-overview">
              <thead>
                <tr>
                  <th scope="col">Flow</th>
                  <th scope="col">Step</th>
                  <th scope="col">Review tier</th>
                  <th scope="col" className="trust-num">Reviewed</th>
                  <th scope="col" className="trust-num">Approved as-is</th>
                  <th scope="col" className="trust-num">Edited</th>
                  <th scope="col" className="trust-num">Rejected</th>
                  <th scope="col" className="trust-num">
                    As-is rate<sup aria-hidden="true">*</sup>
                  </th>
                  <th scope="col">Next tier</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((entry) => (
                  <Row key={entry.row.key} entry={entry} />
                ))}
              </tbody>
            </table>
            <p className="trust-footnote">
              <span aria-hidden="true">* </span>As-is rate: the share of reviewed outputs approved without changes that the evidence shows with 95% confidence (one-sided Wilson lower bound). Edits and rejections count as defects.
            </p>
          </div>
        ) : (
          <p className="trust-empty">
            {rows === undefined ? 'Loading…' : flowId ? 'No step of this flow has reached a review gate yet.' : 'No step has reached a review gate yet. Put a Review gate after an agent step in a flow and run it: the step appears here with its evidence.'}
          </p>
        )}
      </section>
    </div>
  );
}
