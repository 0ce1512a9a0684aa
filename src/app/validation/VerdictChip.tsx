/** A validator step's outcome as a small chip: "Judge: fail · 4 vs 7", with an icon as well as a colour. */
import type { Verdict } from '../../engine/validation';
import { STATUS_ICONS, chipText, chipVerdicts, verdictDetail } from './layersView';
import './validation.css';

export function VerdictChip({ verdict }: { verdict: Verdict }) {
  const detail = verdictDetail(verdict);
  return (
    <span className={`verdict-chip verdict-chip-${verdict.status}`} title={detail ? `${verdict.validator}: ${detail}` : verdict.validator}>
      <span aria-hidden="true">{STATUS_ICONS[verdict.status]}</span> {chipText(verdict)}
    </span>
  );
}

/** The chips of a step: each validator's latest verdict (people's decisions are shown elsewhere). */
export function VerdictChips({ verdicts }: { verdicts: readonly Verdict[] | undefined }) {
  const shown = chipVerdicts(verdicts);
  if (shown.length === 0) return null;
  return (
    <span className="verdict-chips">
      {shown.map((verdict) => (
        <VerdictChip key={`${verdict.nodeId}|${verdict.validator}`} verdict={verdict} />
      ))}
    </span>
  );
}
