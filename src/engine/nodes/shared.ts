/**
 * Pieces the deterministic node kinds share: config schema building blocks (port names, name
 * lists, templates) and errors that name the node.
 * Cheap and synchronous: nothing heavy is imported here.
 */
import { z } from 'zod';
import { portNameSchema } from '../flow/schema';
import { TrellisError, type ErrorCode, type TrellisErrorOptions } from '../util/errors';
import { parseTemplate } from '../util/template';

export { portNameSchema };

/** Lets a list-level check (unique names) report alongside problems inside the items. */
export const EVEN_WITH_OTHER_ISSUES = { when: (payload: { value: unknown }) => Array.isArray(payload.value) };

/** A list of port names, unique, with a default; duplicates are reported at their index. */
export function portNameListSchema(defaults: readonly string[], min: number, what: string) {
  return z
    .array(portNameSchema)
    .min(min, min === 1 ? `needs at least one ${what}` : `needs at least ${min} ${what}s`)
    .max(50, `may have at most 50 ${what}s`)
    .superRefine((names, ctx) => {
      names.forEach((name, index) => {
        if (typeof name === 'string' && names.indexOf(name) !== index) {
          ctx.addIssue({ code: 'custom', path: [index], message: `"${name}" is listed twice; ${what} names must be unique` });
        }
      });
    }, EVEN_WITH_OTHER_ISSUES)
    .default(() => [...defaults]);
}

/** A logic-less template (see util/template.ts); syntax problems become config issues. */
export function templateSchema(maxLength: number) {
  return z
    .string({ error: 'must be text' })
    .max(maxLength, `must be at most ${maxLength} characters`)
    .superRefine((source, ctx) => {
      for (const problem of parseTemplate(source).problems) {
        ctx.addIssue({ code: 'custom', message: `${problem.message} (at character ${problem.start + 1})` });
      }
    });
}

/** An error that names the node: `Transform "Score lead": expression error at position 12: ...`. */
export function stepError(
  title: string,
  label: string,
  code: ErrorCode,
  message: string,
  options?: TrellisErrorOptions,
): TrellisError {
  return new TrellisError(code, `${title} "${label}": ${message}`, options);
}

/**
 * Re-raises an error from a port (HTTP, sandbox) with the node named in front, keeping its code,
 * retryability, status and details. Errors that are not TrellisErrors pass through unchanged
 * (the executor reports them as internal).
 */
export function withNodeName(error: unknown, title: string, label: string): unknown {
  if (!(error instanceof TrellisError)) return error;
  const prefix = `${title} "${label}"`;
  if (error.message.startsWith(prefix)) return error;
  const message = error.message.startsWith(`${title} `) ? `${prefix} ${error.message.slice(title.length + 1)}` : `${prefix}: ${error.message}`;
  return new TrellisError(error.code, message, {
    retryable: error.retryable,
    ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
    ...(error.status !== undefined ? { status: error.status } : {}),
    ...(error.details !== undefined ? { details: error.details } : {}),
    cause: error,
  });
}
