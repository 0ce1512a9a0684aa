/**
 * What a node's templates can name: its input ports, where each is fed from, and what is known
 * about the value that arrives (an Input field's type, an Agent's output schema, a router branch
 * carrying its own input on, a Merge's object of inputs...). Also the outputs of other nodes that
 * could still be wired in (not downstream of the node, so no cycle), for completion in a fresh
 * node. Pure: computed from the document and, when given, its compiled plan (parsed configs and
 * declared ports); nodes with invalid configs fall back to their kind's defaults.
 */
import type { CompileResult } from '../../../engine/compile';
import type { FlowDoc, FlowNode } from '../../../engine/flow/schema';
import { getNodeKind, type AnyNodeKind } from '../../../engine/nodes/registry';
import type { PortSpec } from '../../../engine/nodes/types';
import { templateVariables } from '../../../engine/util/template';

export interface ValueShape {
  /** string, number, boolean, object, array, json (any JSON), or unknown. */
  type: string;
  description?: string;
  /** Known properties, for `{{name.field}}`. */
  fields?: Record<string, ValueShape>;
}

export interface VariableSource {
  nodeId: string;
  nodeLabel: string;
  kindTitle: string;
  port: string;
}

export interface UpstreamVariable {
  /** The input port's name: the root of `{{name...}}`. */
  name: string;
  /** An edge feeds this port. */
  connected: boolean;
  /** The node's config declares the port (it may be unconnected). */
  declared: boolean;
  required: boolean;
  sources: VariableSource[];
  shape: ValueShape;
  /** One line for a completion list: where it comes from and its type. */
  detail: string;
}

export interface UpstreamCandidate {
  name: string;
  source: VariableSource;
  /** More outputs of other nodes with the same name. */
  more: number;
  shape: ValueShape;
  detail: string;
}

const UNKNOWN: ValueShape = { type: 'unknown' };
const MAX_DEPTH = 6;

interface Ctx {
  doc: FlowDoc;
  byId: Map<string, FlowNode>;
  steps: Map<string, CompileResult['plan']['steps'][number]>;
  /** Edges into each node. */
  incoming: Map<string, FlowDoc['edges']>;
}

function makeCtx(doc: FlowDoc, compiled?: CompileResult): Ctx {
  const byId = new Map<string, FlowNode>();
  for (const node of doc.nodes) if (!byId.has(node.id)) byId.set(node.id, node);
  const steps = new Map<string, CompileResult['plan']['steps'][number]>();
  for (const step of compiled?.plan.steps ?? []) steps.set(step.nodeId, step);
  const incoming = new Map<string, FlowDoc['edges']>();
  for (const edge of doc.edges) {
    const list = incoming.get(edge.target);
    if (list) list.push(edge);
    else incoming.set(edge.target, [edge]);
  }
  return { doc, byId, steps, incoming };
}

/** The node's config as its kind parsed it: from the plan, by parsing, or over the kind's defaults. */
function resolvedConfig(ctx: Ctx, node: FlowNode, def: AnyNodeKind): { config: unknown; valid: boolean } {
  const step = ctx.steps.get(node.id);
  if (step) return { config: step.config, valid: true };
  const parsed = def.configSchema.safeParse(node.config);
  if (parsed.success) return { config: parsed.data, valid: true };
  return { config: { ...(def.defaultConfig() as object), ...node.config }, valid: false };
}

function safePorts(fn: () => PortSpec[]): PortSpec[] {
  try {
    const ports = fn();
    return Array.isArray(ports) ? ports : [];
  } catch {
    return [];
  }
}

function inputPorts(ctx: Ctx, node: FlowNode): PortSpec[] {
  const def = getNodeKind(node.kind);
  if (!def) return [];
  const { config, valid } = resolvedConfig(ctx, node, def);
  const ports = safePorts(() => def.inputs(config));
  if (valid) return ports;
  // Mid-edit the config may not parse; template-driven kinds still name their inputs.
  for (const value of Object.values(node.config)) {
    if (typeof value !== 'string') continue;
    for (const name of templateVariables(value)) if (!ports.some((p) => p.name === name)) ports.push({ name, required: true });
  }
  return ports;
}

function outputPorts(ctx: Ctx, node: FlowNode): PortSpec[] {
  const step = ctx.steps.get(node.id);
  if (step) return step.outputs;
  const def = getNodeKind(node.kind);
  if (!def) return [];
  return safePorts(() => def.outputs(resolvedConfig(ctx, node, def).config));
}

function label(node: FlowNode): string {
  return node.label || node.id;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What a JSON Schema says about a value's shape (properties, to a few levels). */
export function shapeFromJsonSchema(schema: unknown, depth = 0): ValueShape {
  if (!isRecord(schema)) return { type: 'json' };
  const type = Array.isArray(schema.type) ? schema.type.filter((t) => t !== 'null')[0] : schema.type;
  const shape: ValueShape = { type: typeof type === 'string' ? (type === 'integer' ? 'number' : type) : isRecord(schema.properties) ? 'object' : 'json' };
  if (typeof schema.description === 'string') shape.description = schema.description;
  if (isRecord(schema.properties) && depth < MAX_DEPTH) {
    shape.fields = {};
    for (const [key, property] of Object.entries(schema.properties)) shape.fields[key] = shapeFromJsonSchema(property, depth + 1);
  }
  return shape;
}

function shapeFromValue(value: unknown, depth = 0): ValueShape {
  if (value === null || value === undefined) return { type: 'json' };
  if (Array.isArray(value)) return { type: 'array' };
  if (isRecord(value)) {
    const fields: Record<string, ValueShape> = {};
    if (depth < MAX_DEPTH) for (const [key, item] of Object.entries(value)) fields[key] = shapeFromValue(item, depth + 1);
    return { type: 'object', fields };
  }
  return { type: typeof value };
}

function mergeShapes(shapes: ValueShape[]): ValueShape {
  const known = shapes.filter((s) => s.type !== 'unknown');
  if (known.length === 0) return shapes[0] ?? UNKNOWN;
  if (known.length === 1) return known[0] as ValueShape;
  const fields: Record<string, ValueShape> = {};
  for (const shape of known) for (const [key, value] of Object.entries(shape.fields ?? {})) fields[key] ??= value;
  const types = [...new Set(known.map((s) => s.type))];
  return { type: types.length === 1 ? (types[0] as string) : 'json', ...(Object.keys(fields).length > 0 ? { fields } : {}) };
}

/** The shape of what arrives on a node's input port (from every edge into it). */
function inputShape(ctx: Ctx, nodeId: string, port: string, seen: Set<string>, depth: number): ValueShape {
  const edges = (ctx.incoming.get(nodeId) ?? []).filter((edge) => edge.targetPort === port);
  return mergeShapes(edges.map((edge) => outputShapeIn(ctx, edge.source, edge.sourcePort, seen, depth + 1)));
}

function outputShapeIn(ctx: Ctx, nodeId: string, port: string, seen: Set<string>, depth: number): ValueShape {
  const node = ctx.byId.get(nodeId);
  const def = node ? getNodeKind(node.kind) : undefined;
  if (!node || !def) return UNKNOWN;
  const key = `${nodeId}\u0000${port}`;
  if (seen.has(key) || depth > 25) return UNKNOWN;
  seen = new Set(seen).add(key);
  const config = resolvedConfig(ctx, node, def).config as Record<string, unknown>;
  const declared = outputPorts(ctx, node).find((p) => p.name === port);
  const described = (shape: ValueShape): ValueShape => (declared?.description && !shape.description ? { ...shape, description: declared.description } : shape);
  const through = (inPort: string) => inputShape(ctx, nodeId, inPort, seen, depth);

  switch (node.kind) {
    case 'input': {
      const fields = Array.isArray(config.fields) ? (config.fields as Record<string, unknown>[]) : [];
      const field = fields.find((f) => isRecord(f) && f.name === port);
      if (!field) return UNKNOWN;
      const type = typeof field.type === 'string' ? field.type : 'string';
      const shape: ValueShape = type === 'json' ? { ...shapeFromValue(parseJsonText(field.default)), type: 'json' } : { type };
      if (typeof field.description === 'string' && field.description) shape.description = field.description;
      return shape;
    }
    case 'template':
      return { type: 'string', description: 'The rendered text.' };
    case 'agent':
      if (port !== 'out') return described(UNKNOWN);
      return isRecord(config.outputSchema)
        ? { ...shapeFromJsonSchema(config.outputSchema), description: declared?.description ?? 'The parsed JSON reply.' }
        : { type: 'string', description: 'The reply text.' };
    case 'llm_router': {
      if (port === 'decision') return { type: 'object', description: 'The model’s choice.', fields: { branch: { type: 'string' }, reason: { type: 'string' } } };
      const names = typeof config.instructions === 'string' ? templateVariables(config.instructions) : [];
      if (names.length === 1) return through(names[0] as string);
      const fields: Record<string, ValueShape> = {};
      for (const name of names) fields[name] = through(name);
      return { type: 'object', fields, description: 'Its inputs, carried on by the chosen branch.' };
    }
    case 'router':
      return through('in');
    case 'schema_check':
      if (port === 'valid') return through('in');
      if (port === 'invalid') return { type: 'object', fields: { value: through('in'), errors: { type: 'array', description: '[{ path, message }]' } } };
      return UNKNOWN;
    case 'judge':
    case 'grounding_check':
    case 'quality_api':
      if (port === 'pass') return through('value');
      if (port === 'fail') {
        return {
          type: 'object',
          description: 'The value that failed, what failed and feedback for whoever revises it.',
          fields: {
            value: through('value'),
            failure: { type: 'object', fields: { layer: { type: 'string' }, validator: { type: 'string' }, status: { type: 'string' }, score: { type: 'number' }, explanation: { type: 'string' } } },
            feedback: { type: 'string' },
          },
        };
      }
      return UNKNOWN;
    case 'merge': {
      const inputs = Array.isArray(config.inputs) ? config.inputs.filter((n): n is string => typeof n === 'string') : [];
      if (config.mode === 'first') return mergeShapes(inputs.map(through));
      const fields: Record<string, ValueShape> = {};
      for (const name of inputs) fields[name] = through(name);
      return { type: 'object', fields, description: 'An object with a key for each input that arrived.' };
    }
    case 'http':
      if (port === 'status') return { type: 'number', description: 'The HTTP status code.' };
      if (port === 'body') return { type: config.responseType === 'text' ? 'string' : 'json', description: declared?.description ?? 'The response body.' };
      return UNKNOWN;
    default:
      return described(UNKNOWN);
  }
}

function parseJsonText(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

/** The shape of what leaves `port` of node `nodeId`. */
export function outputShape(doc: FlowDoc, nodeId: string, port: string, compiled?: CompileResult): ValueShape {
  return outputShapeIn(makeCtx(doc, compiled), nodeId, port, new Set(), 0);
}

function describeShape(shape: ValueShape): string {
  const fields = shape.fields ? Object.keys(shape.fields) : [];
  if (fields.length > 0) return `${shape.type} { ${fields.slice(0, 4).join(', ')}${fields.length > 4 ? ', …' : ''} }`;
  return shape.type;
}

function sourceOf(ctx: Ctx, nodeId: string, port: string): VariableSource {
  const node = ctx.byId.get(nodeId);
  const def = node ? getNodeKind(node.kind) : undefined;
  return { nodeId, nodeLabel: node ? label(node) : nodeId, kindTitle: def?.title ?? node?.kind ?? 'node', port };
}

function sourceText(source: VariableSource): string {
  return `${source.kindTitle} “${source.nodeLabel}” › ${source.port}`;
}

/** The node's input ports (declared by its config, or fed by an edge) with what arrives on each. */
export function upstreamVariables(doc: FlowDoc, nodeId: string, compiled?: CompileResult): UpstreamVariable[] {
  const ctx = makeCtx(doc, compiled);
  const node = ctx.byId.get(nodeId);
  if (!node) return [];
  const declared = inputPorts(ctx, node);
  const edges = ctx.incoming.get(nodeId) ?? [];
  const names = [...declared.map((p) => p.name)];
  for (const edge of edges) if (!names.includes(edge.targetPort)) names.push(edge.targetPort);
  return names.map((name) => {
    const port = declared.find((p) => p.name === name);
    const sources = edges.filter((e) => e.targetPort === name).map((e) => sourceOf(ctx, e.source, e.sourcePort));
    const shape = inputShape(ctx, nodeId, name, new Set(), 0);
    const withDescription = port?.description && !shape.description ? { ...shape, description: port.description } : shape;
    const from = sources.length > 0 ? `from ${sources.map(sourceText).join(', ')}` : 'not connected yet';
    return {
      name,
      connected: sources.length > 0,
      declared: Boolean(port),
      required: port?.required ?? false,
      sources,
      shape: withDescription,
      detail: `${from} · ${describeShape(withDescription)}`,
    };
  });
}

/** Nodes reachable from `nodeId` along edges (its downstream), including itself. */
function downstreamOf(doc: FlowDoc, nodeId: string): Set<string> {
  const next = new Map<string, string[]>();
  for (const edge of doc.edges) {
    const list = next.get(edge.source);
    if (list) list.push(edge.target);
    else next.set(edge.source, [edge.target]);
  }
  const seen = new Set([nodeId]);
  const stack = [nodeId];
  while (stack.length > 0) {
    for (const target of next.get(stack.pop() as string) ?? []) {
      if (!seen.has(target)) {
        seen.add(target);
        stack.push(target);
      }
    }
  }
  return seen;
}

/**
 * Outputs of other nodes that could feed this one without a cycle, by port name (first in
 * document order wins; `more` counts the others), leaving out names the node already has.
 */
export function upstreamCandidates(doc: FlowDoc, nodeId: string, compiled?: CompileResult, limit = 50): UpstreamCandidate[] {
  const ctx = makeCtx(doc, compiled);
  const node = ctx.byId.get(nodeId);
  if (!node) return [];
  const downstream = downstreamOf(doc, nodeId);
  const taken = new Set(upstreamVariables(doc, nodeId, compiled).map((v) => v.name));
  const byName = new Map<string, UpstreamCandidate>();
  for (const other of doc.nodes) {
    if (downstream.has(other.id)) continue;
    for (const port of outputPorts(ctx, other)) {
      if (taken.has(port.name)) continue;
      const existing = byName.get(port.name);
      if (existing) {
        existing.more += 1;
        continue;
      }
      if (byName.size >= limit) continue;
      const source = sourceOf(ctx, other.id, port.name);
      const shape = outputShapeIn(ctx, other.id, port.name, new Set(), 0);
      byName.set(port.name, { name: port.name, source, more: 0, shape, detail: `not connected: ${sourceText(source)} · ${describeShape(shape)}` });
    }
  }
  return [...byName.values()];
}

/** The arguments an agent HTTP tool's templates may name: its parameters' properties. */
export function toolArgumentVariables(parameters: unknown): UpstreamVariable[] {
  const shape = shapeFromJsonSchema(parameters);
  const required = isRecord(parameters) && Array.isArray(parameters.required) ? parameters.required : [];
  return Object.entries(shape.fields ?? {}).map(([name, field]) => ({
    name,
    connected: true,
    declared: true,
    required: required.includes(name),
    sources: [],
    shape: field,
    detail: `tool argument · ${describeShape(field)}${field.description ? ` · ${field.description}` : ''}`,
  }));
}

/** The known fields under `path` of a variable's shape (`['lead', 'address']`). */
export function fieldsAt(shape: ValueShape, path: readonly string[]): Record<string, ValueShape> {
  let current: ValueShape | undefined = shape;
  for (const segment of path) current = current?.fields?.[segment];
  return current?.fields ?? {};
}

/** The connection goes back to an earlier step: its source is reachable from its target. */
export function closesCycle(doc: FlowDoc, edge: { source: string; target: string }): boolean {
  return downstreamOf(doc, edge.target).has(edge.source);
}
