// PLACEHOLDER: replaced by the real implementation (see the foundation issue).
import { z } from 'zod';
import { defineNodeKind } from './types';
import { TrellisError } from '../util/errors';

export const templateNode = defineNodeKind({
  kind: 'template',
  version: 1,
  category: 'deterministic',
  title: 'Template',
  description: 'Template (not implemented yet)',
  configSchema: z.object({}),
  defaultConfig: () => ({}),
  inputs: () => [],
  outputs: () => [],
  costly: false,
  run: async () => {
    throw new TrellisError('internal', 'Template is not implemented yet');
  },
});
