/** Step services for engine tests of deterministic flows: no model, HTTP or code access. */
import type { StepServices } from '../run/context';
import { TrellisError } from '../util/errors';

export function offlineServices(): StepServices {
  const refuse = (what: string) => () => {
    throw new TrellisError('config', `This test has no ${what}.`);
  };
  return {
    models: { resolve: refuse('model provider') },
    http: refuse('HTTP access'),
    sandbox: { run: refuse('code sandbox') },
  };
}
