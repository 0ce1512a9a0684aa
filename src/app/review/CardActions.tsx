/**
 * A card's actions: Approve, Reject, Edit, Comment (with their keys on the selected card), and
 * the open form of the selected card (reject reason, comment, or the name to approve under).
 */
import type { ReviewItem } from '../../engine/run/types';
import { TextForm } from './forms';
import { queue, type FormKind } from './queueStore';

export interface CardActionsProps {
  item: ReviewItem;
  index: number;
  selected: boolean;
  busy: boolean;
  /** The reviewer's saved name; undefined when none is saved (the forms ask for it). */
  saved: string | undefined;
  form: FormKind | null;
  /** A button was clicked: approve at once (a name is saved) or open that form. */
  onAction(kind: FormKind, item: ReviewItem, index: number): void;
  onApprove(item: ReviewItem, index: number, by: string): Promise<boolean>;
  onReject(item: ReviewItem, index: number, reason: string, by: string): Promise<boolean>;
  onEdit(item: ReviewItem, index: number, editedOutput: unknown, by: string): Promise<boolean>;
  onComment(item: ReviewItem, index: number, text: string, by: string): Promise<boolean>;
}

const BUTTONS: { kind: FormKind; label: string; key: string; className: string }[] = [
  { kind: 'approve', label: 'Approve', key: 'a', className: 'rq-button-approve' },
  { kind: 'reject', label: 'Reject', key: 'r', className: 'rq-button-reject-outline' },
  { kind: 'edit', label: 'Edit', key: 'e', className: '' },
  { kind: 'comment', label: 'Comment', key: 'c', className: '' },
];

export function CardActions({ item, index, selected, busy, saved, form, onAction, onApprove, onReject, onComment }: CardActionsProps) {
  const open = selected ? form : null;
  const cancel = () => queue.closeForm();
  return (
    <div className="rq-actions-area">
      {open && open !== 'edit' ? (
        <TextForm
          key={`${item.id}:${open}`}
          kind={open}
          saved={saved}
          busy={busy}
          onCancel={cancel}
          onSubmit={(text, by) => (open === 'approve' ? onApprove(item, index, by) : open === 'reject' ? onReject(item, index, text, by) : onComment(item, index, text, by))}
        />
      ) : (
        <div className="rq-actions" role="group" aria-label="Decide">
          {BUTTONS.map((button) => (
            <button
              key={button.kind}
              type="button"
              className={button.className}
              disabled={busy}
              aria-keyshortcuts={selected ? button.key : undefined}
              onClick={(event) => {
                event.stopPropagation();
                onAction(button.kind, item, index);
              }}
            >
              {button.label}
              {selected ? (
                <kbd className="rq-key" aria-hidden="true">
                  {button.key}
                </kbd>
              ) : null}
            </button>
          ))}
          {busy ? (
            <span className="rq-busy" role="status">
              Saving…
            </span>
          ) : null}
        </div>
      )}
    </div>
  );
}
