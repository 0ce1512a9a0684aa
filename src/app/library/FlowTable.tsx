/**
 * The library's list of flows. Each row's name is a link (Tab reaches it, Enter opens the flow);
 * a click anywhere else on the row opens it too. Row actions live in a menu button.
 */
import type { MouseEvent } from 'react';
import type { FlowSummary } from '../../storage/flowsRepo';
import { hrefFor, navigate } from '../router';
import { exactTime, relativeTime, useNow } from './relativeTime';
import { RowMenu } from './RowMenu';

export interface RowActions {
  rename(flow: FlowSummary): void;
  duplicate(flow: FlowSummary): void;
  exportFlow(flow: FlowSummary): void;
  remove(flow: FlowSummary): void;
}

const STATUS_LABELS: Record<string, string> = {
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
  interrupted: 'Interrupted',
};

function LastRun({ run, now }: { run: FlowSummary['lastRun']; now: number }) {
  if (!run) return <span className="library-muted">Never run</span>;
  return (
    <a className={`lib-run-link lib-run-${run.status}`} href={hrefFor({ page: 'run', runId: run.id })} title={`Run started ${exactTime(run.createdAt)}`}>
      <span className="lib-run-dot" aria-hidden="true" />
      <span className="lib-run-status">{STATUS_LABELS[run.status] ?? run.status}</span>
      <span className="lib-run-when">{relativeTime(run.createdAt, now)}</span>
    </a>
  );
}

function openFromRow(event: MouseEvent<HTMLTableRowElement>, flowId: string) {
  const target = event.target as HTMLElement;
  if (target.closest('a, button, input, [role="menu"]')) return;
  if (window.getSelection()?.toString()) return;
  navigate({ page: 'editor', flowId });
}

export function FlowTable({ flows, actions, caption }: { flows: FlowSummary[]; actions: RowActions; caption: string }) {
  const now = useNow();
  return (
    <table className="flow-table">
      <caption className="library-sr">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col" className="num">
            Nodes
          </th>
          <th scope="col">Last edited</th>
          <th scope="col">Last run</th>
          <th scope="col">
            <span className="library-sr">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {flows.map((flow) => (
          <tr key={flow.id} className="flow-row" data-flow-id={flow.id} onClick={(event) => openFromRow(event, flow.id)}>
            <td className="flow-cell-name">
              <a className="flow-name" href={hrefFor({ page: 'editor', flowId: flow.id })}>
                {flow.name}
              </a>
              {flow.description ? <p className="flow-description">{flow.description}</p> : null}
            </td>
            <td className="num">{flow.nodeCount}</td>
            <td>
              <time dateTime={new Date(flow.updatedAt).toISOString()} title={exactTime(flow.updatedAt)}>
                {relativeTime(flow.updatedAt, now)}
              </time>
            </td>
            <td>
              <LastRun run={flow.lastRun} now={now} />
            </td>
            <td className="flow-cell-actions">
              <RowMenu
                label={`Actions for ${flow.name}`}
                items={[
                  { label: 'Open', run: () => navigate({ page: 'editor', flowId: flow.id }) },
                  { label: 'Rename…', run: () => actions.rename(flow) },
                  { label: 'Duplicate', run: () => actions.duplicate(flow) },
                  { label: 'Export', run: () => actions.exportFlow(flow) },
                  { label: 'Delete', run: () => actions.remove(flow), danger: true },
                ]}
              />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
