/**
 * One pending item as a card: the flow and step, why it is here, its age, the run; the input that
 * led to it (one or two lines, expandable), the output (text, or pretty JSON; never HTML; the
 * claims a validator flagged in the newest attempt marked in it), the validation layers of every
 * attempt with the one that caught it, the gate's instructions and the comments. The selected card has
 * the open form. Everything the model wrote is rendered as text nodes only.
 */
import { memo } from 'react';
import type { ReviewItem } from '../../engine/run/types';
import { exactTime, relativeTime } from '../library/relativeTime';
import { hrefFor } from '../router';
import { KIND_TITLES } from '../runs/format';
import { CardActions, type CardActionsProps } from './CardActions';
import { EditForm } from './EditForm';
import { LAYER_TITLES } from '../../engine/validation';
import { HighlightedText } from '../validation/HighlightedText';
import { placeClaims } from '../validation/highlight';
import { newestFlagging, spanFindings } from '../validation/layersView';
import { VerdictLayers } from '../validation/VerdictLayers';
import { inputSummary, lineCount, outputText, reasonChip, reasonText } from './itemText';
import { queue, type FormKind } from './queueStore';

/** Outputs longer than this many lines are clipped until expanded. */
const CLIP_LINES = 12;

export interface ReviewCardProps extends Omit<CardActionsProps, 'item'> {
  item: ReviewItem;
  count: number;
  now: number;
  expanded: { input?: boolean; output?: boolean } | undefined;
  form: FormKind | null;
}

export const ReviewCard = memo(function ReviewCard(props: ReviewCardProps) {
  const { item, index, count, now, selected, expanded, form, busy, saved } = props;
  const step = item.subjectLabel ?? item.gateLabel;
  const titleId = `rq-title-${index}`;
  const text = outputText(item.output);
  const lines = lineCount(text);
  const clipped = lines > CLIP_LINES && !expanded?.output;
  const flagging = newestFlagging(item.verdicts);
  const flagged = flagging.flatMap(spanFindings);
  const marked = flagged.length > 0 && placeClaims(item.output, flagged).placed.length > 0;
  const editing = selected && form === 'edit';
  return (
    <article
      className={`rq-card${selected ? ' rq-card-selected' : ''}${busy ? ' rq-card-busy' : ''}`}
      aria-labelledby={titleId}
      aria-describedby={`rq-why-${index}`}
      aria-posinset={index + 1}
      aria-setsize={count}
      aria-current={selected ? 'true' : undefined}
      aria-busy={busy || undefined}
      data-review-id={item.id}
      tabIndex={selected ? 0 : -1}
      onClick={() => {
        if (!selected) queue.select(item.id, index);
      }}
    >
      <header className="rq-card-head">
        <h2 className="rq-card-title" id={titleId}>
          <span className="rq-flow">{item.flowName}</span>
          <span className="rq-sep" aria-hidden="true">
            ›
          </span>
          <span className="rq-step">{step}</span>
          {item.subjectKind ? <span className="rq-kind">{KIND_TITLES[item.subjectKind] ?? item.subjectKind}</span> : null}
          <span className="sr-only">, item {index + 1} of {count}</span>
        </h2>
        <div className="rq-card-meta">
          <span className={`rq-reason rq-reason-${item.reason.kind}`}>{reasonChip(item.reason)}</span>
          <time dateTime={new Date(item.createdAt).toISOString()} title={exactTime(item.createdAt)}>
            {relativeTime(item.createdAt, now)}
          </time>
          <a href={hrefFor({ page: 'run', runId: item.runId })} className="rq-run-link">
            Open run<span className="sr-only"> of {step}</span>
          </a>
        </div>
      </header>
      <p className="rq-why" id={`rq-why-${index}`}>
        {item.subjectLabel ? <>Reviewed at “{item.gateLabel}”. </> : null}
        {reasonText(item.reason)}
      </p>

      <section className="rq-section" aria-label="Input">
        <div className="rq-section-head">
          <h3 className="rq-label">Input</h3>
          <button type="button" className="rq-link-button" aria-expanded={Boolean(expanded?.input)} onClick={() => queue.toggle(item.id, 'input')}>
            {expanded?.input ? 'Hide input' : 'Show input'}
          </button>
        </div>
        {expanded?.input ? <pre className="rq-pre rq-input-full">{outputText(item.input)}</pre> : <p className="rq-input-summary">{inputSummary(item.input)}</p>}
      </section>

      {editing ? (
        <EditForm item={item} saved={saved} busy={busy} onCancel={() => queue.closeForm()} onSubmit={(value, by) => props.onEdit(item, index, value, by)} />
      ) : (
        <section className="rq-section" aria-label="Output">
          <div className="rq-section-head">
            <h3 className="rq-label">Output</h3>
            {lines > CLIP_LINES ? (
              <button type="button" className="rq-link-button" aria-expanded={!clipped} onClick={() => queue.toggle(item.id, 'output')}>
                {clipped ? `Show all ${lines} lines` : 'Show less'}
              </button>
            ) : null}
          </div>
          {marked ? (
            <div className={clipped ? 'rq-clip-box rq-clipped' : undefined}>
              <HighlightedText
                className="rq-marked"
                value={item.output}
                findings={flagged}
                caption={`Marked: what ${flagging.map((v) => `${LAYER_TITLES[v.layer]} (“${v.validator}”)`).join(' and ')} flagged`}
                claimsLabel="Flagged claims"
              />
            </div>
          ) : (
            <pre className={`rq-pre rq-output${typeof item.output === 'string' ? ' rq-output-text' : ''}${clipped ? ' rq-clipped' : ''}`}>{clipped ? text.split('\n').slice(0, CLIP_LINES).join('\n') : text}</pre>
          )}
        </section>
      )}

      {item.verdicts?.length ? (
        <section className="rq-section" aria-label="Validation">
          <h3 className="rq-label">Validation</h3>
          <VerdictLayers verdicts={item.verdicts} compact label={`Validation layers of ${step}`} />
        </section>
      ) : null}

      {item.instructions ? (
        <p className="rq-instructions">
          <span className="rq-label">For the reviewer</span> {item.instructions}
        </p>
      ) : null}

      {item.comments.length > 0 ? (
        <section className="rq-comments" aria-label={`Comments (${item.comments.length})`}>
          <h3 className="rq-label">Comments ({item.comments.length})</h3>
          <ul>
            {item.comments.map((c, i) => (
              <li key={i}>
                <span className="rq-comment-by">{c.by}</span>{' '}
                <time dateTime={new Date(c.at).toISOString()} title={exactTime(c.at)}>
                  {relativeTime(c.at, now)}
                </time>
                <p>{c.text}</p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {editing ? null : <CardActions {...props} />}
    </article>
  );
});
