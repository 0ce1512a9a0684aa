/**
 * Format versions and the migration chain that brings an older flow document up to
 * FLOW_VERSION, one step at a time.
 *
 * Version 0 (the first, pre-release format) looked like this:
 *   { format: "trellis.flow", version: 0, id, title, notes?,
 *     steps: [{ id, type, name, x, y, params? }],
 *     links: [{ from: "stepId.port", to: "stepId.port", maxLoops? }] }
 * Version 1 is `flowSchema` (schema.ts).
 *
 * A migration checks the shape of the version it reads and reports problems with paths in that
 * version's document (the file the user has), by throwing a FlowMigrationError.
 */
import { z } from 'zod';
import { isPlainObject } from '../util/json';
import { validateWith, type FlowProblem } from './problems';
import { DEFAULT_FLOW_SETTINGS, FLOW_FORMAT, FLOW_VERSION, idSchema } from './schema';

export interface FlowMigration {
  from: number;
  to: number;
  describe: string;
  migrate(doc: unknown): unknown;
}

export class FlowMigrationError extends Error {
  readonly problems: FlowProblem[];
  constructor(problems: FlowProblem[]) {
    super(problems.map((p) => `${p.path}: ${p.message}`).join('; '));
    this.name = 'FlowMigrationError';
    this.problems = problems;
  }
}

const endpointSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]+\.[A-Za-z_][A-Za-z0-9_]*$/, 'must be "stepId.port", e.g. "summarise.text"');

const v0Schema = z.strictObject({
  format: z.literal(FLOW_FORMAT),
  version: z.literal(0),
  id: idSchema,
  title: z.string(),
  notes: z.string().optional(),
  steps: z.array(
    z.strictObject({
      id: idSchema,
      type: z.string().min(1, 'must not be empty'),
      name: z.string(),
      x: z.number(),
      y: z.number(),
      params: z.record(z.string(), z.unknown()).optional(),
    }),
  ),
  links: z.array(
    z.strictObject({
      from: endpointSchema,
      to: endpointSchema,
      maxLoops: z.number().int().optional(),
    }),
  ),
});

function splitEndpoint(endpoint: string): { node: string; port: string } {
  const dot = endpoint.indexOf('.');
  return { node: endpoint.slice(0, dot), port: endpoint.slice(dot + 1) };
}

/** v0 -> v1: steps/links become nodes/edges, title becomes name, edges get ids. */
function migrateV0(doc: unknown): unknown {
  const checked = validateWith(v0Schema, doc);
  if (!checked.ok) throw new FlowMigrationError(checked.problems);
  const v0 = checked.data;
  return {
    format: FLOW_FORMAT,
    version: 1,
    id: v0.id,
    name: v0.title.trim() === '' ? 'Untitled flow' : v0.title,
    description: v0.notes ?? '',
    nodes: v0.steps.map((step) => ({
      id: step.id,
      kind: step.type,
      label: step.name,
      position: { x: step.x, y: step.y },
      config: step.params ?? {},
    })),
    edges: v0.links.map((link, index) => {
      const from = splitEndpoint(link.from);
      const to = splitEndpoint(link.to);
      return {
        id: `link-${index + 1}`,
        source: from.node,
        sourcePort: from.port,
        target: to.node,
        targetPort: to.port,
        ...(link.maxLoops === undefined ? {} : { loop: { maxIterations: link.maxLoops } }),
      };
    }),
    settings: { ...DEFAULT_FLOW_SETTINGS },
  };
}

export const migrations: readonly FlowMigration[] = [
  { from: 0, to: 1, describe: 'steps and links become nodes and edges; title becomes name', migrate: migrateV0 },
];

/** The oldest format version this app can read. */
export const OLDEST_FLOW_VERSION = migrations.reduce((oldest, m) => Math.min(oldest, m.from), FLOW_VERSION);

export type MigrationResult =
  | { ok: true; doc: unknown; from: number; steps: FlowMigration[] }
  | { ok: false; problems: FlowProblem[] };

/** Reads `doc.version` and brings the document up to FLOW_VERSION. Never throws. */
export function migrateFlowDocument(doc: unknown, chain: readonly FlowMigration[] = migrations): MigrationResult {
  const fail = (message: string): MigrationResult => ({ ok: false, problems: [{ path: 'version', message }] });
  if (!isPlainObject(doc)) return { ok: false, problems: [{ path: '$', message: 'expected an object' }] };
  if (!Object.hasOwn(doc, 'version')) return fail('missing; a Trellis flow names its format version (e.g. "version": 1)');
  const version = doc.version;
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    return fail(`expected a whole-number format version, got ${typeof version === 'string' ? JSON.stringify(version) : String(version)}`);
  }
  if (version > FLOW_VERSION) {
    return fail(`This flow was saved by a newer Trellis (format version ${version}); this app reads up to version ${FLOW_VERSION}.`);
  }
  const oldest = chain.reduce((min, m) => Math.min(min, m.from), FLOW_VERSION);
  if (version < oldest) return fail(`format version ${version} is older than any this app can read (the oldest is ${oldest})`);
  let current: unknown = doc;
  const applied: FlowMigration[] = [];
  for (let at = version; at < FLOW_VERSION; ) {
    const step = chain.find((m) => m.from === at);
    if (!step || step.to <= at) return fail(`no migration from format version ${at} (internal error: the migration chain has a gap)`);
    try {
      current = step.migrate(current);
    } catch (error) {
      if (error instanceof FlowMigrationError) return { ok: false, problems: error.problems };
      const reason = error instanceof Error ? error.message : String(error);
      return fail(`could not convert from format version ${at} to ${step.to}: ${reason}`);
    }
    applied.push(step);
    at = step.to;
  }
  return { ok: true, doc: current, from: version, steps: applied };
}
