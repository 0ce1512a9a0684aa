/**
 * The step's recommendation: what the evidence supports, the numbers behind it, and, only when the
 * evidence is enough, a "Promote to N%" button. Promotion is a person's decision, recorded with
 * their name; the evidence is checked again when it is applied.
 */
import { useId, useState, type FormEvent } from 'react';
import { recommendationFor, type TrustRecord } from '../../engine/trust';
import { errorMessage, personName, promoteStep } from './actions';
import { boundText, percent, tierShort, tierText } from './format';
import { NameField } from './NameField';

interface Criterion {
  met: boolean;
  label: string;
  text: string;
}

/** The requirements of the next tier, each met or not, in words. */
function criteria(record: TrustRecord, rec: ReturnType<typeof recommendationFor>): Criterion[] {
  const step = rec.step;
  if (!step || !rec.sprt) return [];
  const since = record.sinceTier;
  const defectsSince = since.reviewed - since.approvedAsIs;
  const verdict = rec.sprt.decision === 'reject' ? 'too many defects' : rec.sprt.decision === 'accept' ? 'defect rate low enough' : 'not decided, which does not block';
  return [
    { met: record.evidence.reviewed >= step.minReviewed, label: 'Reviews', text: `${record.evidence.reviewed} at this configuration; at least ${step.minReviewed} needed.` },
    {
      met: rec.lowerBound >= step.minLowerBound,
      label: 'As-is rate',
      text: record.evidence.reviewed === 0 ? `no reviews yet; ${percent(step.minLowerBound)} approved as-is needed (95% confidence).` : `at least ${boundText(rec.lowerBound)} approved as-is (95% confidence); ${percent(step.minLowerBound)} needed.`,
    },
    {
      met: rec.sprt.decision !== 'reject',
      label: 'Trend',
      text: `${defectsSince} defect${defectsSince === 1 ? '' : 's'} in ${since.reviewed} review${since.reviewed === 1 ? '' : 's'} since the step reached ${tierShort(rec.tier)}; sequential test (${percent(step.p0)} fine, ${percent(step.p1)} not): ${verdict}.`,
    },
  ];
}

export function PromotePanel({ record, reviewer }: { record: TrustRecord; reviewer: string | undefined }) {
  const id = useId();
  const rec = recommendationFor(record);
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string>();
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (rec.nextTier === null) return;
    setBusy(true);
    setError(undefined);
    setStatus('');
    let by: string;
    try {
      by = await personName(reviewer, name);
      setNameError(undefined);
    } catch (e) {
      setNameError(errorMessage(e));
      setBusy(false);
      return;
    }
    try {
      const next = await promoteStep(record.key, by);
      setStatus(`Promoted to ${tierText(next.tier)} review by ${by}.`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const checks = criteria(record, rec);
  return (
    <section className="panel trust-rec" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Recommendation</h2>
      <p className={rec.eligible ? 'trust-rec-text trust-ready' : 'trust-rec-text'}>{rec.eligible && rec.nextTier !== null ? `Ready for ${tierShort(rec.nextTier)} review: the evidence meets every requirement.` : rec.needed.text}</p>
      {checks.length > 0 ? (
        <ul className="trust-rec-facts" aria-label={`Requirements for ${rec.nextTier === null ? 'the next tier' : `${tierShort(rec.nextTier)} review`}`}>
          {checks.map((check) => (
            <li key={check.label}>
              <span className={`trust-check ${check.met ? 'trust-check-met' : 'trust-check-unmet'}`}>{check.met ? 'Met' : 'Not yet'}</span>
              <span>
                <strong>{check.label}:</strong> {check.text}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {rec.eligible && rec.nextTier !== null ? (
        <form className="trust-promote" onSubmit={(e) => void submit(e)} noValidate>
          <NameField saved={reviewer} value={name} onChange={setName} error={nameError} />
          <button type="submit" className="primary" disabled={busy}>
            Promote to {tierShort(rec.nextTier)}
          </button>
        </form>
      ) : null}
      <p role="status" className="trust-status">
        {status}
      </p>
      {error ? (
        <p role="alert" className="trust-error">
          {error}
        </p>
      ) : null}
    </section>
  );
}
