// PLACEHOLDER: replaced by the real implementation (see the foundation issue).
import { z } from 'zod';
import { defineNodeKind } from './types';
import { TrellisError } from '../util/errors';

export const codeNode = defineNodeKind({
  kind: 'code',
  version: 1,
  category: 'deterministic',
  title: 'Code',
  description: 'Code (not implemented yet)',
  configSchema: z.object({}),
  defaultConfig: () => ({}),
  inputs: () => [],
  outputs: () => [],
  costly: false,
  run: async () => {
    throw new TrellisError('internal', 'Code is not implemented yet');
  },
});
