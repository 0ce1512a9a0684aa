/**
 * The Code sandbox: user JavaScript runs in QuickJS compiled to WASM, in a fresh runtime and
 * context per call, disposed after. The code sees plain JavaScript and a console whose lines are
 * captured, nothing else: no fetch, timers, modules, page, storage or keys. Arguments go in as
 * JSON and the entry function's return value (awaited when it is a promise) comes out as JSON.
 *
 * Limits: a deadline and the caller's AbortSignal through QuickJS's interrupt handler, a stack
 * cap, and a memory cap on the WASM heap (see quickjsModule.ts). The interrupt handler runs
 * every few thousand operations, so a loop that spends long in one native call (a huge
 * `repeat`) can overrun the deadline; it runs on the caller's thread, so the app should host
 * the sandbox in a worker it can terminate (the page stays responsive, and the kill is hard).
 *
 * Error messages start with "Code ": the Code node puts its label after that word.
 */
import type { QuickJSContext, QuickJSHandle, QuickJSRuntime } from 'quickjs-emscripten-core';
import type { CodeSandbox, SandboxRequest, SandboxResult } from '../run/ports';
import { TrellisError } from '../util/errors';
import { acquireModule, discardModule } from './quickjsModule';
import { PRELUDE, describeThrown, formatLogLine } from './quickjsSupport';

/** QuickJS's own stack cap. The WASM frames run on the host's stack, so this stays well below it. */
const MAX_STACK_BYTES = 128 * 1024;
const MAX_LOG_LINES = 1000;
const MAX_LOG_CHARS = 1_000_000;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

type Interrupt = 'timeout' | 'cancelled' | null;

export function createQuickJsSandbox(): CodeSandbox {
  return { run: runInSandbox };
}

async function runInSandbox(request: SandboxRequest): Promise<SandboxResult> {
  const { code, entry, args, timeoutMs, memoryBytes, signal } = request;
  if (!IDENTIFIER.test(entry)) throw new TrellisError('config', `Code entry "${entry}" is not a function name`);
  let argsJson: string;
  try {
    argsJson = JSON.stringify(args) ?? '[]';
  } catch (error) {
    throw new TrellisError('input', `Code inputs cannot be passed as JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (signal?.aborted) throw new TrellisError('cancelled', 'Code was cancelled before it started');
  const module = await acquireModule();
  if (signal?.aborted) throw new TrellisError('cancelled', 'Code was cancelled before it started');

  const logs: string[] = [];
  let logChars = 0;
  let logsFull = false;
  const limitMb = Math.round((memoryBytes / (1024 * 1024)) * 10) / 10;
  let interrupt: Interrupt = null;
  let hostFailure = false;
  let runtime: QuickJSRuntime | undefined;
  const handles: QuickJSHandle[] = [];
  let vm: QuickJSContext | undefined;

  const fail = (error: unknown, thrown?: QuickJSHandle): TrellisError => {
    if (module.refused || /out of memory/i.test(describeOrEmpty(vm, thrown))) {
      return new TrellisError('sandbox_memory', `Code ran out of memory (limit ${limitMb} MB)`, { details: { limitBytes: memoryBytes } });
    }
    if (interrupt === 'timeout') return new TrellisError('sandbox_timeout', `Code ran longer than its ${timeoutMs} ms limit`, { details: { limitMs: timeoutMs } });
    if (interrupt === 'cancelled') return new TrellisError('cancelled', 'Code was cancelled');
    if (error instanceof TrellisError) return error;
    if (thrown && vm) {
      const { name, message, line } = describeThrown(vm, thrown);
      if (name === 'InternalError' && /stack overflow/i.test(message)) {
        return new TrellisError('code_error', `Code overflowed its stack (recursion too deep)${line ? ` at line ${line}` : ''}`);
      }
      const what = name === 'SyntaxError' ? `has a syntax error: ${message}` : `threw ${name ? `${name}: ` : ''}${message}`;
      return new TrellisError('code_error', `Code ${what}${line ? ` (line ${line})` : ''}`, { details: { name, line } });
    }
    hostFailure = true;
    if (error instanceof RangeError && /call stack/i.test(error.message)) {
      return new TrellisError('code_error', 'Code overflowed its stack (recursion too deep)');
    }
    return new TrellisError('internal', `Code sandbox failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  };

  try {
    module.capGrowth(memoryBytes);
    runtime = module.qjs.newRuntime();
    const rt = runtime;
    vm = rt.newContext();
    const ctx = vm;
    rt.setMemoryLimit(memoryBytes);
    rt.setMaxStackSize(MAX_STACK_BYTES);
    const deadline = Date.now() + timeoutMs;
    rt.setInterruptHandler(() => {
      if (signal?.aborted) interrupt = 'cancelled';
      else if (Date.now() > deadline) interrupt = 'timeout';
      return interrupt !== null;
    });
    const own = (handle: QuickJSHandle): QuickJSHandle => {
      handles.push(handle);
      return handle;
    };
    const unwrap = (result: ReturnType<QuickJSContext['evalCode']>): QuickJSHandle => {
      if (result.error) throw fail(undefined, own(result.error));
      return own(result.value);
    };

    // The prelude installs console (lines come to the host as text) and the call/encode helpers.
    const hostLog = own(
      ctx.newFunction('hostLog', (levelHandle, textHandle) => {
        if (logsFull) return;
        if (logs.length >= MAX_LOG_LINES || logChars >= MAX_LOG_CHARS) {
          logs.push(`(more than ${MAX_LOG_LINES} console lines or ${MAX_LOG_CHARS} characters; the rest were dropped)`);
          logsFull = true;
          return;
        }
        const line = formatLogLine(ctx.getString(levelHandle), ctx.getString(textHandle));
        logChars += line.length;
        logs.push(line);
      }),
    );
    const prelude = unwrap(ctx.evalCode(PRELUDE, 'trellis-prelude.js', { type: 'global', strict: true }));
    const helpers = unwrap(ctx.callFunction(prelude, ctx.undefined, hostLog));
    const helper = (name: string) => own(ctx.getProp(helpers, name));
    const call = helper('call');
    const encode = helper('encode');

    unwrap(ctx.evalCode(code, 'code.js', { type: 'global' }));
    const fn = unwrap(ctx.evalCode(`typeof ${entry} === 'function' ? ${entry} : undefined`, 'trellis-entry.js', { type: 'global' }));
    if (ctx.typeof(fn) !== 'function') {
      throw new TrellisError('code_error', `Code does not define a function named "${entry}"; write \`function ${entry}(inputs) { ... }\``);
    }
    let value = unwrap(ctx.callFunction(call, ctx.undefined, fn, own(ctx.newString(argsJson))));

    if (ctx.typeof(value) === 'object') {
      const state = ctx.getPromiseState(value);
      // A pending probe holds no handle; a settled one hands out the result, read again below.
      if (state.type === 'fulfilled' && !state.notAPromise) state.value.dispose();
      if (state.type === 'rejected') state.error.dispose();
      if (!(state.type === 'fulfilled' && state.notAPromise)) {
        const jobs = rt.executePendingJobs();
        if (jobs.error) throw fail(undefined, own(jobs.error));
        const settled = ctx.getPromiseState(value);
        if (settled.type === 'pending') {
          throw new TrellisError('code_error', `Code returned a promise from ${entry}() that never settled (the sandbox has no timers or network)`);
        }
        if (settled.type === 'rejected') throw fail(undefined, own(settled.error));
        value = own(settled.value);
      }
    }

    const encoded = ctx.getString(unwrap(ctx.callFunction(encode, ctx.undefined, value)));
    const parsed = JSON.parse(encoded) as { value?: unknown; problem?: string };
    if (parsed.problem === 'result is undefined') {
      throw new TrellisError('code_error', `Code returned undefined from ${entry}(); return a JSON value (use null for nothing)`);
    }
    if (parsed.problem !== undefined) {
      throw new TrellisError('code_error', `Code returned a value from ${entry}() that is not JSON: ${parsed.problem}`);
    }
    return { value: parsed.value, logs };
  } catch (error) {
    const failure = fail(error);
    if (logs.length === 0) throw failure;
    // The lines printed before the failure help find it; the Code node moves them to the step log.
    throw new TrellisError(failure.code, failure.message, {
      retryable: failure.retryable,
      details: { ...(typeof failure.details === 'object' && failure.details !== null ? failure.details : {}), logs },
      cause: failure.cause ?? failure,
    });
  } finally {
    module.release();
    try {
      for (const handle of handles.reverse()) if (handle.alive) handle.dispose();
      vm?.dispose();
      runtime?.dispose();
    } catch {
      hostFailure = true;
    }
    // A heap that grew never shrinks; a module that failed on the host side is in doubt.
    if (hostFailure || module.heapBytes() > module.initialBytes) discardModule(module);
  }
}

function describeOrEmpty(vm: QuickJSContext | undefined, thrown: QuickJSHandle | undefined): string {
  if (!vm || !thrown) return '';
  try {
    return describeThrown(vm, thrown).message;
  } catch {
    return '';
  }
}
