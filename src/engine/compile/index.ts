/**
 * compile(flow) -> { plan, diagnostics }: pure, deterministic and linear in nodes + edges
 * (loops add the size of their bodies). See DESIGN.md, "Plan".
 */
import type { FlowDoc } from '../flow/schema';
import { resolveEdges, type EdgeResult, type RawBinding } from './edges';
import { cyclePath, cyclicComponents, topologicalOrder } from './graph';
import { analyzeLoops } from './loops';
import { EXHAUSTED_PORT } from './edges';
import { nodeName, portIndex, resolveNodes, type NodeInfo } from './nodes';
import type { Binding, CompileResult, Diagnostic, Plan, PlanStep } from './types';

export type { Binding, CompileResult, Diagnostic, DiagnosticCode, GuardMode, Plan, PlanLoop, PlanStep } from './types';
export { EXHAUSTED_PORT };

/** Shared empty lists: most steps have no loop inputs and wait for nothing extra (never mutated). */
const NONE: Binding[] = [];
const NO_STEPS: number[] = [];

export function compile(flow: FlowDoc): CompileResult {
  const diagnostics: Diagnostic[] = [];
  const { infos, byId } = resolveNodes(flow, diagnostics);
  const edgeResult = resolveEdges(flow, infos, byId, diagnostics);
  const { successors, bindings, loops: rawLoops } = edgeResult;
  checkInputs(flow, infos, edgeResult, diagnostics);

  const { loops: nodeLoops, waitFor } = analyzeLoops(flow, successors, bindings, rawLoops, diagnostics);
  // Order also by waits: a loop's source comes before the outside steps that wait for it.
  const ordering = waitFor.size === 0 ? successors : successors.map((list) => list.slice());
  for (const [node, sources] of waitFor) for (const source of sources) ordering[source]?.push(node);
  const { order, blocked } = topologicalOrder(flow.nodes.length, ordering, (i) => infos[i] !== null);
  if (blocked.length > 0) reportCycles(flow, blocked, successors, diagnostics);

  const stepOf = new Int32Array(flow.nodes.length).fill(-1);
  order.forEach((node, k) => (stepOf[node] = k));
  const steps: PlanStep[] = order.map((node, index) => {
    const info = infos[node] as NodeInfo;
    const flowNode = flow.nodes[node] as FlowDoc['nodes'][number];
    const raw = bindings[node] ?? [];
    if (raw.length > 1) raw.sort((a, b) => portIndex(info.inputs, a.port) - portIndex(info.inputs, b.port));
    const inputs = raw.map((b: RawBinding) => ({ port: b.port, sourceStep: stepOf[b.source] as number, sourcePort: b.sourcePort, edgeId: b.edgeId }));
    const step: PlanStep = {
      index,
      nodeId: flowNode.id,
      kind: flowNode.kind,
      category: info.def.category,
      label: flowNode.label || flowNode.id,
      config: info.config,
      inputs,
      loopInputs: NONE,
      guard: info.def.guard ? info.def.guard(info.config) : 'all-active',
      waitFor: waitFor.size === 0 ? NO_STEPS : (waitFor.get(node) ?? NO_STEPS).map((source) => stepOf[source] as number).filter((s) => s >= 0).sort((a, b) => a - b),
      outputs: info.outputs,
      costly: info.def.costly,
    };
    if (info.def.runOutputName) step.runOutputName = info.def.runOutputName(info.config);
    return step;
  });
  const loops: Plan['loops'] = [];
  for (const { raw, body } of nodeLoops) {
    const sourceStep = stepOf[raw.source] as number;
    const targetStep = stepOf[raw.target] as number;
    if (sourceStep < 0 || targetStep < 0) continue; // behind a cycle: already reported
    const source = steps[sourceStep] as PlanStep;
    const target = steps[targetStep] as PlanStep;
    target.loopInputs = [...target.loopInputs, { port: raw.targetPort, sourceStep, sourcePort: raw.sourcePort, edgeId: raw.edgeId }];
    source.outputs = [...source.outputs, { name: EXHAUSTED_PORT, label: 'Exhausted', required: false, description: `Carries the value once the loop has run ${raw.maxIterations} times` }];
    loops.push({
      id: raw.edgeId,
      sourceStep,
      sourcePort: raw.sourcePort,
      targetStep,
      targetPort: raw.targetPort,
      maxIterations: raw.maxIterations,
      body: [...body].map((node) => stepOf[node] as number).filter((s) => s >= 0).sort((a, b) => a - b),
      hasExhaustedBranch: steps.some((step) => step.inputs.some((b) => b.sourceStep === sourceStep && b.sourcePort === EXHAUSTED_PORT)),
    });
  }
  checkRunNames(flow, infos, diagnostics);
  if (!flow.nodes.some((node, i) => infos[i]?.def.runOutputName)) {
    diagnostics.push({ severity: 'warning', code: 'no_output', message: 'The flow has no Output node, so its runs produce no outputs.' });
  }
  return { plan: { flowId: flow.id, steps, loops }, diagnostics };
}

function checkInputs(flow: FlowDoc, infos: (NodeInfo | null)[], { bound, portBase }: EdgeResult, diagnostics: Diagnostic[]): void {
  for (let i = 0; i < infos.length; i++) {
    const info = infos[i];
    if (!info) continue;
    const base = portBase[i] as number;
    let connected = 0;
    for (let k = 0; k < info.inputs.length; k++) {
      const port = info.inputs[k] as NodeInfo['inputs'][number];
      const edgeIndex = bound[base + k] as number;
      const viaLoop = edgeIndex >= 0 && flow.edges[edgeIndex]?.loop !== undefined;
      if (edgeIndex >= 0 && !viaLoop) {
        connected++;
        continue;
      }
      if (!port.required) continue;
      diagnostics.push({
        severity: 'error',
        code: 'missing_input',
        message: viaLoop
          ? `Input "${port.name}" of ${nodeName(flow, i)} is fed only by a loop edge, so it has no value on the first pass. Connect it to an earlier step, or loop into an optional input such as "feedback".`
          : `Input "${port.name}" of ${nodeName(flow, i)} is required but not connected.`,
        nodeId: flow.nodes[i]?.id as string,
      });
    }
    if (connected === 0 && info.def.guard && info.def.guard(info.config) !== 'all-active') {
      diagnostics.push({ severity: 'error', code: 'missing_input', message: `${info.def.title} ${nodeName(flow, i)} has no connected inputs.`, nodeId: flow.nodes[i]?.id as string });
    }
  }
}

function reportCycles(flow: FlowDoc, blocked: number[], successors: number[][], diagnostics: Diagnostic[]): void {
  const components = cyclicComponents(blocked, successors);
  const inCycle = new Set<number>();
  for (const component of components) {
    const path = cyclePath(component, successors).map((i) => nodeName(flow, i)).join(' → ');
    for (const i of component) {
      inCycle.add(i);
      diagnostics.push({
        severity: 'error',
        code: 'cycle',
        message: `${nodeName(flow, i)} is part of a cycle: ${path}. Remove an edge, or mark one as a revise loop with a maximum number of iterations.`,
        nodeId: flow.nodes[i]?.id as string,
      });
    }
  }
  for (const i of blocked) {
    if (inCycle.has(i)) continue;
    diagnostics.push({
      severity: 'error',
      code: 'unreachable',
      message: `${nodeName(flow, i)} can never run: it depends on a cycle.`,
      nodeId: flow.nodes[i]?.id as string,
    });
  }
}

function checkRunNames(flow: FlowDoc, infos: (NodeInfo | null)[], diagnostics: Diagnostic[]): void {
  const inputs = new Map<string, number>();
  const outputs = new Map<string, number>();
  infos.forEach((info, i) => {
    if (!info) return;
    for (const name of info.def.runInputNames ? info.def.runInputNames(info.config) : []) {
      const first = inputs.get(name);
      if (first === undefined) inputs.set(name, i);
      else
        diagnostics.push({
          severity: 'error',
          code: 'duplicate_input_field',
          message: `Input field "${name}" of ${nodeName(flow, i)} is also defined by ${nodeName(flow, first)}; run inputs are named by field, so names must be unique.`,
          nodeId: flow.nodes[i]?.id as string,
        });
    }
    if (info.def.runOutputName) {
      const name = info.def.runOutputName(info.config);
      const first = outputs.get(name);
      if (first === undefined) outputs.set(name, i);
      else
        diagnostics.push({
          severity: 'warning',
          code: 'duplicate_output_name',
          message: `Output "${name}" of ${nodeName(flow, i)} has the same name as ${nodeName(flow, first)}; when both run, the later one wins.`,
          nodeId: flow.nodes[i]?.id as string,
        });
    }
  });
}
