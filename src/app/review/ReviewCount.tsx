/** The pending count beside "Review" in the navigation, live (also for decisions in other tabs). */
import { usePendingCount } from './useReviewQueue';
import './nav.css';

export function ReviewCount() {
  const count = usePendingCount();
  if (!count) return null;
  const shown = count > 999 ? '999+' : count.toLocaleString('en-US');
  return (
    <>
      <span className="nav-count" aria-hidden="true" data-count={count}>
        {shown}
      </span>
      <span className="nav-count-text">, {count.toLocaleString('en-US')} waiting</span>
    </>
  );
}
