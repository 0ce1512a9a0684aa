/**
 * The queue as a feed of cards, virtualized (@tanstack/react-virtual, heights measured as cards
 * render): only the cards in view are in the page, so 10,000 items cost the same as 10. The
 * selected card is scrolled into view and focused when the keyboard moves to it.
 */
import { useEffect, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ReviewItem } from '../../engine/run/types';
import type { CardActionsProps } from './CardActions';
import { useQueue } from './queueStore';
import { ReviewCard } from './ReviewCard';

export interface QueueListProps extends Pick<CardActionsProps, 'onAction' | 'onApprove' | 'onReject' | 'onEdit' | 'onComment'> {
  count: number;
  itemAt(index: number): ReviewItem | null;
  onRange(start: number, end: number): void;
  saved: string | undefined;
  now: number;
}

const ESTIMATE = 300;

export function QueueList({ count, itemAt, onRange, saved, now, ...handlers }: QueueListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const { selectedId, selectedIndex, form, expanded, busy, focusTick, scrollTick } = useQueue();
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is used as documented
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATE,
    overscan: 2,
    gap: 14,
    paddingStart: 2,
    paddingEnd: 16,
    getItemKey: (index) => itemAt(index)?.id ?? `unloaded-${index}`,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;
  useEffect(() => {
    if (last >= first) onRange(first, last);
  }, [first, last, onRange]);

  useEffect(() => {
    if (scrollTick > 0 && count > 0) virtualizer.scrollToIndex(Math.min(selectedIndex, count - 1), { align: 'auto' });
    // Only a new request scrolls (not every change of the index, e.g. items decided above it).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scrollTick]);

  // Focus follows keyboard moves and decisions, once the selected card is rendered.
  const focusDone = useRef(0);
  useEffect(() => {
    if (focusTick === focusDone.current || !selectedId) return;
    const card = scrollRef.current?.querySelector<HTMLElement>(`[data-review-id="${CSS.escape(selectedId)}"]`);
    if (!card) return;
    focusDone.current = focusTick;
    if (!card.contains(document.activeElement)) card.focus({ preventScroll: true });
  });

  return (
    <div ref={scrollRef} className="rq-scroll">
      <div role="feed" aria-label="Pending reviews" aria-busy={items.some((v) => !itemAt(v.index)) || undefined} className="rq-feed" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((virtual) => {
          const item = itemAt(virtual.index);
          return (
            <div key={virtual.key} data-index={virtual.index} ref={virtualizer.measureElement} className="rq-slot" style={{ transform: `translateY(${virtual.start}px)` }}>
              {item ? (
                <ReviewCard
                  item={item}
                  index={virtual.index}
                  count={count}
                  now={now}
                  selected={item.id === selectedId}
                  expanded={expanded[item.id]}
                  form={item.id === selectedId ? form : null}
                  busy={Boolean(busy[item.id])}
                  saved={saved}
                  {...handlers}
                />
              ) : (
                <article className="rq-card rq-card-loading" aria-busy="true" aria-label={`Item ${virtual.index + 1}, loading`} aria-posinset={virtual.index + 1} aria-setsize={count}>
                  Loading…
                </article>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
