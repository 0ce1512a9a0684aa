// PLACEHOLDER: replaced by the real implementation (see the foundation issue).
import { z } from 'zod';
import { defineNodeKind } from './types';
import { TrellisError } from '../util/errors';

export const llmRouterNode = defineNodeKind({
  kind: 'llm_router',
  version: 1,
  category: 'agent',
  title: 'LLM router',
  description: 'LLM router (not implemented yet)',
  configSchema: z.object({}),
  defaultConfig: () => ({}),
  inputs: () => [],
  outputs: () => [],
  costly: false,
  run: async () => {
    throw new TrellisError('internal', 'LLM router is not implemented yet');
  },
});
