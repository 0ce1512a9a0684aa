/**
 * The plan a flow compiles to: an ordered list of steps (topological order, ties broken by the
 * nodes' order in the document), their input bindings, guards and bounded loops.
 */
import type { NodeCategory, PortSpec } from '../nodes/types';

export interface Binding {
  /** The input port of this step. */
  port: string;
  /** Index of the step that feeds it. */
  sourceStep: number;
  sourcePort: string;
  edgeId: string;
}

/**
 * When a step runs:
 * - 'all-active': every bound input must be active; if any comes from a skipped step or a branch
 *   not taken, the step is skipped.
 * - 'merge-all': runs when at least one input is active, with the active ones (Merge, mode all).
 * - 'merge-first': runs with the first active input in port order (Merge, mode first).
 */
export type GuardMode = 'all-active' | 'merge-all' | 'merge-first';

export interface PlanStep {
  index: number;
  nodeId: string;
  kind: string;
  category: NodeCategory;
  label: string;
  /** The node's config after its kind's schema parsed it (defaults applied). */
  config: unknown;
  /** Bindings from ordinary edges, ordered by port then edge id. */
  inputs: Binding[];
  /** Bindings from marked loop edges into this step; empty on the first pass. */
  loopInputs: Binding[];
  guard: GuardMode;
  /**
   * Extra steps this one waits for: the source step of every loop whose body feeds this step
   * from outside, so it never sees an output that a later loop iteration replaces.
   */
  waitFor: number[];
  /** The step's declared output ports (a loop source also gets `exhausted`). */
  outputs: PortSpec[];
  costly: boolean;
  /** For Output nodes: the name of the run output. */
  runOutputName?: string;
}

export interface PlanLoop {
  /** The id of the marked edge. */
  id: string;
  sourceStep: number;
  sourcePort: string;
  targetStep: number;
  targetPort: string;
  maxIterations: number;
  /** Steps re-run on each iteration: those on a path from target to source, inclusive, ascending. */
  body: number[];
  /** True when an edge leaves the source's `exhausted` port; otherwise running out of iterations fails the run. */
  hasExhaustedBranch: boolean;
}

export interface Plan {
  flowId: string;
  steps: PlanStep[];
  loops: PlanLoop[];
}

export type DiagnosticCode =
  | 'invalid_config'
  | 'unknown_kind'
  | 'duplicate_node_id'
  | 'duplicate_edge_id'
  | 'dangling_edge'
  | 'unknown_port'
  | 'duplicate_input'
  | 'missing_input'
  | 'cycle'
  | 'unreachable'
  | 'invalid_loop'
  | 'duplicate_input_field'
  | 'duplicate_output_name'
  | 'no_output';

export interface Diagnostic {
  severity: 'error' | 'warning';
  code: DiagnosticCode;
  message: string;
  nodeId?: string;
  edgeId?: string;
  /** JSON path into the flow document, e.g. `nodes[3].config.model`. */
  path?: string;
}

export interface CompileResult {
  /** Always present; when diagnostics hold errors it covers only the nodes that could be planned. */
  plan: Plan;
  diagnostics: Diagnostic[];
}
