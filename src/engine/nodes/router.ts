// PLACEHOLDER: replaced by the real implementation (see the foundation issue).
import { z } from 'zod';
import { defineNodeKind } from './types';
import { TrellisError } from '../util/errors';

export const routerNode = defineNodeKind({
  kind: 'router',
  version: 1,
  category: 'deterministic',
  title: 'Router',
  description: 'Router (not implemented yet)',
  configSchema: z.object({}),
  defaultConfig: () => ({}),
  inputs: () => [],
  outputs: () => [],
  costly: false,
  run: async () => {
    throw new TrellisError('internal', 'Router is not implemented yet');
  },
});
