/**
 * The run detail page's Validation section: every verdict the run's steps recorded, shown as
 * layers per attempt, with the layer that caught each attempt and the flagged text marked.
 */
import { useMemo } from 'react';
import type { StepRecord } from '../../engine/run/types';
import { checkedValue } from '../validation/checkedValue';
import { runValidationLine } from '../validation/layersView';
import { VerdictLayers } from '../validation/VerdictLayers';

export function RunValidation({ steps }: { steps: readonly StepRecord[] }) {
  const verdicts = useMemo(() => steps.flatMap((record) => record.verdicts ?? []), [steps]);
  if (verdicts.length === 0) return null;
  return (
    <section className="panel run-validation" aria-labelledby="run-validation-title">
      <h2 id="run-validation-title">Validation</h2>
      <p className="run-validation-line">{runValidationLine(verdicts)}</p>
      <VerdictLayers verdicts={verdicts} checkedValue={(verdict) => checkedValue(steps, verdict)} label="Validation layers" />
    </section>
  );
}
