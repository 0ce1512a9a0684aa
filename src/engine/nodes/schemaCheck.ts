// PLACEHOLDER: replaced by the real implementation (see the foundation issue).
import { z } from 'zod';
import { defineNodeKind } from './types';
import { TrellisError } from '../util/errors';

export const schemaCheckNode = defineNodeKind({
  kind: 'schema_check',
  version: 1,
  category: 'deterministic',
  title: 'Schema check',
  description: 'Schema check (not implemented yet)',
  configSchema: z.object({}),
  defaultConfig: () => ({}),
  inputs: () => [],
  outputs: () => [],
  costly: false,
  run: async () => {
    throw new TrellisError('internal', 'Schema check is not implemented yet');
  },
});
