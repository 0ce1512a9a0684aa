/**
 * "Set tier by hand": any tier, evidence or not, with a required reason, recorded with who and
 * when. Autonomous (no sampled review; rules still force it) needs an explicit confirmation.
 */
import { useId, useState, type FormEvent } from 'react';
import { AUTONOMOUS, isTier, type Tier, type TrustRecord } from '../../engine/trust';
import { errorMessage, personName, setStepTier } from './actions';
import { HAND_TIERS, tierText } from './format';
import { NameField } from './NameField';

export function SetTierForm({ record, reviewer }: { record: TrustRecord; reviewer: string | undefined }) {
  const id = useId();
  const [tier, setTier] = useState<Tier>(record.tier);
  const [reason, setReason] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<{ reason?: string; confirm?: string; name?: string; form?: string }>({});
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setStatus('');
    const found: typeof errors = {};
    if (tier === record.tier) found.form = `The step is already at ${tierText(tier)}; choose another tier.`;
    if (!reason.trim()) found.reason = 'Say why: the reason is recorded with the change.';
    if (tier === AUTONOMOUS && !confirmed) found.confirm = 'Confirm that outputs will be reviewed only when a rule forces it.';
    if (!reviewer && !name.trim()) found.name = 'Enter your name: it is recorded with the change.';
    setErrors(found);
    if (Object.keys(found).length > 0) {
      const first = found.reason ? `${id}-reason` : found.confirm ? `${id}-confirm` : found.form ? `${id}-tier` : null;
      if (first) document.getElementById(first)?.focus();
      return;
    }
    setBusy(true);
    try {
      const by = await personName(reviewer, name);
      const next = await setStepTier(record.key, tier, by, reason.trim());
      setStatus(`Set to ${tierText(next.tier)} by ${by}.`);
      setReason('');
      setConfirmed(false);
    } catch (e) {
      setErrors({ form: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel trust-hand" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Set tier by hand</h2>
      <p className="hint">Overrides the evidence. Recorded in the history with your name and reason.</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-tier`}>Review tier</label>
          <select
            id={`${id}-tier`}
            value={String(tier)}
            aria-invalid={errors.form ? true : undefined}
            onChange={(e) => {
              const value = Number(e.target.value);
              if (isTier(value)) setTier(value);
              setConfirmed(false);
            }}
          >
            {HAND_TIERS.map((option) => (
              <option key={option.tier} value={String(option.tier)}>
                {option.label}
                {option.tier === record.tier ? ' — current' : ''}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-reason`}>Reason (required)</label>
          <textarea id={`${id}-reason`} rows={2} value={reason} maxLength={2000} required aria-invalid={errors.reason ? true : undefined} aria-describedby={errors.reason ? `${id}-reason-error` : undefined} onChange={(e) => setReason(e.target.value)} />
          {errors.reason ? (
            <span className="field-error" id={`${id}-reason-error`}>
              {errors.reason}
            </span>
          ) : null}
        </div>
        {tier === AUTONOMOUS ? (
          <div className="trust-confirm">
            <input id={`${id}-confirm`} type="checkbox" checked={confirmed} aria-invalid={errors.confirm ? true : undefined} aria-describedby={errors.confirm ? `${id}-confirm-error` : undefined} onChange={(e) => setConfirmed(e.target.checked)} />
            <label htmlFor={`${id}-confirm`}>I understand: no output of this step will be sampled for review; only outputs a rule flags reach a person.</label>
            {errors.confirm ? (
              <span className="field-error" id={`${id}-confirm-error`}>
                {errors.confirm}
              </span>
            ) : null}
          </div>
        ) : null}
        <NameField saved={reviewer} value={name} onChange={setName} error={errors.name} />
        <button type="submit" disabled={busy}>
          Set tier
        </button>
        {errors.form ? (
          <p role="alert" className="trust-error">
            {errors.form}
          </p>
        ) : null}
        <p role="status" className="trust-status">
          {status}
        </p>
      </form>
    </section>
  );
}
