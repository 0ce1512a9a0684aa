// PLACEHOLDER: replaced by the real implementation (see the foundation issue).
import { z } from 'zod';
import { defineNodeKind } from './types';
import { TrellisError } from '../util/errors';

export const inputNode = defineNodeKind({
  kind: 'input',
  version: 1,
  category: 'deterministic',
  title: 'Input',
  description: 'Input (not implemented yet)',
  configSchema: z.object({}),
  defaultConfig: () => ({}),
  inputs: () => [],
  outputs: () => [],
  costly: false,
  run: async () => {
    throw new TrellisError('internal', 'Input is not implemented yet');
  },
});
