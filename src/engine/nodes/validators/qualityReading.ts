/**
 * Reading a quality service's JSON reply: the score at a path (a finite number, nothing else),
 * an optional label at another, and the `checks` list some services (the demo one) send along.
 */
import { isPlainObject } from '../../util/json';
import { lookupPath } from '../../util/template';
import type { VerdictFinding } from '../../validation/verdict';

function describe(found: unknown): string {
  if (found === null) return 'null';
  if (typeof found === 'string') return `the text "${found.length > 40 ? `${found.slice(0, 40)}...` : found}"`;
  if (typeof found === 'number') return `${found}`;
  if (typeof found === 'boolean') return `${found}`;
  if (Array.isArray(found)) return `a list of ${found.length}`;
  return 'an object';
}

/** The number at `segments`, or what is there instead, in words. */
export function readScore(json: unknown, segments: string[], path: string, target: string): { score: number } | { problem: string } {
  const found = lookupPath(json, segments);
  if (typeof found === 'number' && Number.isFinite(found)) return { score: found };
  let there: string;
  if (found !== undefined) there = `it holds ${describe(found)}`;
  else if (isPlainObject(json)) {
    const keys = Object.keys(json);
    there = keys.length > 0 ? `nothing is there (the response has ${keys.slice(0, 8).join(', ')}${keys.length > 8 ? ', ...' : ''})` : 'the response is an empty object';
  } else there = `the response is ${describe(json)}`;
  return { problem: `no number at "${path}" in the response from ${target}: ${there}` };
}

/** A label at `segments` when it is text, a number or true/false; null otherwise. */
export function readLabel(json: unknown, segments: string[]): string | null {
  const found = lookupPath(json, segments);
  if (typeof found === 'string' && found.trim() !== '') return found.length > 80 ? `${found.slice(0, 80)}...` : found;
  if (typeof found === 'number' || typeof found === 'boolean') return String(found);
  return null;
}

/** `checks: [{ name?, pass, message }]` at the reply's top level, as findings (at most 50). */
export function responseChecks(json: unknown): VerdictFinding[] {
  if (!isPlainObject(json) || !Array.isArray(json.checks)) return [];
  const findings: VerdictFinding[] = [];
  for (const check of json.checks.slice(0, 50)) {
    if (!isPlainObject(check) || typeof check.pass !== 'boolean' || typeof check.message !== 'string') continue;
    const name = typeof check.name === 'string' && check.name ? `${check.name}: ` : '';
    findings.push({ message: `${name}${check.message}`, severity: check.pass ? 'info' : 'fail', source: 'quality service' });
  }
  return findings;
}
