/**
 * Validation in layers: the attempts at an output (a switcher when a revise loop made several, the
 * newest shown first), and within an attempt each layer in order — structure, privacy, judge, grounding,
 * quality, human — with its validator, status (icon and word), score against threshold, label,
 * explanation, what the check took, and its findings. The layer that caught the attempt is
 * highlighted and named in words; the text a validator flagged is shown with its claims marked.
 */
import { useMemo, useState } from 'react';
import { LAYER_TITLES, type Verdict, type VerdictFinding } from '../../engine/validation';
import { Tabs } from '../ui/Tabs';
import { HighlightedText } from './HighlightedText';
import { STATUS_ICONS, STATUS_WORDS, attemptViews, metricsText, rowVerdict, scoreText, spanFindings, type AttemptView, type LayerRow } from './layersView';
import './validation.css';

export interface VerdictLayersProps {
  verdicts: readonly Verdict[];
  /** Fewer details (no costs, findings closed): for review cards. */
  compact?: boolean;
  /** The value a verdict checked, to show its flagged spans in the text; undefined when unknown. */
  checkedValue?: (verdict: Verdict) => unknown;
  /** Accessible name of the whole. */
  label?: string;
}

export function VerdictLayers({ verdicts, compact = false, checkedValue, label = 'Validation layers' }: VerdictLayersProps) {
  const attempts = useMemo(() => attemptViews(verdicts), [verdicts]);
  const [chosen, setChosen] = useState<string | null>(null);
  const newest = attempts.at(-1);
  if (!newest) return null;
  const shown = attempts.find((a) => `a${a.attempt}` === chosen) ?? newest;
  const body = <Attempt view={shown} total={attempts.length} compact={compact} checkedValue={checkedValue} />;
  return (
    <div className={`vl${compact ? ' vl-compact' : ''}`} role="group" aria-label={label}>
      {attempts.length > 1 ? (
        <Tabs
          label={`Attempts (${attempts.length})`}
          selected={`a${shown.attempt}`}
          onSelect={setChosen}
          tabs={attempts.map((a) => ({
            id: `a${a.attempt}`,
            label: (
              <>
                <span className={`vl-icon vl-icon-${a.caught ? a.caught.status : 'pass'}`} aria-hidden="true">
                  {STATUS_ICONS[a.caught ? a.caught.status : 'pass']}
                </span>
                Attempt {a.attempt}
                <span className="sr-only"> — {a.caught ? `caught by ${LAYER_TITLES[a.caught.layer]}` : 'passed'}</span>
              </>
            ),
          }))}
        >
          {body}
        </Tabs>
      ) : (
        body
      )}
    </div>
  );
}

function Attempt({ view, total, compact, checkedValue }: { view: AttemptView; total: number; compact: boolean; checkedValue: ((verdict: Verdict) => unknown) | undefined }) {
  const flagged = view.rows.flatMap((row) => (row.kind === 'verdict' && row.verdict.status !== 'pass' && spanFindings(row.verdict).length > 0 ? [row.verdict] : []));
  return (
    <div className="vl-attempt">
      <p className={`vl-summary ${view.caught ? 'vl-summary-caught' : 'vl-summary-passed'}`}>
        <span className={`vl-icon vl-icon-${view.caught ? view.caught.status : 'pass'}`} aria-hidden="true">
          {STATUS_ICONS[view.caught ? view.caught.status : 'pass']}
        </span>
        <span>
          {total > 1 ? <span className="vl-attempt-name">Attempt {view.attempt} of {total}: </span> : null}
          <strong>{view.summary}</strong>
        </span>
      </p>
      <ol className="vl-rows" aria-label={total > 1 ? `Layers of attempt ${view.attempt}` : 'Layers'}>
        {view.rows.map((row) => {
          const verdict = rowVerdict(row);
          return <Row key={`${verdict.nodeId}|${verdict.validator}|${verdict.iteration ?? ''}|${row.kind}`} row={row} compact={compact} />;
        })}
      </ol>
      {checkedValue
        ? flagged.map((verdict) => {
            const value = checkedValue(verdict);
            if (value === undefined) return null;
            return (
              <HighlightedText
                key={`${verdict.nodeId}|${verdict.iteration ?? ''}`}
                className="vl-output"
                value={value}
                findings={spanFindings(verdict)}
                caption={`${total > 1 ? `Attempt ${view.attempt}: the` : 'The'} output ${LAYER_TITLES[verdict.layer]} checked (“${verdict.validator}”), flagged text marked`}
                claimsLabel={`Flagged by ${verdict.validator}`}
              />
            );
          })
        : null}
    </div>
  );
}

function Row({ row, compact }: { row: LayerRow; compact: boolean }) {
  if (row.kind === 'not_reached') {
    return (
      <li className="vl-row vl-row-not_reached">
        <RowHead verdict={row.template} />
        <span className="vl-status vl-status-not_reached">
          <span aria-hidden="true">{STATUS_ICONS.not_reached}</span> Not reached
        </span>
      </li>
    );
  }
  const { verdict, caught } = row;
  const score = scoreText(verdict);
  const failing = verdict.status === 'fail' || verdict.status === 'error';
  // Compact (review cards): a layer that passed takes one line.
  const inline = compact && !failing;
  const showExplanation = verdict.explanation && verdict.explanation !== verdict.label && !inline;
  const meta = [score, compact ? null : metricsText(verdict)].filter(Boolean).join(' · ');
  return (
    <li className={`vl-row vl-row-${verdict.status}${caught ? ' vl-row-caught' : ''}`}>
      <RowHead verdict={verdict} caught={caught} {...(inline ? { inline: [verdict.label, score].filter(Boolean).join(' · ') } : {})} />
      <span className={`vl-status vl-status-${verdict.status}`}>
        <span aria-hidden="true">{STATUS_ICONS[verdict.status]}</span> {STATUS_WORDS[verdict.status]}
      </span>
      {inline ? null : (
        <div className="vl-row-body">
          {verdict.label ? <p className="vl-label">{verdict.label}</p> : null}
          {showExplanation ? <p className="vl-explanation">{verdict.explanation}</p> : null}
          {meta ? <p className="vl-meta">{meta}</p> : null}
          {verdict.findings.length > 0 ? <Findings findings={verdict.findings} open={caught && !compact} /> : null}
        </div>
      )}
    </li>
  );
}

function RowHead({ verdict, caught = false, inline }: { verdict: Verdict; caught?: boolean; inline?: string }) {
  return (
    <p className="vl-row-head">
      <span className="vl-layer">{LAYER_TITLES[verdict.layer]}</span>
      <span className="vl-validator">
        {verdict.validator}
        {verdict.iteration !== undefined ? ` · reply ${verdict.iteration}` : ''}
      </span>
      {caught ? <span className="vl-caught-tag">Caught it</span> : null}
      {inline ? <span className="vl-inline">{inline}</span> : null}
    </p>
  );
}

function Findings({ findings, open }: { findings: VerdictFinding[]; open: boolean }) {
  const failing = findings.filter((f) => f.severity === 'fail').length;
  return (
    <details className="vl-findings" open={open || undefined}>
      <summary>
        {findings.length} finding{findings.length === 1 ? '' : 's'}
        {failing > 0 && failing < findings.length ? ` (${failing} failing)` : ''}
      </summary>
      <ul>
        {findings.map((finding, i) => (
          <li key={i} className={`vl-finding vl-finding-${finding.severity}`}>
            <span className="vl-finding-severity">{finding.severity === 'fail' ? 'Fail' : 'Note'}</span>
            <span className="vl-finding-text">
              {finding.message}
              {finding.span && finding.span.text !== finding.message ? (
                <>
                  {' '}
                  <q>{finding.span.text}</q>
                </>
              ) : null}
              {finding.reason ? <span className="vl-finding-reason"> — {finding.reason}</span> : null}
              {finding.path ? (
                <>
                  {' '}
                  <code>{finding.path}</code>
                </>
              ) : null}
              {finding.source ? <span className="vl-finding-source"> ({finding.source})</span> : null}
            </span>
          </li>
        ))}
      </ul>
    </details>
  );
}

/** One layer's row on its own (inside an `ol.vl-rows`), e.g. for a single check in the trace viewer. */
export { Row as VerdictLayerRow };
