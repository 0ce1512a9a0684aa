// PLACEHOLDER: replaced by the real implementation (see the foundation issue).
import { z } from 'zod';
import { defineNodeKind } from './types';
import { TrellisError } from '../util/errors';

export const transformNode = defineNodeKind({
  kind: 'transform',
  version: 1,
  category: 'deterministic',
  title: 'Transform',
  description: 'Transform (not implemented yet)',
  configSchema: z.object({}),
  defaultConfig: () => ({}),
  inputs: () => [],
  outputs: () => [],
  costly: false,
  run: async () => {
    throw new TrellisError('internal', 'Transform is not implemented yet');
  },
});
