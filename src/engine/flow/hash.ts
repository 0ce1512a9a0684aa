/**
 * The content hash that identifies an immutable flow version (runs point to it): hex SHA-256 of
 * the canonical export. Name and description are part of it; layout moves below 0.1 px are not
 * (positions are rounded in the export).
 */
import { exportFlow } from './canonical';
import type { ProjectOptions } from './project';
import type { FlowDoc } from './schema';

export async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function flowVersionHash(flow: FlowDoc, options: Pick<ProjectOptions, 'resolveKind'> = {}): Promise<string> {
  return sha256Hex(exportFlow(flow, options));
}
