/**
 * Verdicts: one record shape for every validation result, whichever layer produced it (an
 * agent's output schema, the PII re-scan of an agent's output, a schema check, a judge, a
 * grounding check, a quality API, a person).
 * Steps record them through their context (`ctx.recordVerdict`); they are kept on the step's
 * record, copied onto review items, and read by the run detail page and the review card to show
 * the layers in order and which one caught an output.
 */

/** Validation layers, in the order a flow usually applies them. */
export const VERDICT_LAYERS = ['structure', 'privacy', 'judge', 'grounding', 'quality', 'human'] as const;
export type VerdictLayer = (typeof VERDICT_LAYERS)[number];

export const LAYER_TITLES: Readonly<Record<VerdictLayer, string>> = {
  structure: 'Structure',
  privacy: 'Privacy',
  judge: 'Judge',
  grounding: 'Grounding',
  quality: 'Quality API',
  human: 'Human review',
};

/** 'error': the validator could not give an answer (a failed call, an unreadable reply); never a pass. */
export type VerdictStatus = 'pass' | 'fail' | 'error' | 'skipped';

/** Where in the checked value something sits: a JSON pointer to a string, and character offsets in it. */
export interface TextSpan {
  /** JSON pointer into the checked value ('' when the value is the string itself), e.g. `/body`. */
  path: string;
  /** Offsets into that string, end exclusive (UTF-16 code units, as JavaScript counts). */
  start: number;
  end: number;
  /** The text at the span, as it was when checked. */
  text: string;
}

/** One thing a validator found: a schema problem, an unsupported claim, a rubric reason. */
export interface VerdictFinding {
  message: string;
  /** 'fail': this finding is why the value failed; 'info': context (a supported claim, a reason for a pass). */
  severity: 'fail' | 'info';
  /** Why (a grounding check's reason a claim is unsupported, for instance). */
  reason?: string;
  /** JSON pointer of the property concerned (schema problems). */
  path?: string;
  /** Where the finding sits in the checked text, when it could be located. */
  span?: TextSpan;
  /** What found it, e.g. 'precheck' or 'model' in a grounding check. */
  source?: string;
}

/** What a step reports; its context adds who, when, which attempt and what it cost. */
export interface VerdictReport {
  layer: VerdictLayer;
  status: VerdictStatus;
  /** The validator's score on its own scale (a judge's 1-10, a supported fraction 0-1), null if none. */
  score?: number | null;
  /** The score needed to pass, when the validator has one. */
  threshold?: number | null;
  /** A short outcome label ('unsupported claims', 'score 4 < 7', 'HTTP 503'). */
  label?: string | null;
  /** Why, in a sentence or two. */
  explanation: string;
  /** JSON pointer of the property that failed (structure layer). */
  path?: string;
  findings?: VerdictFinding[];
  /** Within one step: which try of the agent's own reply this was (agent structured-output retries). */
  iteration?: number;
  /** Overrides the measured latency (time since the step or its previous verdict started). */
  latencyMs?: number;
  /** Overrides which validator this is (default: the step's label), e.g. 'Output schema'. */
  validator?: string;
}

export interface Verdict {
  layer: VerdictLayer;
  /** The validator's name as the user sees it: the step's label, or a name the step gave. */
  validator: string;
  /** `${kind}@${kindVersion}#${configHash}`: changes when the kind's behaviour or the step's config does. */
  version: string;
  nodeId: string;
  kind: string;
  stepIndex: number;
  /** The step's visit (0 on the first pass; a revise loop counts up). */
  visit: number;
  /** Which attempt at the output this verdict is about: visit + 1. */
  attempt: number;
  iteration?: number;
  status: VerdictStatus;
  score: number | null;
  threshold: number | null;
  label: string | null;
  explanation: string;
  path?: string;
  findings: VerdictFinding[];
  latencyMs: number;
  inputTokens: number;
  outputTokens: number;
  /** US dollars; null when a model call's price is unknown or no call was made. */
  costUsd: number | null;
  at: number;
}

export function isFailing(verdict: Pick<Verdict, 'status'>): boolean {
  return verdict.status === 'fail' || verdict.status === 'error';
}

function byRunOrder(a: Verdict, b: Verdict): number {
  return a.attempt - b.attempt || a.at - b.at || a.stepIndex - b.stepIndex || (a.iteration ?? 0) - (b.iteration ?? 0);
}

/** Verdicts in the order they were given: attempt by attempt, then by time. */
export function sortVerdicts(verdicts: readonly Verdict[]): Verdict[] {
  return [...verdicts].sort(byRunOrder);
}

/** Verdicts grouped by attempt (ascending), each group in the order given. */
export function verdictsByAttempt(verdicts: readonly Verdict[]): Array<{ attempt: number; verdicts: Verdict[] }> {
  const groups = new Map<number, Verdict[]>();
  for (const verdict of sortVerdicts(verdicts)) {
    const list = groups.get(verdict.attempt) ?? [];
    list.push(verdict);
    groups.set(verdict.attempt, list);
  }
  return [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([attempt, list]) => ({ attempt, verdicts: list }));
}

/** The layer that caught an attempt: its first failing verdict, or null when every layer passed. */
export function caughtBy(verdicts: readonly Verdict[]): Verdict | null {
  return sortVerdicts(verdicts).find(isFailing) ?? null;
}

/** Each validator's latest verdict (by node): where every check stands now. */
export function latestVerdicts(verdicts: readonly Verdict[]): Verdict[] {
  const latest = new Map<string, Verdict>();
  for (const verdict of sortVerdicts(verdicts)) latest.set(`${verdict.nodeId}|${verdict.validator}`, verdict);
  return sortVerdicts([...latest.values()]);
}

/** Words for a verdict's outcome: `Grounding check "Facts" failed: 1 unsupported claim`. */
export function verdictSummary(verdict: Pick<Verdict, 'layer' | 'validator' | 'status' | 'label' | 'explanation'>): string {
  const outcome = verdict.status === 'pass' ? 'passed' : verdict.status === 'fail' ? 'failed' : verdict.status === 'error' ? 'could not check' : 'was skipped';
  const detail = verdict.label ?? (verdict.explanation ? verdict.explanation : null);
  return `${LAYER_TITLES[verdict.layer]} "${verdict.validator}" ${outcome}${detail ? `: ${detail}` : ''}`;
}

/** Review rules forced by validators: one reason per validator whose latest verdict did not pass. */
export function forcedByVerdicts(verdicts: readonly Verdict[] | undefined): string[] {
  if (!verdicts) return [];
  return latestVerdicts(verdicts).filter(isFailing).map(verdictSummary);
}

/** Where a verdict was given and what it cost: everything a report leaves to whoever records it. */
export interface VerdictOrigin {
  validator: string;
  version: string;
  nodeId: string;
  kind: string;
  stepIndex: number;
  visit: number;
  /** Default: visit + 1. */
  attempt?: number;
  latencyMs: number;
  inputTokens?: number;
  outputTokens?: number;
  costUsd?: number | null;
  at: number;
}

/** The one way a verdict record is built (step contexts, the human layer, the privacy re-scan). */
export function makeVerdict(report: Omit<VerdictReport, 'validator' | 'latencyMs'>, origin: VerdictOrigin): Verdict {
  return {
    layer: report.layer,
    validator: origin.validator,
    version: origin.version,
    nodeId: origin.nodeId,
    kind: origin.kind,
    stepIndex: origin.stepIndex,
    visit: origin.visit,
    attempt: origin.attempt ?? origin.visit + 1,
    ...(report.iteration !== undefined ? { iteration: report.iteration } : {}),
    status: report.status,
    score: report.score ?? null,
    threshold: report.threshold ?? null,
    label: report.label ?? null,
    explanation: report.explanation,
    ...(report.path !== undefined ? { path: report.path } : {}),
    findings: report.findings ?? [],
    latencyMs: origin.latencyMs,
    inputTokens: origin.inputTokens ?? 0,
    outputTokens: origin.outputTokens ?? 0,
    costUsd: origin.costUsd ?? null,
    at: origin.at,
  };
}
