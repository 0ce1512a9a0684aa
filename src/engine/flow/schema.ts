/**
 * The flow document, `trellis.flow` version 1 (DESIGN.md, "The flow document").
 * Node configs are validated by each node kind's own schema (see `../nodes/registry`);
 * here a config is any JSON object.
 */
import { z } from 'zod';
import { piiPolicySchema } from '../pii/policy';

export const FLOW_FORMAT = 'trellis.flow';
export const FLOW_VERSION = 1;

export const idSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Za-z0-9_-]+$/, 'may contain only letters, digits, "_" and "-"');

export const portNameSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must start with a letter or "_" and contain only letters, digits and "_"');

export const positionSchema = z.strictObject({
  x: z.number().finite(),
  y: z.number().finite(),
});

export const flowNodeSchema = z.strictObject({
  id: idSchema,
  kind: z.string().min(1, 'must not be empty'),
  label: z.string().max(200),
  position: positionSchema,
  config: z.record(z.string(), z.unknown()),
});

export const loopSchema = z.strictObject({
  maxIterations: z.number().int().min(1).max(50),
});

export const flowEdgeSchema = z.strictObject({
  id: idSchema,
  source: idSchema,
  sourcePort: portNameSchema,
  target: idSchema,
  targetPort: portNameSchema,
  loop: loopSchema.optional(),
});

export const flowSettingsSchema = z.strictObject({
  /** A provider reference by id (never a key). Undefined: the app's default provider. */
  providerId: idSchema.optional(),
  /** Default model for agent nodes that name none. Undefined: the provider's default model. */
  model: z.string().min(1).max(200).optional(),
  /** How many steps may run at once. */
  concurrency: z.number().int().min(1).max(32),
  /** What happens to personal data before it reaches a model or a web service (pii/policy.ts). Absent: masking is off. */
  pii: piiPolicySchema.optional(),
});

export const flowSchema = z.strictObject({
  format: z.literal(FLOW_FORMAT),
  version: z.literal(FLOW_VERSION),
  id: idSchema,
  name: z.string().min(1, 'must not be empty').max(200),
  description: z.string().max(10_000),
  nodes: z.array(flowNodeSchema).max(20_000),
  edges: z.array(flowEdgeSchema).max(50_000),
  settings: flowSettingsSchema,
});

export type FlowPosition = z.infer<typeof positionSchema>;
export type FlowNode = z.infer<typeof flowNodeSchema>;
export type FlowEdge = z.infer<typeof flowEdgeSchema>;
export type FlowSettings = z.infer<typeof flowSettingsSchema>;
export type FlowDoc = z.infer<typeof flowSchema>;

export const DEFAULT_FLOW_SETTINGS: FlowSettings = { concurrency: 4 };
