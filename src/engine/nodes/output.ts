// PLACEHOLDER: replaced by the real implementation (see the foundation issue).
import { z } from 'zod';
import { defineNodeKind } from './types';
import { TrellisError } from '../util/errors';

export const outputNode = defineNodeKind({
  kind: 'output',
  version: 1,
  category: 'deterministic',
  title: 'Output',
  description: 'Output (not implemented yet)',
  configSchema: z.object({}),
  defaultConfig: () => ({}),
  inputs: () => [],
  outputs: () => [],
  costly: false,
  run: async () => {
    throw new TrellisError('internal', 'Output is not implemented yet');
  },
});
