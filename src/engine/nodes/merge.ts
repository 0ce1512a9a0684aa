// PLACEHOLDER: replaced by the real implementation (see the foundation issue).
import { z } from 'zod';
import { defineNodeKind } from './types';
import { TrellisError } from '../util/errors';

export const mergeNode = defineNodeKind({
  kind: 'merge',
  version: 1,
  category: 'deterministic',
  title: 'Merge',
  description: 'Merge (not implemented yet)',
  configSchema: z.object({}),
  defaultConfig: () => ({}),
  inputs: () => [],
  outputs: () => [],
  costly: false,
  run: async () => {
    throw new TrellisError('internal', 'Merge is not implemented yet');
  },
});
