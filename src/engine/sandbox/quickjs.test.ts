import { describe, expect, it } from 'vitest';
import { TrellisError } from '../util/errors';
import type { SandboxRequest } from '../run/ports';
import { createQuickJsSandbox } from './quickjs';

const sandbox = createQuickJsSandbox();
const MB = 1024 * 1024;

function run(code: string, overrides: Partial<SandboxRequest> = {}) {
  return sandbox.run({ code, entry: 'main', args: [{}], timeoutMs: 1000, memoryBytes: 32 * MB, ...overrides });
}

async function failure(promise: Promise<unknown>): Promise<TrellisError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the sandbox to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TrellisError);
  return error as TrellisError;
}

describe('QuickJS sandbox', () => {
  it('passes arguments as JSON and returns the JSON value main() returned', async () => {
    const result = await run('function main(inputs) { return { sum: inputs.a + inputs.b, tags: ["x", inputs.name], nothing: null }; }', {
      args: [{ a: 2, b: 40, name: 'lead' }],
    });
    expect(result.value).toEqual({ sum: 42, tags: ['x', 'lead'], nothing: null });
  });

  it('accepts main as a const arrow function and awaits a returned promise', async () => {
    expect((await run('const main = (i) => i.n * 2;', { args: [{ n: 21 }] })).value).toBe(42);
    const result = await run('async function main() { const v = await Promise.resolve(5); return v + 1; }');
    expect(result.value).toBe(6);
  });

  it('captures console output as log lines', async () => {
    const result = await run(`function main() {
      console.log('hello', 1, { a: [1, 2] });
      console.warn('careful');
      console.error(new TypeError('boom'));
      return true;
    }`);
    expect(result.logs).toEqual(['hello 1 {"a":[1,2]}', 'warn: careful', 'error: TypeError: boom']);
  });

  it('stops an infinite loop at the time limit, even inside try/catch', async () => {
    const error = await failure(run('function main() { while (true) {} }', { timeoutMs: 150 }));
    expect(error.code).toBe('sandbox_timeout');
    expect(error.message).toBe('Code ran longer than its 150 ms limit');
    const caught = await failure(run('function main() { for (;;) { try { while (true) {} } catch (e) {} } }', { timeoutMs: 150 }));
    expect(caught.code).toBe('sandbox_timeout');
  });

  it('stops a memory bomb of many small allocations at the memory limit', async () => {
    const error = await failure(
      run('function main() { const keep = []; while (true) keep.push({ n: keep.length, s: "item " + keep.length }); }', {
        memoryBytes: 8 * MB,
        timeoutMs: 30_000,
      }),
    );
    expect(error.code).toBe('sandbox_memory');
    expect(error.message).toBe('Code ran out of memory (limit 8 MB)');
  });

  it('stops large string and array allocations at the memory limit', async () => {
    const strings = await failure(
      run('function main() { const keep = []; while (true) keep.push("x".repeat(100000) + keep.length); }', { memoryBytes: 16 * MB, timeoutMs: 30_000 }),
    );
    expect(strings.code).toBe('sandbox_memory');
    const arrays = await failure(run('function main() { const keep = []; while (true) keep.push(new Array(100000).fill(1)); }', { memoryBytes: 16 * MB, timeoutMs: 30_000 }));
    expect(arrays.code).toBe('sandbox_memory');
    const single = await failure(run('function main() { return "x".repeat(200 * 1024 * 1024).length; }', { memoryBytes: 16 * MB }));
    expect(single.code).toBe('sandbox_memory');
  });

  it('reports a thrown error with its message and line', async () => {
    const error = await failure(run('function main(inputs) {\n  const a = 1;\n  throw new RangeError("score out of range: " + a);\n}'));
    expect(error.code).toBe('code_error');
    expect(error.message).toBe('Code threw RangeError: score out of range: 1 (line 3)');
    const typeError = await failure(run('function main(inputs) {\n  return inputs.lead.name;\n}'));
    expect(typeError.message).toMatch(/^Code threw TypeError: .*\(line 2\)$/);
    const thrownString = await failure(run('function main() { throw "plain text"; }'));
    expect(thrownString.message).toBe('Code threw plain text');
  });

  it('reports syntax errors, a missing main and a rejected promise', async () => {
    const syntax = await failure(run('function main() {\n  return 1 +;\n}'));
    expect(syntax.code).toBe('code_error');
    expect(syntax.message).toMatch(/^Code has a syntax error: .* \(line 2\)$/);
    const missing = await failure(run('function helper() { return 1; }'));
    expect(missing.message).toBe('Code does not define a function named "main"; write `function main(inputs) { ... }`');
    const rejected = await failure(run('async function main() { throw new Error("nope"); }'));
    expect(rejected.message).toMatch(/^Code threw Error: nope/);
    const pending = await failure(run('function main() { return new Promise(() => {}); }'));
    expect(pending.message).toContain('never settled');
  });

  it('rejects results that are not JSON, naming where', async () => {
    const cases: Array<[string, string]> = [
      ['return undefined;', 'Code returned undefined from main(); return a JSON value (use null for nothing)'],
      ['return { items: [1, () => 2] };', 'Code returned a value from main() that is not JSON: result.items[1] is a function'],
      ['return { score: 0 / 0 };', 'Code returned a value from main() that is not JSON: result.score is NaN, which JSON cannot hold'],
      ['return { when: new Date(0) };', 'Code returned a value from main() that is not JSON: result.when is a Date; return date.toISOString() instead'],
      ['return new Map();', 'Code returned a value from main() that is not JSON: result is a Map, not plain data'],
      ['const a = {}; a.self = a; return a;', 'Code returned a value from main() that is not JSON: result.self refers back to itself (a circular reference)'],
    ];
    for (const [body, message] of cases) {
      const error = await failure(run(`function main() { ${body} }`));
      expect(error.code).toBe('code_error');
      expect(error.message).toBe(message);
    }
  });

  it('exposes nothing but plain JavaScript: no fetch, timers, process, require or modules', async () => {
    const result = await run(`async function main() {
      let imported = 'loaded';
      try { await import('fs'); } catch (e) { imported = 'refused'; }
      return {
        fetch: typeof fetch, xhr: typeof XMLHttpRequest, process: typeof globalThis.process, require: typeof require,
        setTimeout: typeof setTimeout, std: typeof std, os: typeof os, window: typeof window, document: typeof document,
        localStorage: typeof localStorage, indexedDB: typeof indexedDB, imported,
      };
    }`);
    expect(result.value).toEqual({
      fetch: 'undefined', xhr: 'undefined', process: 'undefined', require: 'undefined', setTimeout: 'undefined', std: 'undefined',
      os: 'undefined', window: 'undefined', document: 'undefined', localStorage: 'undefined', indexedDB: 'undefined', imported: 'refused',
    });
  });

  it('keeps nothing between runs and recovers after failures', async () => {
    await run('globalThis.leak = 1; function main() { return 1; }');
    expect((await run('function main() { return typeof leak; }')).value).toBe('undefined');
    await failure(run('function main() { const k = []; while (true) k.push([k.length]); }', { memoryBytes: 4 * MB, timeoutMs: 30_000 }));
    const deep = await failure(run('function f(n) { return f(n + 1) + 1; } function main() { return f(0); }'));
    expect(deep.code).toBe('code_error');
    expect(deep.message).toContain('recursion too deep');
    expect((await run('function main(i) { return i.ok; }', { args: [{ ok: 'still working' }] })).value).toBe('still working');
  });

  it('keeps the console lines printed before a failure in the error details', async () => {
    const error = await failure(run('function main() { console.log("step 1"); throw new Error("step 2 failed"); }'));
    expect(error.details).toMatchObject({ logs: ['step 1'] });
  });

  it('does not start when the run is already cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await failure(run('function main() { return 1; }', { signal: controller.signal }));
    expect(error.code).toBe('cancelled');
  });
});

describe('QuickJS sandbox limits at the edges', () => {
  it('runs small programs under the smallest memory limit', async () => {
    const result = await run('function main(i) { return i.items.map((n) => n * 2); }', { args: [{ items: [1, 2, 3] }], memoryBytes: 1 * MB });
    expect(result.value).toEqual([2, 4, 6]);
  });

  it('refuses inputs larger than the memory limit', async () => {
    const error = await failure(run('function main(i) { return i.text.length; }', { args: [{ text: 'x'.repeat(3 * MB) }], memoryBytes: 1 * MB }));
    expect(error.code).toBe('sandbox_memory');
  });
});
