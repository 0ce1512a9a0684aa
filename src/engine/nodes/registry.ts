/**
 * The node kinds Trellis knows. Built-in kinds are listed here; later kinds (judge, grounding
 * check, ...) register themselves with `registerNodeKind`.
 */
import type { NodeKindDef } from './types';
import { inputNode } from './input';
import { templateNode } from './template';
import { transformNode } from './transform';
import { codeNode } from './code';
import { routerNode } from './router';
import { mergeNode } from './merge';
import { httpNode } from './http';
import { schemaCheckNode } from './schemaCheck';
import { qualityApiNode } from './qualityApi';
import { outputNode } from './output';
import { agentNode } from './agent';
import { llmRouterNode } from './llmRouter';
import { judgeNode } from './judge';
import { groundingCheckNode } from './groundingCheck';
import { reviewGateNode } from './reviewGate';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each kind has its own config type
export type AnyNodeKind = NodeKindDef<any>;

const kinds = new Map<string, AnyNodeKind>();

export function registerNodeKind(def: AnyNodeKind): void {
  if (kinds.has(def.kind)) throw new Error(`Node kind "${def.kind}" is already registered`);
  kinds.set(def.kind, def);
}

export function getNodeKind(kind: string): AnyNodeKind | undefined {
  return kinds.get(kind);
}

export function listNodeKinds(): AnyNodeKind[] {
  return [...kinds.values()];
}

for (const def of [
  inputNode,
  templateNode,
  transformNode,
  codeNode,
  routerNode,
  mergeNode,
  httpNode,
  schemaCheckNode,
  qualityApiNode,
  outputNode,
  agentNode,
  llmRouterNode,
  judgeNode,
  groundingCheckNode,
  reviewGateNode,
] as AnyNodeKind[]) {
  registerNodeKind(def);
}
