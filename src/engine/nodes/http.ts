// PLACEHOLDER: replaced by the real implementation (see the foundation issue).
import { z } from 'zod';
import { defineNodeKind } from './types';
import { TrellisError } from '../util/errors';

export const httpNode = defineNodeKind({
  kind: 'http',
  version: 1,
  category: 'deterministic',
  title: 'HTTP request',
  description: 'HTTP request (not implemented yet)',
  configSchema: z.object({}),
  defaultConfig: () => ({}),
  inputs: () => [],
  outputs: () => [],
  costly: false,
  run: async () => {
    throw new TrellisError('internal', 'HTTP request is not implemented yet');
  },
});
