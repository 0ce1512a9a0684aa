/**
 * A step's review rate and defect rate over its executions, drawn as SVG, with a text summary
 * (the image's description) and the data as a table for anyone who does not read the lines.
 */
import { useId, useMemo } from 'react';
import { series, type TrustRecord } from '../../engine/trust';
import { CHART_BOX, chartGeometry, tableRows } from './chart';
import { chartSummary, percent, tierText } from './format';
import './trustChart.css';

/** Executions each point looks back over. */
export const CHART_WINDOW = 20;
/** Most points drawn: a long history is thinned to every n-th execution. */
const MAX_POINTS = 240;

export function TrustChart({ record }: { record: TrustRecord }) {
  const id = useId();
  const points = useMemo(() => {
    const executions = record.history.filter((event) => event.kind === 'execution').length;
    return series(record, CHART_WINDOW, Math.max(1, Math.ceil(executions / MAX_POINTS)));
  }, [record]);
  const geometry = useMemo(() => chartGeometry(points), [points]);
  const summary = chartSummary(points, CHART_WINDOW, record.tier);
  const box = CHART_BOX;
  const bottom = box.height - box.bottom;

  return (
    <figure className="trust-chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} className="trust-chart-caption">
        {summary}
      </figcaption>
      {points.length > 0 ? (
        <>
          <svg viewBox={`0 0 ${box.width} ${box.height}`} role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-caption`} className="trust-chart-svg">
            <title id={`${id}-title`}>Review rate and defect rate over executions</title>
            {geometry.yTicks.map((t) => (
              <g key={`y${t}`}>
                <line x1={box.left} x2={box.width - box.right} y1={geometry.y(t)} y2={geometry.y(t)} className="trust-grid" />
                <text x={box.left - 8} y={geometry.y(t)} className="trust-tick" textAnchor="end" dominantBaseline="middle">
                  {percent(t)}
                </text>
              </g>
            ))}
            {geometry.xTicks.map((t) => (
              <text key={`x${t}`} x={geometry.x(t)} y={bottom + 16} className="trust-tick" textAnchor="middle">
                {t}
              </text>
            ))}
            {geometry.tierMarks.map((mark, i) => (
              <g key={`m${i}`}>
                <line x1={mark.x} x2={mark.x} y1={box.top} y2={bottom} className="trust-mark" />
                <text x={mark.x + 4} y={box.top - 8} className="trust-mark-label">
                  {tierText(mark.tier)}
                </text>
              </g>
            ))}
            <line x1={box.left} x2={box.width - box.right} y1={bottom} y2={bottom} className="trust-axis" />
            <line x1={box.left} x2={box.left} y1={box.top} y2={bottom} className="trust-axis" />
            <path d={geometry.review} className="trust-line-review" />
            {geometry.defect ? <path d={geometry.defect} className="trust-line-defect" /> : null}
            {geometry.defectDots.map((dot) => (
              <circle key={`d${dot.x}`} cx={dot.x} cy={dot.y} r={3} className="trust-dot-defect" />
            ))}
            {points.length === 1 ? <circle cx={geometry.x(points[0]?.execution ?? 1)} cy={geometry.y(points[0]?.reviewRate ?? 0)} r={3.5} className="trust-dot" /> : null}
            <text x={(box.left + box.width - box.right) / 2} y={box.height - 6} className="trust-axis-label" textAnchor="middle">
              Executions of the step
            </text>
            <text transform={`translate(14 ${(box.top + bottom) / 2}) rotate(-90)`} className="trust-axis-label" textAnchor="middle">
              Share of outputs
            </text>
          </svg>
          <ul className="trust-legend" aria-label="Legend">
            <li>
              <span className="trust-key trust-key-review" aria-hidden="true" /> Review rate: outputs a person was asked to review
            </li>
            <li>
              <span className="trust-key trust-key-defect" aria-hidden="true" /> Defect rate: decisions that edited or rejected the output
            </li>
          </ul>
          <details className="trust-data">
            <summary>Chart data as a table</summary>
            <table className="trust-table">
              <caption className="sr-only">Review and defect rates by execution, each over the last {CHART_WINDOW} executions</caption>
              <thead>
                <tr>
                  <th scope="col">Execution</th>
                  <th scope="col">Tier</th>
                  <th scope="col">Review rate</th>
                  <th scope="col">Defect rate</th>
                  <th scope="col">Decisions</th>
                </tr>
              </thead>
              <tbody>
                {tableRows(points).map((p) => (
                  <tr key={p.execution}>
                    <td>{p.execution}</td>
                    <td>{tierText(p.tier)}</td>
                    <td>{percent(p.reviewRate)}</td>
                    <td>{p.defectRate === null ? '—' : percent(p.defectRate)}</td>
                    <td>{p.decisions}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      ) : null}
    </figure>
  );
}
