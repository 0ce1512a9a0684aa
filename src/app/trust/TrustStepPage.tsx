/**
 * One step's trust (#/trust/FLOW/NODE): its tier and evidence at the current configuration, the
 * recommendation with a Promote button when the evidence supports it, a chart of review and
 * defect rates over executions, setting the tier by hand, the tier history, earlier
 * configurations, and the export of its reviewed examples as JSONL. Live: it follows runs and
 * decisions as they happen, in this tab or another.
 */
import { useId, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { recommendationFor, trustKey } from '../../engine/trust';
import { trustDetail } from '../../storage/trustQueries';
import { hrefFor } from '../router';
import { db } from '../runtime/database';
import { useReviewerName } from '../settings/hooks';
import { downloadExamples, errorMessage, examplesFileName } from './actions';
import { boundText, tierPillClass, tierText } from './format';
import { PromotePanel } from './PromotePanel';
import { SetTierForm } from './SetTierForm';
import { TrustChart } from './TrustChart';
import { EarlierConfigurations, TierHistory } from './TrustHistory';
import './trust.css';

function ExportPanel({ flowId, nodeId, fileName }: { flowId: string; nodeId: string; fileName: string }) {
  const id = useId();
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    setStatus('');
    try {
      const count = await downloadExamples(flowId, nodeId, fileName);
      setStatus(count === 0 ? `No decided reviews yet: ${fileName} is empty.` : `Exported ${count === 1 ? '1 reviewed example' : `${count} reviewed examples`} to ${fileName}.`);
    } catch (e) {
      setStatus(`The export failed: ${errorMessage(e)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Reviewed examples</h2>
      <p className="hint">
        Every decided review of this step, one JSON object per line: <code>input</code>, <code>output</code>, <code>decision</code> (approved, edited or rejected), <code>editedOutput</code>, <code>reason</code>, <code>reviewer</code>, <code>decidedAt</code>, <code>runId</code>. Ready to use as an evaluation set or as training data.
      </p>
      <button type="button" onClick={() => void run()} disabled={busy}>
        Export reviewed examples (JSONL)
      </button>
      <p role="status" className="trust-status">
        {status}
      </p>
    </section>
  );
}

export function TrustStepPage({ flowId, nodeId }: { flowId: string; nodeId: string }) {
  const key = trustKey(flowId, nodeId);
  const detail = useLiveQuery(async () => (await trustDetail(db, key)) ?? null, [key]);
  const reviewer = useReviewerName();

  if (detail === undefined) return <div className="page trust-page">Loading…</div>;
  if (detail === null) {
    return (
      <div className="page trust-page">
        <div className="page-head">
          <h1>No trust record</h1>
          <p className="lede">
            The step “{nodeId}” of flow “{flowId}” has not reached a review gate yet. <a href={hrefFor({ page: 'trust' })}>All reviewed steps</a>
          </p>
        </div>
      </div>
    );
  }
  const { record } = detail;
  const rec = recommendationFor(record);
  const e = record.evidence;
  const facts: [string, string | number][] = [
    ['Executions', record.executions],
    ['Reviewed', e.reviewed],
    ['Approved as-is', e.approvedAsIs],
    ['Edited', e.edited],
    ['Rejected', e.rejected],
    ['As-is rate (95% lower bound)', e.reviewed === 0 ? '—' : `≥ ${boundText(rec.lowerBound)}`],
  ];
  return (
    <div className="page trust-page">
      <div className="page-head">
        <p className="eyebrow">Trust · {detail.flowName}</p>
        <div className="run-detail-title">
          <h1>{detail.stepLabel}</h1>
          <span className={tierPillClass(record.tier)} data-testid="trust-tier">
            {record.tier === 0 ? 'Autonomous' : `${tierText(record.tier)} review`}
          </span>
        </div>
        <p className="run-links">
          <a href={hrefFor({ page: 'trust', flowId })}>All reviewed steps of this flow</a>
          {detail.inFlow ? <a href={hrefFor({ page: 'editor', flowId })}>Open flow</a> : <span className="trust-muted">The step is no longer in the flow.</span>}
        </p>
      </div>

      <section className="panel" aria-label="Evidence at the current configuration">
        <dl className="facts">
          {facts.map(([term, value]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        <p className="trust-ids">
          <span>
            Configuration fingerprint <code>{record.fingerprint}</code>
          </span>
          <span>
            Sampling seed <code>{record.seed}</code>
          </span>
        </p>
      </section>

      <div className="trust-grid-2">
        <PromotePanel record={record} reviewer={reviewer} />
        <SetTierForm record={record} reviewer={reviewer} />
      </div>

      <section className="panel" aria-labelledby="trust-chart-title">
        <h2 id="trust-chart-title">Review and defect rates over executions</h2>
        <TrustChart record={record} />
      </section>

      <TierHistory changes={detail.tierChanges} />
      <EarlierConfigurations previous={record.previous} />
      <ExportPanel flowId={flowId} nodeId={nodeId} fileName={examplesFileName(detail.flowName, detail.stepLabel)} />
    </div>
  );
}
