/**
 * Downloads a flow as its canonical JSON file, `<flow name>.trellis.json`. The file is the
 * allowlist export (engine/flow/canonical): API keys and other secrets live only in the settings
 * store and cannot ride along. Used by the library and the editor's toolbar.
 */
import { exportFlow } from '../../engine/flow/canonical';
import type { FlowDoc } from '../../engine/flow/schema';
import { downloadText } from '../ui/download';

export const FLOW_FILE_SUFFIX = '.trellis.json';

/** A file name from a flow's name: characters file systems refuse become "-", at most 120 characters. */
export function flowFileName(name: string): string {
  const safe = name
    // eslint-disable-next-line no-control-regex -- control characters are what we remove
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, '-')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.-]+|[\s.-]+$/g, '')
    .slice(0, 120)
    .trim();
  return `${safe || 'flow'}${FLOW_FILE_SUFFIX}`;
}

/** Starts the download of `doc` and returns the file name used. */
export function downloadFlow(doc: FlowDoc): string {
  const fileName = flowFileName(doc.name);
  downloadText(fileName, exportFlow(doc), 'application/json');
  return fileName;
}
