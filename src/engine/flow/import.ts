/**
 * Importing a flow: text (or already parsed data) in, a valid FlowDoc out, or every problem
 * found, each with its JSON path (`$` for the document itself, else `nodes[3].config.model`).
 *
 * Steps: parse JSON (syntax errors give line and column) -> check it is JSON data of sane size
 * and depth -> format -> version and migrations -> the schema, collecting every issue -> node
 * kinds and their configs -> duplicate ids -> edges that point at no node. Nothing is changed
 * on failure (the caller gets no flow), and importFlow never throws.
 */
import { getNodeKind } from '../nodes/registry';
import { isPlainObject } from '../util/json';
import { checkParsedJson, readJsonData } from './jsonData';
import { parseJsonText } from './jsonText';
import { migrateFlowDocument } from './migrations';
import { describeType, preview, validateWith, type FlowProblem } from './problems';
import { projectFlow, type KindResolver } from './project';
import { FLOW_FORMAT, FLOW_VERSION, flowSchema, type FlowDoc } from './schema';

export type ImportResult =
  | { ok: true; flow: FlowDoc; migratedFrom?: number; warnings: FlowProblem[] }
  | { ok: false; problems: FlowProblem[] };

export interface ImportOptions {
  /** Finds a node kind's config schema; default: the node registry. */
  resolveKind?: KindResolver;
  /** At most this many problems are listed, then one saying how many more there are. */
  maxProblems?: number;
}

export const DEFAULT_MAX_PROBLEMS = 200;

const fail = (problems: FlowProblem[]): ImportResult => ({ ok: false, problems });

/** Imports a flow from JSON text, or from a value already parsed. Never throws. */
export function importFlow(input: unknown, options: ImportOptions = {}): ImportResult {
  try {
    return importUnchecked(input, options);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fail([{ path: '$', message: `could not be read: ${reason}` }]);
  }
}

function importUnchecked(input: unknown, options: ImportOptions): ImportResult {
  const resolveKind = options.resolveKind ?? getNodeKind;
  let data: ReturnType<typeof readJsonData>;
  if (typeof input === 'string') {
    const parsed = parseJsonText(input);
    if (!parsed.ok) return parsed;
    data = checkParsedJson(parsed.value);
  } else data = readJsonData(input);
  if (!data.ok) return fail(data.problems);
  const doc = data.value;

  if (!isPlainObject(doc)) return fail([{ path: '$', message: `expected a Trellis flow (a JSON object), got ${describeType(doc)}` }]);
  if (!Object.hasOwn(doc, 'format')) {
    return fail([{ path: 'format', message: `missing; this is not a Trellis flow file (expected "format": "${FLOW_FORMAT}")` }]);
  }
  if (doc.format !== FLOW_FORMAT) {
    return fail([{ path: 'format', message: `expected "${FLOW_FORMAT}", got ${preview(doc.format)}; this is not a Trellis flow file` }]);
  }

  const migrated = migrateFlowDocument(doc);
  if (!migrated.ok) return fail(migrated.problems);

  const structural = validateWith(flowSchema, migrated.doc);
  // concat, not push(...): a huge document can have more problems than a call takes arguments
  const problems = (structural.ok ? [] : structural.problems).concat(checkGraph(migrated.doc, resolveKind));
  if (!structural.ok || problems.length > 0) {
    return fail(limitProblems(sortByDocumentOrder(dedupe(problems)), options.maxProblems ?? DEFAULT_MAX_PROBLEMS));
  }

  const warnings: FlowProblem[] = [];
  const flow = projectFlow(structural.data, { resolveKind, onDrop: (p) => warnings.push(p) });
  if (migrated.from < FLOW_VERSION) {
    const via = migrated.steps.map((m) => m.describe).join('; ');
    warnings.unshift({ path: 'version', message: `converted from format version ${migrated.from} to ${FLOW_VERSION} (${via})` });
    return { ok: true, flow, migratedFrom: migrated.from, warnings };
  }
  return { ok: true, flow, warnings };
}

/** Node kinds and configs, duplicate ids, dangling edges: read from the raw data, so every problem is found in one pass. */
function checkGraph(doc: unknown, resolveKind: KindResolver): FlowProblem[] {
  const problems: FlowProblem[] = [];
  if (!isPlainObject(doc)) return problems;
  const nodes: unknown[] = Array.isArray(doc.nodes) ? doc.nodes : [];
  const nodeIds = new Map<string, number>();
  nodes.forEach((node, i) => {
    if (!isPlainObject(node)) return;
    if (typeof node.id === 'string') {
      const first = nodeIds.get(node.id);
      if (first === undefined) nodeIds.set(node.id, i);
      else problems.push({ path: `nodes[${i}].id`, message: `duplicate id ${JSON.stringify(node.id)} (also nodes[${first}])` });
    }
    if (typeof node.kind !== 'string' || node.kind === '') return;
    const def = resolveKind(node.kind);
    if (!def) {
      problems.push({ path: `nodes[${i}].kind`, message: `unknown node kind ${JSON.stringify(node.kind)}` });
    } else if (isPlainObject(node.config)) {
      const checked = validateWith(def.configSchema, node.config, `nodes[${i}].config`);
      if (!checked.ok) for (const problem of checked.problems) problems.push(problem);
    }
  });

  const edges: unknown[] = Array.isArray(doc.edges) ? doc.edges : [];
  const edgeIds = new Map<string, number>();
  edges.forEach((edge, i) => {
    if (!isPlainObject(edge)) return;
    if (typeof edge.id === 'string') {
      const first = edgeIds.get(edge.id);
      if (first === undefined) edgeIds.set(edge.id, i);
      else problems.push({ path: `edges[${i}].id`, message: `duplicate id ${JSON.stringify(edge.id)} (also edges[${first}])` });
    }
    if (!Array.isArray(doc.nodes)) return;
    for (const end of ['source', 'target'] as const) {
      const ref = edge[end];
      if (typeof ref === 'string' && ref !== '' && !nodeIds.has(ref)) {
        problems.push({ path: `edges[${i}].${end}`, message: `no node with id ${JSON.stringify(ref)}` });
      }
    }
  });
  return problems;
}

function dedupe(problems: FlowProblem[]): FlowProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const SECTION_ORDER = ['$', 'format', 'version', 'id', 'name', 'description', 'nodes', 'edges', 'settings'];

/** Groups problems by document section and item (all of nodes[3] together), keeping their order otherwise. */
function sortByDocumentOrder(problems: FlowProblem[]): FlowProblem[] {
  const rank = (path: string): [number, number] => {
    const m = /^([A-Za-z_$][A-Za-z0-9_$]*)(?:\[(\d+)\])?/.exec(path);
    const section = m ? SECTION_ORDER.indexOf(m[1] as string) : -1;
    return [section === -1 ? SECTION_ORDER.length : section, m?.[2] === undefined ? -1 : Number(m[2])];
  };
  return problems
    .map((problem, index) => ({ problem, index, rank: rank(problem.path) }))
    .sort((a, b) => a.rank[0] - b.rank[0] || a.rank[1] - b.rank[1] || a.index - b.index)
    .map((entry) => entry.problem);
}

function limitProblems(problems: FlowProblem[], max: number): FlowProblem[] {
  if (problems.length <= max) return problems;
  const more = problems.length - max;
  return [...problems.slice(0, max), { path: '$', message: `${more} more problem${more === 1 ? '' : 's'} not shown` }];
}
