/**
 * Who is acting: the reviewer name from Settings, or, when none is saved, the review queue's name
 * field asking for it (saved to Settings with the change). Tier changes are recorded with this name.
 */
import { useId } from 'react';
import { NameField as ReviewerNameInput } from '../review/forms';

export function NameField({ saved, value, onChange, error }: { saved: string | undefined; value: string; onChange: (value: string) => void; error?: string | undefined }) {
  const id = useId();
  if (saved) return <p className="trust-as">Recorded as {saved} (from Settings).</p>;
  return <ReviewerNameInput id={`${id}-name`} value={value} onChange={onChange} error={error} />;
}
