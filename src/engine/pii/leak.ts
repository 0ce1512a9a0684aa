/**
 * The leak re-scan: personal data in a step's outputs that is not in its inputs. A model that
 * writes an email address, a card number or a name it was never given has made it up or brought
 * it from elsewhere (a placeholder it guessed, a tool's result); either way a person should see it.
 *
 * A value counts as coming from the input when the input holds the same value (normalised as the
 * vault compares values: emails and names ignoring case, numbers by their digits) or the same text.
 */
import type { PiiEntity, PiiType } from './types';
import { normalizePiiValue } from './placeholders';

export interface PiiLeak {
  type: PiiType;
  /** JSON pointer of the string in the outputs ('' for a bare string), and offsets in it. */
  path: string;
  start: number;
  end: number;
  text: string;
}

export interface LeakScan {
  /** Personal data found in the outputs, by type (from the input or not). */
  found: Map<PiiType, number>;
  leaks: PiiLeak[];
}

const MAX_DEPTH = 64;
const DIGIT_TYPES = new Set<PiiType>(['phone', 'credit_card', 'ssn']);

const pointerToken = (key: string | number) => String(key).replace(/~/g, '~0').replace(/\//g, '~1');

type Visit = (text: string, path: string, key: string | undefined) => void;

/** Every string in a JSON value (long integers too: a card number may come as a number), with its JSON pointer and its member's key. */
function strings(value: unknown, visit: Visit, path = '', depth = 0, key?: string): void {
  if (typeof value === 'string') visit(value, path, key);
  else if (typeof value === 'number' && Number.isInteger(value) && Math.abs(value) >= 1e6) visit(String(value), path, key);
  else if (depth < MAX_DEPTH && Array.isArray(value)) value.forEach((item: unknown, i) => strings(item, visit, `${path}/${i}`, depth + 1));
  else if (depth < MAX_DEPTH && value !== null && typeof value === 'object') {
    for (const [name, item] of Object.entries(value)) strings(item, visit, `${path}/${pointerToken(name)}`, depth + 1, name);
  }
}

/**
 * Scans `outputs` for personal data that `inputs` does not hold (see the module comment). `detect`
 * gets each string and, for an object member's value, its key (to read as a label).
 */
export function scanForLeaks(outputs: unknown, inputs: unknown, detect: (text: string, key?: string) => PiiEntity[]): LeakScan {
  const keys = new Set<string>();
  const texts: string[] = [];
  const digits: string[] = [];
  strings(inputs, (text, _path, key) => {
    texts.push(text.toLowerCase());
    digits.push(text.replace(/\D/g, ''));
    for (const entity of detect(text, key)) keys.add(`${entity.type}\u0000${normalizePiiValue(entity.type, entity.value)}`);
  });
  const fromInput = (entity: PiiEntity): boolean => {
    const normal = normalizePiiValue(entity.type, entity.value);
    if (keys.has(`${entity.type}\u0000${normal}`)) return true;
    const lower = entity.value.toLowerCase();
    if (texts.some((text) => text.includes(lower))) return true;
    return DIGIT_TYPES.has(entity.type) && normal.length > 0 && digits.some((text) => text.includes(normal));
  };
  const found = new Map<PiiType, number>();
  const leaks: PiiLeak[] = [];
  strings(outputs, (text, path, key) => {
    for (const entity of detect(text, key)) {
      found.set(entity.type, (found.get(entity.type) ?? 0) + 1);
      if (!fromInput(entity)) leaks.push({ type: entity.type, path, start: entity.start, end: entity.end, text: entity.value });
    }
  });
  return { found, leaks };
}
