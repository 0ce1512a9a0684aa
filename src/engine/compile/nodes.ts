/**
 * First compile pass: resolve each node's kind, parse its config and compute its ports.
 * Nodes that cannot be planned (duplicate id, unknown kind, invalid config) get a diagnostic
 * and a null entry.
 */
import type { FlowDoc } from '../flow/schema';
import { getNodeKind, type AnyNodeKind } from '../nodes/registry';
import type { PortSpec } from '../nodes/types';
import type { Diagnostic } from './types';

export interface NodeInfo {
  def: AnyNodeKind;
  config: unknown;
  inputs: PortSpec[];
  outputs: PortSpec[];
}

/** Index of a named port in a list (ports are few, so a scan beats building a map per node). */
export function portIndex(ports: readonly PortSpec[], name: string): number {
  for (let k = 0; k < ports.length; k++) if ((ports[k] as PortSpec).name === name) return k;
  return -1;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

export function nodeName(flow: FlowDoc, index: number): string {
  const node = flow.nodes[index];
  if (!node) return `node #${index}`;
  return node.label ? `"${node.label}"` : `"${node.id}"`;
}

/**
 * Parsed configs from earlier compiles, by node id. The editor recompiles after every change and
 * keeps unchanged nodes' configs as the same objects, so only what changed is parsed again (an
 * entry is used only when its config is the very same object). Bounded: cleared when it grows past
 * CACHE_LIMIT entries. Configs are treated as immutable.
 */
type Parsed = ReturnType<AnyNodeKind['configSchema']['safeParse']>;
interface CacheEntry {
  config: object;
  def: AnyNodeKind;
  result: Parsed;
  ports?: { inputs: PortSpec[]; outputs: PortSpec[] };
}
const CACHE_LIMIT = 50_000;
const parsedConfigs = new Map<string, CacheEntry>();

function parseConfig(id: string, def: AnyNodeKind, config: Record<string, unknown>): CacheEntry {
  let entry = parsedConfigs.get(id);
  if (!entry || entry.config !== config || entry.def !== def) {
    entry = { config, def, result: def.configSchema.safeParse(config) };
    if (parsedConfigs.size >= CACHE_LIMIT) parsedConfigs.clear();
    parsedConfigs.set(id, entry);
  }
  return entry;
}

export function resolveNodes(flow: FlowDoc, diagnostics: Diagnostic[]): { infos: (NodeInfo | null)[]; byId: Map<string, number> } {
  const byId = new Map<string, number>();
  const infos: (NodeInfo | null)[] = new Array<NodeInfo | null>(flow.nodes.length).fill(null);
  flow.nodes.forEach((node, i) => {
    const first = byId.get(node.id);
    if (first !== undefined) {
      diagnostics.push({
        severity: 'error',
        code: 'duplicate_node_id',
        message: `Node ${nodeName(flow, i)} has the id "${node.id}", which ${nodeName(flow, first)} already uses.`,
        nodeId: node.id,
        path: `nodes[${i}].id`,
      });
      return;
    }
    byId.set(node.id, i);
    const def = getNodeKind(node.kind);
    if (!def) {
      diagnostics.push({
        severity: 'error',
        code: 'unknown_kind',
        message: `Node ${nodeName(flow, i)} is of kind "${node.kind}", which this version of Trellis does not know.`,
        nodeId: node.id,
        path: `nodes[${i}].kind`,
      });
      return;
    }
    const entry = parseConfig(node.id, def, node.config);
    const parsed = entry.result;
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = formatPath(issue.path);
        diagnostics.push({
          severity: 'error',
          code: 'invalid_config',
          message: `${def.title} ${nodeName(flow, i)}: ${field ? `${field}: ` : ''}${issue.message}`,
          nodeId: node.id,
          path: `nodes[${i}].config${field ? (field.startsWith('[') ? field : `.${field}`) : ''}`,
        });
      }
      return;
    }
    const config: unknown = parsed.data;
    entry.ports ??= { inputs: def.inputs(config), outputs: def.outputs(config) };
    infos[i] = { def, config, inputs: entry.ports.inputs, outputs: entry.ports.outputs };
  });
  return { infos, byId };
}
