/** The run panel's one line on validation: which layer caught the run's output, on which attempt. */
import { useMemo } from 'react';
import { hrefFor } from '../router';
import { STATUS_ICONS, attemptViews, runValidationLine } from '../validation/layersView';
import { useRunWithSteps } from './queries';
import '../validation/validation.css';

export function PanelValidationLine({ runId }: { runId: string }) {
  const data = useRunWithSteps(runId);
  const verdicts = useMemo(() => data?.steps.flatMap((record) => record.verdicts ?? []) ?? [], [data]);
  const line = runValidationLine(verdicts);
  if (!line) return null;
  const caught = attemptViews(verdicts).at(-1)?.caught;
  const status = caught ? caught.status : 'pass';
  return (
    <p className={`run-validation-line run-validation-${caught ? 'caught' : 'passed'}`}>
      <span className={`vl-icon vl-icon-${status}`} aria-hidden="true">
        {STATUS_ICONS[status]}
      </span>
      <span>
        <span className="sr-only">Validation: </span>
        {line} <a href={hrefFor({ page: 'run', runId })}>Validation details</a>
      </span>
    </p>
  );
}
