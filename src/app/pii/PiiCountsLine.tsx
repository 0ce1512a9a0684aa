/** "Personal data — Masked: 2 emails, 1 person · Redacted: 1 card": a step's or a run's PII counts in one line. */
import type { PiiCounts } from '../../engine/pii/placeholders';
import { piiCountsText } from './piiText';
import './pii.css';

export function PiiCountsLine({ counts }: { counts: PiiCounts | undefined }) {
  if (!counts) return null;
  return (
    <p className="pii-counts">
      <span className="pii-counts-label">Personal data:</span> {piiCountsText(counts) ?? 'none found, sent as it was'}
    </p>
  );
}
