// PLACEHOLDER: replaced by the real implementation (see the foundation issue).
import { z } from 'zod';
import { defineNodeKind } from './types';
import { TrellisError } from '../util/errors';

export const agentNode = defineNodeKind({
  kind: 'agent',
  version: 1,
  category: 'agent',
  title: 'Agent',
  description: 'Agent (not implemented yet)',
  configSchema: z.object({}),
  defaultConfig: () => ({}),
  inputs: () => [],
  outputs: () => [],
  costly: false,
  run: async () => {
    throw new TrellisError('internal', 'Agent is not implemented yet');
  },
});
