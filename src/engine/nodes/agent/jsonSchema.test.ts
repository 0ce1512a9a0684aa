import { describe, expect, it } from 'vitest';
import { TrellisError } from '../../util/errors';
import { compileSchema, isStrictCompatible, parseJsonReply } from './jsonSchema';

describe('agent JSON Schema checks', () => {
  it('validates with readable errors that name the path', async () => {
    const validate = await compileSchema(
      {
        type: 'object',
        properties: { score: { type: 'number', maximum: 10 }, email: { type: 'string', format: 'email' }, tier: { enum: ['a', 'b'] } },
        required: ['score'],
        additionalProperties: false,
      },
      'test schema',
    );
    expect(validate({ score: 7 })).toEqual({ valid: true, errors: [] });
    expect(validate({ score: 11, email: 'nope', tier: 'c', extra: 1 }).errors).toEqual([
      '/score: must be <= 10 (got 11)',
      '/email: must be a valid email',
      '/tier: must be one of ["a","b"]',
      '/extra: is not allowed here',
    ]);
    expect(validate({}).errors).toEqual(['/score: is required']);
  });

  it('supports draft-07 schemas and schemas sharing an $id', async () => {
    const draft07 = await compileSchema({ $schema: 'http://json-schema.org/draft-07/schema#', type: 'string' }, 'a');
    expect(draft07('x').valid).toBe(true);
    const one = await compileSchema({ $id: 'https://example.com/s', type: 'string' }, 'b');
    const two = await compileSchema({ $id: 'https://example.com/s', type: 'number' }, 'c');
    expect([one('x').valid, two(1).valid, two('x').valid]).toEqual([true, true, false]);
  });

  it('raises a config error naming the schema when it does not compile', async () => {
    const error = await compileSchema({ type: 'no-such-type' }, 'Agent "Scorer": the output schema').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrellisError);
    expect(error).toMatchObject({ code: 'config', message: expect.stringContaining('Agent "Scorer": the output schema: the JSON Schema is invalid') });
  });

  it('parses JSON replies, tolerating one code fence', () => {
    expect(parseJsonReply(' {"a":1} ')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseJsonReply('```json\n{"a":1}\n```')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseJsonReply('Sure! {"a":1}')).toMatchObject({ ok: false, error: expect.stringContaining('not valid JSON') });
    expect(parseJsonReply('')).toEqual({ ok: false, error: 'the reply was empty' });
  });

  it('asks for strict mode only for schemas that fit it', () => {
    const strict = { type: 'object', properties: { a: { type: 'array', items: { type: 'object', properties: { b: { type: 'string' } }, required: ['b'], additionalProperties: false } } }, required: ['a'], additionalProperties: false };
    expect(isStrictCompatible(strict)).toBe(true);
    expect(isStrictCompatible({ ...strict, required: [] })).toBe(false);
    expect(isStrictCompatible({ type: 'object', properties: { a: { type: 'object', properties: {} } }, required: ['a'], additionalProperties: false })).toBe(false);
    expect(isStrictCompatible({ type: 'string' })).toBe(true);
  });
});
