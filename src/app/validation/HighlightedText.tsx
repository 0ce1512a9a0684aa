/**
 * A checked output with the findings' spans marked: a string as it is, or a JSON value's leaves
 * labelled by their pointer (body, subject). Marks are built from React text nodes only (model
 * output is untrusted and never rendered as HTML); each one is described by the claims it covers,
 * listed below the text with their reasons. Spans whose text no longer matches are listed apart.
 */
import { useId, type ReactNode } from 'react';
import type { VerdictFinding } from '../../engine/validation';
import { valueText } from '../runs/format';
import { outputFields, placeClaims, segments, type Claim } from './highlight';
import './validation.css';

function claimWords(claim: Claim): string {
  const { finding } = claim;
  return finding.reason ? `${finding.message} — ${finding.reason}` : finding.message;
}

function Marked({ text, claims, idOf }: { text: string; claims: Claim[]; idOf: (claim: Claim) => string }): ReactNode {
  return segments(text, claims).map((segment) =>
    segment.claims.length === 0 ? (
      segment.text
    ) : (
      <mark
        key={segment.start}
        className="hl-mark"
        data-ref={segment.claims.map((c) => c.index + 1).join(',')}
        title={segment.claims.map(claimWords).join('\n')}
        aria-describedby={segment.claims.map(idOf).join(' ')}
      >
        {segment.text}
      </mark>
    ),
  );
}

export interface HighlightedTextProps {
  /** The checked value: a string, or a JSON value whose string leaves are shown by pointer. */
  value: unknown;
  findings: readonly VerdictFinding[];
  /** What this is, e.g. "Output of attempt 1 checked by Grounding". */
  caption: string;
  /** Name of the claims list, e.g. "Unsupported claims". */
  claimsLabel?: string;
  className?: string;
}

export function HighlightedText({ value, findings, caption, claimsLabel = 'Unsupported claims', className }: HighlightedTextProps) {
  const base = useId();
  const idOf = (claim: Claim) => `${base}-claim-${claim.index}`;
  const { placed, unplaced } = placeClaims(value, findings);
  const inField = (pointer: string) => placed.filter((c) => c.span.path === pointer);
  const fields = typeof value === 'string' ? [] : outputFields(value);
  return (
    <figure className={`hl${className ? ` ${className}` : ''}`}>
      <figcaption className="hl-caption">{caption}</figcaption>
      {typeof value === 'string' ? (
        <pre className="hl-text">
          <Marked text={value} claims={inField('')} idOf={idOf} />
        </pre>
      ) : (
        <dl className="hl-fields">
          {fields.map((field) => (
            <div key={field.pointer} className="hl-field">
              <dt>{field.label || '(value)'}</dt>
              <dd>
                <pre className={typeof field.value === 'string' ? 'hl-text' : 'hl-text hl-json'}>
                  {typeof field.value === 'string' ? <Marked text={field.value} claims={inField(field.pointer)} idOf={idOf} /> : valueText(field.value)}
                </pre>
              </dd>
            </div>
          ))}
        </dl>
      )}
      {placed.length > 0 ? (
        <ol className="hl-claims" aria-label={claimsLabel}>
          {placed.map((claim) => (
            <li key={claim.index} id={idOf(claim)} value={claim.index + 1}>
              <q>{claim.span.text}</q>
              {claim.finding.message !== claim.span.text ? <span> {claim.finding.message}</span> : null}
              {claim.finding.reason ? <span className="hl-reason"> — {claim.finding.reason}</span> : null}
              {claim.span.path ? <span className="hl-where"> (in {claim.span.path.slice(1)})</span> : null}
            </li>
          ))}
        </ol>
      ) : null}
      {unplaced.length > 0 ? (
        <div className="hl-unplaced">
          <p>{unplaced.length === 1 ? 'A claim no longer matches the text as shown' : `${unplaced.length} claims no longer match the text as shown`} (it changed after the check):</p>
          <ul aria-label={`${claimsLabel} not found in the text`}>
            {unplaced.map((claim) => (
              <li key={claim.index}>
                <q>{claim.span.text}</q>
                {claim.finding.reason ? <span className="hl-reason"> — {claim.finding.reason}</span> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </figure>
  );
}
