/**
 * The compiled plan and diagnostics of the document being edited. One compile per document is
 * shared by every reader (canvas nodes, problems list, plan view), and a change that only moves
 * nodes reuses the previous result: positions do not affect the plan.
 */
import { compile, type CompileResult, type Diagnostic } from '../../engine/compile';
import type { FlowDoc } from '../../engine/flow/schema';
import { useEditorStore } from './store';

const EMPTY: CompileResult = { plan: { flowId: '', steps: [], loops: [] }, diagnostics: [] };

let last: { doc: FlowDoc; result: CompileResult } | null = null;

/** True when `next` differs from `prev` at most in node positions (and the name/description). */
function samePlanInputs(prev: FlowDoc, next: FlowDoc): boolean {
  if (prev.id !== next.id || prev.edges !== next.edges || prev.settings !== next.settings) return false;
  if (prev.nodes === next.nodes) return true;
  if (prev.nodes.length !== next.nodes.length) return false;
  for (let i = 0; i < next.nodes.length; i++) {
    const a = prev.nodes[i];
    const b = next.nodes[i];
    if (a === b) continue;
    if (!a || !b || a.id !== b.id || a.kind !== b.kind || a.label !== b.label || a.config !== b.config) return false;
  }
  return true;
}

export function getCompiled(doc: FlowDoc | null): CompileResult {
  if (!doc) return EMPTY;
  if (last && (last.doc === doc || samePlanInputs(last.doc, doc))) {
    last = { doc, result: last.result };
    return last.result;
  }
  last = { doc, result: compile(doc) };
  return last.result;
}

export function useCompiled(): CompileResult {
  return useEditorStore((state) => getCompiled(state.doc));
}

const byNodeCache = new WeakMap<CompileResult, Map<string, Diagnostic[]>>();
/** The lists handed out last, by node: reused while their content is unchanged. */
let stableLists = new Map<string, Diagnostic[]>();

/**
 * Diagnostics grouped by the node they name. A node's list keeps its identity across compiles
 * while its content is the same, so a node component re-renders only when its own problems change.
 */
export function diagnosticsByNode(result: CompileResult): Map<string, Diagnostic[]> {
  let map = byNodeCache.get(result);
  if (!map) {
    map = new Map();
    for (const diagnostic of result.diagnostics) {
      if (!diagnostic.nodeId) continue;
      const list = map.get(diagnostic.nodeId);
      if (list) list.push(diagnostic);
      else map.set(diagnostic.nodeId, [diagnostic]);
    }
    for (const [nodeId, list] of map) {
      const previous = stableLists.get(nodeId);
      if (previous && sameDiagnostics(previous, list)) map.set(nodeId, previous);
    }
    stableLists = map;
    byNodeCache.set(result, map);
  }
  return map;
}

const NO_DIAGNOSTICS: Diagnostic[] = [];

/** One node's diagnostics (the same array while they are unchanged). */
export function useNodeDiagnostics(nodeId: string): Diagnostic[] {
  return useEditorStore((state) => diagnosticsByNode(getCompiled(state.doc)).get(nodeId) ?? NO_DIAGNOSTICS);
}

function sameDiagnostics(a: Diagnostic[], b: Diagnostic[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  return a.every((d, i) => d.message === b[i]?.message && d.severity === b[i]?.severity && d.code === b[i]?.code);
}
