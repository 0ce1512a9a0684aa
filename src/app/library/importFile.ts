/**
 * Reads a flow file the person picked or dropped: size and kind checks before reading, then
 * importFlow (every problem with its JSON path). Nothing is stored here; the caller decides.
 */
import { importFlow, type ImportResult } from '../../engine/flow/import';
import { MAX_IMPORT_CHARS } from '../../engine/flow/jsonText';

/** Largest file read at all (importFlow's limit is in characters; UTF-8 text is at least one byte each). */
export const MAX_IMPORT_BYTES = MAX_IMPORT_CHARS;

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Looks like a flow file by its name or type (other files are still read; this only shapes the message). */
export function looksLikeJsonFile(file: Pick<File, 'name' | 'type'>): boolean {
  return /\.json$/i.test(file.name) || file.type === 'application/json';
}

export async function readFlowFile(file: File): Promise<ImportResult> {
  if (file.size > MAX_IMPORT_BYTES) {
    return {
      ok: false,
      problems: [{ path: '$', message: `the file is ${formatBytes(file.size)}; a flow file can be at most ${formatBytes(MAX_IMPORT_BYTES)}` }],
    };
  }
  let text: string;
  try {
    text = await file.text();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [{ path: '$', message: `the file could not be read: ${reason}` }] };
  }
  if (text.slice(0, 4096).includes('\u0000')) {
    return {
      ok: false,
      problems: [{ path: '$', message: 'this is not a text file (it looks like binary data, such as an image or an archive); a flow file is JSON text exported from Trellis' }],
    };
  }
  return importFlow(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
}
