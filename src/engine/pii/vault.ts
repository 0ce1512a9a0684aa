/**
 * A run's PII vault: the reversible placeholders of one run, and the masking and re-identifying
 * of text with them.
 *
 * - Placeholders are numbered per type in order of first appearance: `<PERSON_1>`, `<EMAIL_1>`,
 *   `<EMAIL_2>`. The same value gets the same placeholder in every step of the run; values are
 *   compared normalised (emails and names ignoring case and spacing, phone, card and SSN numbers by
 *   their digits, IBANs without spaces), so `Ann@X.org` and `ann@x.org` share one. Two different
 *   values never share one. The first spelling seen is the one put back.
 * - Redacted types become `[REDACTED EMAIL]`: never stored, never put back.
 * - Masking finds values with the detector, and also every value already in the vault wherever it
 *   appears (whole words only), so a name the detector would miss in a new context (a model's own
 *   sentence quoting it) still never goes out. A text that is the value of a JSON member, a form
 *   field or a header is read with its key as a label (`"full_name": "Ann Lee"` as `Full name: Ann
 *   Lee`), the context the detector needs for names and dates of birth.
 * - Re-identification puts values back for `<PERSON_1>` and the slightly mangled forms models
 *   write: any letter case and spacing inside the brackets (`<Person_1>`, `< PERSON_1 >`,
 *   `<PERSON 1>`), other brackets (`[PERSON_1]`, `{PERSON_1}`, `{{PERSON_1}}`), HTML-escaped ones
 *   (`&lt;PERSON_1&gt;`), and the bare name in capitals (`PERSON_1`, a whole word). Not accepted:
 *   a bare name in other case (`person_1` may be a variable), other separators (`PERSON-1`), or a
 *   number the vault does not hold. Only placeholders the caller allows are put back (a step gets
 *   back only what it sent), so a model cannot fish for values by guessing placeholders.
 * - Entries are plain data ({ placeholder, type, value }) so the run record can keep them and a
 *   resumed run goes on with the same placeholders and numbering.
 */
import { mapContent } from './content';
import { countUses, keyLabel, normalizePiiValue, placeholderLabel, redactionMarker, type PiiCounts, type PiiUse } from './placeholders';
import type { PiiAction, PiiEntity, PiiType } from './types';

export interface PiiVaultEntry {
  placeholder: string;
  type: PiiType;
  value: string;
}

export interface MaskResult {
  text: string;
  counts: PiiCounts;
  uses: PiiUse[];
}

export interface MaskOptions {
  /** Leave values of 'mask' types as they are (only redact): an HTTP host the policy allows. */
  keepMasked?: boolean;
  /** The JSON key, form field or header name the text is the value of (read as a label). */
  key?: string;
}

export interface PiiVaultOptions {
  /** Finds entities in a text: sorted by start, not overlapping. */
  detect: (text: string) => PiiEntity[];
  /** What the policy says to do with a type. */
  actionOf: (type: PiiType) => PiiAction;
  /** Entries of a run resumed from its record. */
  entries?: readonly PiiVaultEntry[];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Shorter known values are not searched for outside the detector (too many false hits). */
const MIN_KNOWN_LENGTH = 3;

interface Span {
  start: number;
  end: number;
  type: PiiType;
  value: string;
}

export class PiiVault {
  private readonly list: PiiVaultEntry[] = [];
  private readonly byKey = new Map<string, PiiVaultEntry>();
  private readonly byPlaceholder = new Map<string, PiiVaultEntry>();
  private readonly lastNumber = new Map<string, number>();
  private readonly redactedIds = new Map<string, string>();
  private readonly detect: PiiVaultOptions['detect'];
  private readonly actionOf: PiiVaultOptions['actionOf'];
  private revisionCount = 0;
  private knownCache: { revision: number; regex: RegExp | null; byValue: Map<string, PiiVaultEntry> } | null = null;
  private placeholderCache: { revision: number; regex: RegExp | null } | null = null;

  constructor(options: PiiVaultOptions) {
    this.detect = options.detect;
    this.actionOf = options.actionOf;
    for (const entry of options.entries ?? []) this.restore(entry);
  }

  /** Grows by one each time an entry is added (the run record is saved when it moved). */
  get revision(): number {
    return this.revisionCount;
  }

  get size(): number {
    return this.list.length;
  }

  /** A copy of the entries, in order of first appearance. */
  entries(): PiiVaultEntry[] {
    return this.list.map((entry) => ({ ...entry }));
  }

  private restore(entry: PiiVaultEntry): void {
    const match = /^<([A-Z0-9_]+)_(\d+)>$/.exec(entry.placeholder);
    if (!match || this.byPlaceholder.has(entry.placeholder)) return;
    const key = `${entry.type}\u0000${normalizePiiValue(entry.type, entry.value)}`;
    if (this.byKey.has(key)) return;
    const stored = { ...entry };
    this.list.push(stored);
    this.byKey.set(key, stored);
    this.byPlaceholder.set(stored.placeholder, stored);
    const label = match[1] as string;
    this.lastNumber.set(label, Math.max(this.lastNumber.get(label) ?? 0, Number(match[2])));
    this.revisionCount++;
  }

  /** The placeholder of a value, added to the vault on first sight. */
  placeholderFor(type: PiiType, value: string): string {
    const key = `${type}\u0000${normalizePiiValue(type, value)}`;
    const known = this.byKey.get(key);
    if (known) return known.placeholder;
    const label = placeholderLabel(type);
    const number = (this.lastNumber.get(label) ?? 0) + 1;
    this.lastNumber.set(label, number);
    const entry: PiiVaultEntry = { placeholder: `<${label}_${number}>`, type, value };
    this.list.push(entry);
    this.byKey.set(key, entry);
    this.byPlaceholder.set(entry.placeholder, entry);
    this.revisionCount++;
    return entry.placeholder;
  }

  private redactedId(type: PiiType, value: string): string {
    const key = `${type}\u0000${normalizePiiValue(type, value)}`;
    let id = this.redactedIds.get(key);
    if (id === undefined) {
      id = `r${this.redactedIds.size + 1}`;
      this.redactedIds.set(key, id);
    }
    return id;
  }

  /** Masks plain text: detected values and known ones become placeholders, redacted types markers. */
  mask(text: string, options: MaskOptions = {}): MaskResult {
    const uses: PiiUse[] = [];
    return { text: this.maskText(text, uses, options), counts: countUses(uses), uses };
  }

  /** Masks content that may be JSON (see content.ts): inside its strings, and numbers that hold a value. */
  maskContent(content: string, options: MaskOptions = {}): MaskResult {
    const uses: PiiUse[] = [];
    const text = mapContent(content, (part, key) => this.maskText(part, uses, key === undefined ? options : { ...options, key }), { numbers: true });
    return { text, counts: countUses(uses), uses };
  }

  /** Puts values back for placeholders (and their mangled forms); `allowed`: only these placeholders. */
  reidentify(text: string, allowed?: ReadonlySet<string>): string {
    const regex = this.placeholderRegex();
    if (!regex || !text) return text;
    return text.replace(regex, (match: string, open?: string, label1?: string, number1?: string, _close?: string, label2?: string, number2?: string) => {
      const bare = open === undefined;
      const label = bare ? label2 : label1;
      const number = bare ? number2 : number1;
      if (label === undefined || number === undefined) return match;
      if (bare && label !== label.toUpperCase()) return match;
      const placeholder = `<${label.toUpperCase()}_${number}>`;
      const entry = this.byPlaceholder.get(placeholder);
      if (!entry || (allowed && !allowed.has(placeholder))) return match;
      return entry.value;
    });
  }

  /** `reidentify` inside the strings of JSON content (values cannot break it), else on the text. */
  reidentifyContent(content: string, allowed?: ReadonlySet<string>): string {
    if (this.list.length === 0) return content;
    return mapContent(content, (part) => this.reidentify(part, allowed));
  }

  /**
   * What masking `text` would replace, without changing anything: the detected values the policy
   * masks or redacts, and known masked values (see the module comment). Sorted, not overlapping.
   */
  scan(text: string, options: MaskOptions = {}): Array<{ start: number; end: number; type: PiiType; action: 'mask' | 'redact' }> {
    return this.spansOf(text, options).map(({ start, end, type }) => ({ start, end, type, action: this.actionOf(type) === 'redact' ? 'redact' : 'mask' }));
  }

  private spansOf(text: string, options: MaskOptions): Span[] {
    if (!text) return [];
    const spans: Span[] = [];
    for (const entity of this.detectIn(text, options.key)) {
      const action = this.actionOf(entity.type);
      if (action === 'allow' || (action === 'mask' && options.keepMasked)) continue;
      spans.push({ start: entity.start, end: entity.end, type: entity.type, value: text.slice(entity.start, entity.end) });
    }
    if (!options.keepMasked) this.addKnown(text, spans);
    spans.sort((a, b) => a.start - b.start);
    return spans;
  }

  /** Detects in `text`, read after its key as a label when it has one. */
  private detectIn(text: string, key: string | undefined): PiiEntity[] {
    const label = key === undefined ? '' : keyLabel(key);
    if (!label) return this.detect(text);
    const prefix = `${label}: `;
    const found: PiiEntity[] = [];
    for (const entity of this.detect(prefix + text)) {
      if (entity.start < prefix.length) continue;
      found.push({ ...entity, start: entity.start - prefix.length, end: entity.end - prefix.length });
    }
    return found;
  }

  private maskText(text: string, uses: PiiUse[], options: MaskOptions): string {
    const spans = this.spansOf(text, options);
    if (spans.length === 0) return text;
    let out = '';
    let last = 0;
    for (const span of spans) {
      out += text.slice(last, span.start);
      if (this.actionOf(span.type) === 'redact') {
        out += redactionMarker(span.type);
        uses.push({ type: span.type, action: 'redact', key: this.redactedId(span.type, span.value) });
      } else {
        const placeholder = this.placeholderFor(span.type, span.value);
        out += placeholder;
        uses.push({ type: span.type, action: 'mask', key: placeholder });
      }
      last = span.end;
    }
    return out + text.slice(last);
  }

  /** Adds the places where a masked value already in the vault appears and no detection covers. */
  private addKnown(text: string, spans: Span[]): void {
    const known = this.knownValues();
    if (!known.regex) return;
    const detected = [...spans];
    for (const match of text.matchAll(known.regex)) {
      const start = match.index;
      const end = start + match[0].length;
      if (detected.some((span) => span.start < end && start < span.end)) continue;
      const entry = known.byValue.get(match[0].toLowerCase());
      if (entry && this.actionOf(entry.type) === 'mask') spans.push({ start, end, type: entry.type, value: match[0] });
    }
  }

  private knownValues(): { regex: RegExp | null; byValue: Map<string, PiiVaultEntry> } {
    if (this.knownCache?.revision === this.revisionCount) return this.knownCache;
    const byValue = new Map<string, PiiVaultEntry>();
    for (const entry of this.list) {
      const value = entry.value.trim();
      if (value.length >= MIN_KNOWN_LENGTH && !byValue.has(value.toLowerCase())) byValue.set(value.toLowerCase(), entry);
    }
    const values = [...byValue.values()].map((entry) => entry.value.trim()).sort((a, b) => b.length - a.length);
    const regex = values.length > 0 ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${values.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'giu') : null;
    this.knownCache = { revision: this.revisionCount, regex, byValue };
    return this.knownCache;
  }

  private placeholderRegex(): RegExp | null {
    if (this.placeholderCache?.revision === this.revisionCount) return this.placeholderCache.regex;
    const labels = [...new Set(this.list.map((entry) => /^<([A-Z0-9_]+)_\d+>$/.exec(entry.placeholder)?.[1] ?? ''))]
      .filter((label) => label !== '')
      .sort((a, b) => b.length - a.length)
      .join('|');
    const open = '(<\\s*|&lt;\\s*|\\[\\s*|\\{\\{?\\s*)';
    const close = '(\\s*>|\\s*&gt;|\\s*\\]|\\s*\\}\\}?)';
    const regex = labels ? new RegExp(`${open}(${labels})[_ ](\\d+)${close}|(?<![\\w<[{])(${labels})_(\\d+)(?!\\w)`, 'gi') : null;
    this.placeholderCache = { revision: this.revisionCount, regex };
    return regex;
  }
}
