/** The Trust page's words and chart geometry. */
import { describe, expect, it } from 'vitest';
import { recommendation, type SeriesPoint } from '../../engine/trust';
import { chartGeometry, niceTicks, tableRows } from './chart';
import { boundText, chartSummary, nextStepText, percent, tierChangeText, tierChangeWho, tierShort, tierText } from './format';
import { examplesFileName } from './actions';

const point = (execution: number, reviewRate: number, defectRate: number | null, tier: SeriesPoint['tier'] = 1): SeriesPoint => ({ execution, reviewRate, defectRate, decisions: defectRate === null ? 0 : 1, tier });

describe('trust words', () => {
  it('names tiers and rates', () => {
    expect([1, 0.5, 0.02, 0].map((t) => tierText(t as 1))).toEqual(['100%', '50%', '2% (audit floor)', 'Autonomous']);
    expect([0.5, 0.05, 0].map((t) => tierShort(t as 0.5))).toEqual(['50%', '5%', 'autonomous']);
    expect(percent(0.8912)).toBe('89.1%');
    expect(boundText(0.89189)).toBe('89.1%');
  });

  it('says what a step needs next, in plain words', () => {
    const none = { reviewed: 0, approvedAsIs: 0, edited: 0, rejected: 0 };
    expect(nextStepText(recommendation({ tier: 1, evidence: none }))).toBe('25 more reviews without a defect for 50% review');
    const clean = { reviewed: 13, approvedAsIs: 13, edited: 0, rejected: 0 };
    expect(nextStepText(recommendation({ tier: 1, evidence: clean }))).toBe('12 more reviews without a defect for 50% review');
    expect(nextStepText(recommendation({ tier: 1, evidence: { ...clean, reviewed: 30, approvedAsIs: 30 } }))).toBe('Ready for 50% review: a person can promote it');
    expect(nextStepText(recommendation({ tier: 0.02, evidence: clean }))).toBe('At the audit floor');
    expect(nextStepText(recommendation({ tier: 0, evidence: clean }))).toBe('Autonomous by a person’s choice');
  });

  it('describes tier changes and who made them', () => {
    expect(tierChangeText({ at: 1, kind: 'promoted', from: 1, to: 0.5, by: 'Lead' })).toBe('Promoted from 100% to 50%');
    expect(tierChangeText({ at: 1, kind: 'reset_fingerprint', from: 0.5, to: 1 })).toBe('Configuration changed: 50% → 100%');
    expect(tierChangeWho({ at: 1, kind: 'demoted', from: 0.5, to: 1 })).toBe('Automatic (a rejection)');
    expect(tierChangeWho({ at: 1, kind: 'set_by_hand', by: 'Ada' })).toBe('Ada');
  });

  it('summarises the chart as text', () => {
    expect(chartSummary([], 20, 1)).toMatch(/^No executions yet/);
    const text = chartSummary([point(1, 1, null), point(2, 1, 0), point(3, 0.5, 0.5, 0.5)], 20, 0.5);
    expect(text).toContain('executions 1 to 3');
    expect(text).toContain('the review rate went from 100% to 50% (the step is at 50% now)');
    expect(chartSummary([point(1, 1, null), point(2, 1, null)], 20, 0.5)).toContain('the review rate stayed at 100% (the step is at 50% now)');
    expect(text).toContain('is 50% in the latest window with decisions, at most 50%');
  });

  it('makes a download name of letters, digits and dashes', () => {
    expect(examplesFileName('Support ticket triage', 'Draft reply!')).toBe('support-ticket-triage-draft-reply-reviewed.jsonl');
    expect(examplesFileName('', '…')).toBe('flow-step-reviewed.jsonl');
  });
});

describe('chart geometry', () => {
  it('scales executions and rates into the box, with gaps in the defect line where there are no decisions', () => {
    const box = { width: 120, height: 120, left: 10, right: 10, top: 10, bottom: 10 };
    const g = chartGeometry([point(1, 1, 0), point(2, 1, null), point(3, 0.5, 1, 0.5)], box);
    expect(g.review).toBe('M10 10 L60 10 L110 60');
    expect(g.defect).toBe('M10 110 M110 10');
    // Points with no neighbour on the line are drawn as dots, or they would not show.
    expect(g.defectDots).toEqual([{ x: 10, y: 110 }, { x: 110, y: 10 }]);
    expect(g.tierMarks).toEqual([{ x: 110, tier: 0.5 }]);
    expect(g.y(0)).toBe(110);
    expect(g.yTicks).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it('picks round ticks and thins table rows keeping both ends', () => {
    expect(niceTicks(1, 80)).toEqual([20, 40, 60, 80]);
    expect(niceTicks(1, 10, 6)).toEqual([2, 4, 6, 8, 10]);
    const points = Array.from({ length: 100 }, (_, i) => point(i + 1, 1, null));
    const rows = tableRows(points, 10);
    expect(rows).toHaveLength(10);
    expect([rows[0]?.execution, rows.at(-1)?.execution]).toEqual([1, 100]);
  });
});
