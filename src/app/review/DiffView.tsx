/** The original output and the reviewer's edit side by side, changed lines marked (as text). */
import { useMemo } from 'react';
import { diffLines, diffStats, sideBySide, type DiffCell } from './diff';

function Cells({ cell, side }: { cell: DiffCell | undefined; side: 'old' | 'new' }) {
  if (!cell) {
    return (
      <>
        <td className="rq-diff-num" />
        <td className={`rq-diff-text rq-diff-empty rq-diff-${side}`} />
      </>
    );
  }
  return (
    <>
      <td className="rq-diff-num">{cell.line}</td>
      <td className={`rq-diff-text rq-diff-${cell.kind}`}>
        {cell.kind === 'same' ? null : <span className="sr-only">{cell.kind === 'removed' ? 'Removed: ' : 'Added: '}</span>}
        {cell.text === '' ? '\u00a0' : cell.text}
      </td>
    </>
  );
}

export function DiffView({ before, after }: { before: string; after: string }) {
  const lines = useMemo(() => diffLines(before, after), [before, after]);
  const rows = useMemo(() => sideBySide(lines), [lines]);
  const stats = diffStats(lines);
  const summary = stats.added === 0 && stats.removed === 0 ? 'No changes yet' : `${stats.removed} line${stats.removed === 1 ? '' : 's'} removed, ${stats.added} added`;
  return (
    <figure className="rq-diff">
      <figcaption className="rq-diff-caption">
        <span>Changes</span>
        <span className="rq-diff-stats" aria-live="polite">
          {summary}
        </span>
      </figcaption>
      <div className="rq-diff-scroll" tabIndex={0} role="region" aria-label="Original and edited output, side by side">
        <table className="rq-diff-table">
          <colgroup>
            <col className="rq-diff-numcol" />
            <col />
            <col className="rq-diff-numcol" />
            <col />
          </colgroup>
          <thead>
            <tr>
              <th scope="colgroup" colSpan={2}>
                Original
              </th>
              <th scope="colgroup" colSpan={2}>
                Edited
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i}>
                <Cells cell={row.left} side="old" />
                <Cells cell={row.right} side="new" />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
