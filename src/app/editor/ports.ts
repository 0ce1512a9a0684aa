/**
 * A node's ports as the canvas draws them: the ports its kind declares for its config, plus any
 * port an edge still points at that the kind no longer declares (drawn as missing, so the edge
 * stays visible and can be deleted instead of vanishing).
 */
import { EXHAUSTED_PORT } from '../../engine/compile';
import type { FlowDoc, FlowEdge } from '../../engine/flow/schema';
import { getNodeKind } from '../../engine/nodes/registry';
import type { PortSpec } from '../../engine/nodes/types';

export interface DeclaredPorts {
  inputs: PortSpec[];
  outputs: PortSpec[];
  /** False when the config does not parse (ports then come only from edges). */
  valid: boolean;
}

const NONE: DeclaredPorts = { inputs: [], outputs: [], valid: false };
const cache = new WeakMap<object, { kind: string; ports: DeclaredPorts }>();

/** The ports a kind declares for a config (cached per config object). */
export function declaredPorts(kind: string, config: Record<string, unknown>): DeclaredPorts {
  const hit = cache.get(config);
  if (hit && hit.kind === kind) return hit.ports;
  const def = getNodeKind(kind);
  let ports = NONE;
  if (def) {
    const parsed = def.configSchema.safeParse(config);
    if (parsed.success) {
      try {
        ports = { inputs: def.inputs(parsed.data), outputs: def.outputs(parsed.data), valid: true };
      } catch {
        ports = NONE;
      }
    }
  }
  cache.set(config, { kind, ports });
  return ports;
}

export interface PortUse {
  /** Input ports of the node that edges point at. */
  inputs: Set<string>;
  /** Output ports of the node that edges leave from. */
  outputs: Set<string>;
  /** True when the node starts a marked loop edge (it then also has an `exhausted` output). */
  loopSource: boolean;
}

const useCache = new WeakMap<FlowEdge[], Map<string, PortUse>>();

/** Which ports the edges use, per node (cached per edges array). */
export function portUse(edges: FlowEdge[]): Map<string, PortUse> {
  let map = useCache.get(edges);
  if (map) return map;
  map = new Map();
  const entry = (id: string) => {
    let use = map?.get(id);
    if (!use) {
      use = { inputs: new Set(), outputs: new Set(), loopSource: false };
      map?.set(id, use);
    }
    return use;
  };
  for (const edge of edges) {
    const source = entry(edge.source);
    source.outputs.add(edge.sourcePort);
    if (edge.loop) source.loopSource = true;
    entry(edge.target).inputs.add(edge.targetPort);
  }
  useCache.set(edges, map);
  return map;
}

export interface DrawnPort extends PortSpec {
  /** An edge uses this port but the node's kind does not declare it. */
  missing?: boolean;
}

export interface DrawnPorts {
  inputs: DrawnPort[];
  outputs: DrawnPort[];
}

/** The ports to draw: declared ones, the `exhausted` output of a loop source, then missing ones. */
export function drawnPorts(declared: DeclaredPorts, extraInputs: readonly string[], extraOutputs: readonly string[], loopSource: boolean): DrawnPorts {
  const inputs: DrawnPort[] = [...declared.inputs];
  const outputs: DrawnPort[] = [...declared.outputs];
  if (loopSource && !outputs.some((p) => p.name === EXHAUSTED_PORT)) {
    outputs.push({ name: EXHAUSTED_PORT, label: 'Exhausted', required: false, description: 'Carries the value once the loop has run out of iterations' });
  }
  for (const name of extraInputs) if (!inputs.some((p) => p.name === name)) inputs.push({ name, required: false, missing: true });
  for (const name of extraOutputs) if (!outputs.some((p) => p.name === name)) outputs.push({ name, required: false, missing: true });
  return { inputs, outputs };
}

/** Ports an edge uses that the node's declared ports lack, as sorted lists (stable for comparison). */
export function undeclaredUse(declared: DeclaredPorts, use: PortUse | undefined): { inputs: string[]; outputs: string[] } {
  if (!use) return { inputs: [], outputs: [] };
  const inputs = [...use.inputs].filter((name) => !declared.inputs.some((p) => p.name === name)).sort();
  const outputs = [...use.outputs].filter((name) => !declared.outputs.some((p) => p.name === name) && !(name === EXHAUSTED_PORT && use.loopSource)).sort();
  return { inputs, outputs };
}

/** Declared ports of a node in a document, with the loop source's `exhausted` output. */
export function nodePorts(doc: FlowDoc, nodeId: string): DrawnPorts | null {
  const node = doc.nodes.find((n) => n.id === nodeId);
  if (!node) return null;
  const use = portUse(doc.edges).get(nodeId);
  return drawnPorts(declaredPorts(node.kind, node.config), [], [], use?.loopSource ?? false);
}
