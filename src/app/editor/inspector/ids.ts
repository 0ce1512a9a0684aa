/** DOM ids for form fields, derived from the node and the config path (unique per page). */
import type { ConfigPath } from './configPath';

export function fieldDomId(scope: string, path: ConfigPath): string {
  return `insp-${scope}-${path.length > 0 ? path.join('-') : 'root'}`.replace(/[^A-Za-z0-9_-]/g, '_');
}
