/**
 * A step's tier history (created, promoted, demoted, set by hand, configuration resets: who, when,
 * why), newest first, and its earlier configurations with the tier and evidence each had.
 */
import { useId } from 'react';
import type { PreviousFingerprint, TrustEvent } from '../../engine/trust';
import { formatFullTime } from '../runs/format';
import { tierChangeText, tierChangeWho, tierText } from './format';

export function TierHistory({ changes }: { changes: readonly TrustEvent[] }) {
  const id = useId();
  const rows = [...changes].reverse();
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        Tier history <span className="count">{changes.length === 1 ? '1 change' : `${changes.length} changes`}, newest first</span>
      </h2>
      <div className="trust-scroll">
        <table className="trust-table trust-history">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Change</th>
              <th scope="col">Who</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((event, i) => (
              <tr key={`${event.at}-${i}`} data-kind={event.kind}>
                <td className="trust-when">
                  <time dateTime={new Date(event.at).toISOString()}>{formatFullTime(event.at)}</time>
                </td>
                <td>{tierChangeText(event)}</td>
                <td>{tierChangeWho(event)}</td>
                <td className="trust-why">{event.reason ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function EarlierConfigurations({ previous }: { previous: readonly PreviousFingerprint[] }) {
  const id = useId();
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        Earlier configurations <span className="count">{previous.length === 0 ? 'none' : `${previous.length}, newest first`}</span>
      </h2>
      <p className="hint">
        Evidence belongs to one configuration of the step: its prompt, model, temperature, output schema and tools. When any of them changes, the step starts again at full review and the old evidence is kept here.
      </p>
      {previous.length > 0 ? (
        <div className="trust-scroll">
          <table className="trust-table">
            <thead>
              <tr>
                <th scope="col">Fingerprint</th>
                <th scope="col">Replaced</th>
                <th scope="col">Tier reached</th>
                <th scope="col" className="trust-num">Executions</th>
                <th scope="col" className="trust-num">Reviewed</th>
                <th scope="col" className="trust-num">Approved as-is</th>
                <th scope="col" className="trust-num">Edited</th>
                <th scope="col" className="trust-num">Rejected</th>
              </tr>
            </thead>
            <tbody>
              {[...previous].reverse().map((p, i) => (
                <tr key={`${p.fingerprint}-${p.endedAt}-${i}`}>
                  <td>
                    <code>{p.fingerprint}</code>
                  </td>
                  <td className="trust-when">
                    <time dateTime={new Date(p.endedAt).toISOString()}>{formatFullTime(p.endedAt)}</time>
                  </td>
                  <td>{tierText(p.tier)}</td>
                  <td className="trust-num">{p.executions}</td>
                  <td className="trust-num">{p.evidence.reviewed}</td>
                  <td className="trust-num">{p.evidence.approvedAsIs}</td>
                  <td className="trust-num">{p.evidence.edited}</td>
                  <td className="trust-num">{p.evidence.rejected}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
