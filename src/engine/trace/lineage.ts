/**
 * Lineage: from an output back to what it was computed from. Given a run's flow version, its step
 * records (one per step visit) and its review items, `lineageOf(target)` follows a run output, a
 * step visit's outputs or a review decision back through the steps and inputs that produced it —
 * each step visit with the ports it fed and what touched it (prompt version, models, checks,
 * reviewer and decision) — down to the run inputs. Which source visit fed which step visit is
 * decided by lineageVisits.ts; inactive inputs (skipped steps, branches not taken) are not
 * followed, so a path the run did not take is never part of the chain.
 *
 * Pure and bounded: every step visit appears once (cycle-safe), at most MAX_LINEAGE_NODES.
 */
import { compile } from '../compile';
import type { Binding, Plan, PlanStep } from '../compile/types';
import type { FlowDoc } from '../flow/schema';
import type { NodeCategory } from '../nodes/types';
import type { ReviewItem, RunRecord, StepRecord, StepStatus } from '../run/types';
import { flowDefaults } from '../trust/flowFingerprints';
import { VisitResolver } from './lineageVisits';
import { touchOf, type LineageTouch } from './lineageTouch';

export type { LineageCheck, LineageReview, LineageTouch } from './lineageTouch';

/** More step visits than this and the chain is cut (`truncated`); `createLineage` takes a lower bound. */
export const MAX_LINEAGE_NODES = 2000;

export type LineageTarget =
  /** A run result: `run.outputs[name]`. */
  | { type: 'run-output'; name: string }
  /** A step visit's outputs, by step record id. */
  | { type: 'step'; stepId: string }
  /** A review item's decision (or, while it waits, the output under review). */
  | { type: 'review'; itemId: string };

/** One hop of the chain: a step visit's output port fed an input port of a later step visit. */
export interface LineageLink {
  /** The step record that read the value. */
  to: string;
  fromPort: string;
  toPort: string;
  /** Carried back by a revise loop: one attempt's feedback to the next. */
  feedback: boolean;
}

export interface LineageNode {
  /** The step record's id (`${runId}:${stepIndex}:${visit}`). */
  stepId: string;
  stepIndex: number;
  nodeId: string;
  label: string;
  kind: string;
  category: NodeCategory;
  /** 0 on the first pass; a revise loop counts up (shown as "attempt visit + 1"). */
  visit: number;
  /** How many visits the step had in the run. */
  visits: number;
  status: StepStatus;
  /** Hops from the target's step (0). */
  depth: number;
  /** Where its outputs went within the chain (empty on the target's step). */
  fed: LineageLink[];
  /** The chain's step visits it read its inputs from. */
  sources: string[];
  touched: LineageTouch;
}

export interface LineageInputs {
  stepId: string;
  nodeId: string;
  label: string;
  /** The Input step's fields the chain used, with their values, in the order of its fields. */
  fields: Array<{ name: string; value: unknown }>;
}

export interface Lineage {
  target: LineageTarget;
  /** The traced value: the run output, the step visit's outputs, or the decided (or reviewed) output. */
  value: unknown;
  /** The target's step first; every step visit comes before the ones it read from (latest first). */
  nodes: LineageNode[];
  /** The run inputs the chain ends at: the Input steps in it and their fields it used. */
  inputs: LineageInputs[];
  /** The chain was longer than MAX_LINEAGE_NODES and was cut. */
  truncated: boolean;
}

export type LineageResult = { ok: true; lineage: Lineage } | { ok: false; problem: string };

export interface LineageSource {
  /** The flow version the run executed (`FlowVersionRecord.flow`). */
  flow: FlowDoc;
  run: Pick<RunRecord, 'id' | 'outputs'>;
  steps: readonly StepRecord[];
  reviews?: readonly ReviewItem[];
}

export interface LineageIndex {
  plan: Plan;
  lineageOf(target: LineageTarget): LineageResult;
}

/** Compiles the flow version once and indexes the records; `lineageOf` then traces any target. */
export function createLineage(source: LineageSource, options: { maxNodes?: number } = {}): LineageIndex {
  const maxNodes = Math.max(1, options.maxNodes ?? MAX_LINEAGE_NODES);
  const { plan } = compile(source.flow);
  const steps = source.steps.filter((record) => record.runId === source.run.id);
  const visits = new VisitResolver(plan, steps);
  const byId = new Map(steps.map((record) => [record.id, record]));
  const items = new Map((source.reviews ?? []).map((item) => [item.id, item]));
  const defaults = flowDefaults(source.flow);

  const start = (target: LineageTarget): { record: StepRecord; value: unknown } | string => {
    if (target.type === 'step') {
      const record = byId.get(target.stepId);
      return record ? { record, value: record.outputs } : `There is no step visit "${target.stepId}" in this run.`;
    }
    if (target.type === 'review') {
      const item = items.get(target.itemId);
      const record = byId.get(target.itemId) ?? (item ? visits.visitsOf(item.stepIndex).find((r) => r.visit === item.visit) : undefined);
      if (!item && !record) return `There is no review item "${target.itemId}" in this run.`;
      if (!record) return `The gate step of review item "${target.itemId}" has no record in this run.`;
      const decision = item?.decision ?? record.review?.decision;
      return { record, value: decision?.action === 'edit' ? decision.editedOutput : (item?.output ?? record.inputs) };
    }
    const step = plan.steps.find((s) => s.runOutputName === target.name);
    if (!step) return `The flow has no output named "${target.name}".`;
    const record = [...visits.visitsOf(step.index)].reverse().find((r) => r.status === 'succeeded' && 'value' in r.inputs);
    return record ? { record, value: record.inputs.value } : `No step of this run produced the output "${target.name}".`;
  };

  return {
    plan,
    lineageOf(target) {
      const found = start(target);
      if (typeof found === 'string') return { ok: false, problem: found };
      const walked = walk(plan, visits, found.record, maxNodes, (step, record) => touchOf(step, record, items, defaults));
      return { ok: true, lineage: { target, value: found.value, nodes: walked.nodes, inputs: inputsOf(walked.nodes, byId), truncated: walked.truncated } };
    },
  };
}

/** Breadth-first from the target's record through active bindings; each step visit once. */
function walk(plan: Plan, visits: VisitResolver, root: StepRecord, maxNodes: number, touch: (step: PlanStep | undefined, record: StepRecord) => LineageTouch) {
  const nodes = new Map<string, LineageNode>();
  const queue: StepRecord[] = [];
  let truncated = false;
  const add = (record: StepRecord, depth: number): LineageNode | undefined => {
    const known = nodes.get(record.id);
    if (known) return known;
    if (nodes.size >= maxNodes) {
      truncated = true;
      return undefined;
    }
    const node: LineageNode = {
      stepId: record.id,
      stepIndex: record.stepIndex,
      nodeId: record.nodeId,
      label: record.label,
      kind: record.kind,
      category: record.category,
      visit: record.visit,
      visits: visits.visitsOf(record.stepIndex).length,
      status: record.status,
      depth,
      fed: [],
      sources: [],
      touched: touch(plan.steps[record.stepIndex]?.nodeId === record.nodeId ? plan.steps[record.stepIndex] : undefined, record),
    };
    nodes.set(record.id, node);
    queue.push(record);
    return node;
  };
  add(root, 0);
  for (let head = 0; head < queue.length; head++) {
    const record = queue[head] as StepRecord;
    const node = nodes.get(record.id) as LineageNode;
    const step = plan.steps[record.stepIndex];
    if (!step || step.nodeId !== record.nodeId) continue; // records from another plan: nothing to follow
    const follow = (binding: Binding, source: StepRecord | undefined, feedback: boolean) => {
      if (!source) return;
      const from = add(source, node.depth + 1);
      if (!from) return;
      from.fed.push({ to: record.id, fromPort: binding.sourcePort, toPort: binding.port, feedback });
      if (!node.sources.includes(from.stepId)) node.sources.push(from.stepId);
    };
    for (const binding of step.inputs) follow(binding, visits.source(record, binding), false);
    for (const binding of step.loopInputs) follow(binding, visits.feedback(record, binding), true);
  }
  return { nodes: order([...nodes.values()]), truncated };
}

/**
 * Reverse run order: a step visit after every step visit it fed, so the target comes first.
 * Among those free to go, the sources of the step listed last come next, in its input order, so
 * the list reads as a chain walked back; Input steps come last.
 */
function order(nodes: LineageNode[]): LineageNode[] {
  const waiting = new Map(nodes.map((node) => [node.stepId, new Set(node.fed.map((link) => link.to))]));
  const byId = new Map(nodes.map((node) => [node.stepId, node]));
  /** Per step visit: the position of the latest listed step it fed, and its place among that step's sources. */
  const anchor = new Map<string, { at: number; rank: number }>();
  const before = (a: LineageNode, b: LineageNode) => {
    const x = anchor.get(a.stepId) ?? { at: -1, rank: 0 };
    const y = anchor.get(b.stepId) ?? { at: -1, rank: 0 };
    return Number(a.kind === 'input') - Number(b.kind === 'input') || y.at - x.at || x.rank - y.rank || b.stepIndex - a.stepIndex || b.visit - a.visit;
  };
  const ready = new Set(nodes.filter((node) => node.fed.length === 0));
  const left = new Set(nodes);
  const result: LineageNode[] = [];
  while (left.size > 0) {
    let next: LineageNode | undefined;
    for (const node of ready) if (!next || before(node, next) < 0) next = node;
    // Unreachable with the records of one run (values flow forward); taken anyway to stay total.
    next ??= [...left].sort(before)[0] as LineageNode;
    ready.delete(next);
    left.delete(next);
    const at = result.push(next) - 1;
    next.sources.forEach((id, rank) => {
      anchor.set(id, { at, rank });
      const pending = waiting.get(id);
      pending?.delete(next.stepId);
      const source = byId.get(id);
      if (source && pending?.size === 0 && left.has(source)) ready.add(source);
    });
  }
  return result;
}

function inputsOf(nodes: readonly LineageNode[], records: ReadonlyMap<string, StepRecord>): LineageInputs[] {
  return nodes
    .filter((node) => node.kind === 'input')
    .map((node) => {
      const outputs = records.get(node.stepId)?.outputs ?? {};
      const used = new Set(node.fed.map((link) => link.fromPort));
      const fields = Object.keys(outputs)
        .filter((name) => used.has(name))
        .map((name) => ({ name, value: outputs[name] }));
      return { stepId: node.stepId, nodeId: node.nodeId, label: node.label, fields };
    })
    .sort((a, b) => a.label.localeCompare(b.label) || a.stepId.localeCompare(b.stepId));
}
