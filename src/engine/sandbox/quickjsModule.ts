/**
 * Loads the QuickJS WASM module (release-sync variant) on first use and caps its memory.
 *
 * QuickJS's own memory limit only bounds single allocations in this build: emscripten reports
 * no usable block sizes, so many small allocations never add up (quickjs-emscripten issues #255,
 * #271). The real bound is therefore put on the WASM heap itself: the module's Memory gets a
 * `grow` that refuses to grow past the cap set for the run in progress, so malloc fails inside
 * QuickJS and the code gets an ordinary "out of memory" error instead of eating the tab.
 * Memory still free in the heap when a run starts is not counted, so a run may use up to its
 * limit plus that slack (at most the module's initial 16 MB heap).
 */
import type * as QuickJsCore from 'quickjs-emscripten-core';
import type { QuickJSWASMModule } from 'quickjs-emscripten-core';
import type ReleaseSyncVariant from '@jitl/quickjs-wasmfile-release-sync';

export interface SandboxModule {
  qjs: QuickJSWASMModule;
  /** Current size of the WASM heap, in bytes. */
  heapBytes(): number;
  /** Caps heap growth to `bytes` above its size now; call `release` when the run ends. */
  capGrowth(bytes: number): void;
  release(): void;
  /** True when the cap refused to grow the heap since the last capGrowth. */
  readonly refused: boolean;
  /** Heap size when the module was created. */
  readonly initialBytes: number;
}

/** The core library and the one WASM variant used (release, synchronous), loaded on first use. */
type QuickJsLib = {
  core: typeof QuickJsCore;
  variant: typeof ReleaseSyncVariant;
};

let libPromise: Promise<QuickJsLib> | undefined;
let current: Promise<SandboxModule> | undefined;
let resolved: SandboxModule | undefined;

function loadLib(): Promise<QuickJsLib> {
  libPromise ??= Promise.all([import('quickjs-emscripten-core'), import('@jitl/quickjs-wasmfile-release-sync')])
    .then(([core, variant]) => ({ core, variant: variant.default }))
    .catch((error: unknown) => {
    libPromise = undefined;
    throw error;
  });
  return libPromise;
}

const PAGE_BYTES = 65536;

async function createModule(): Promise<SandboxModule> {
  const lib = await loadLib();
  const qjs = await lib.core.newQuickJSWASMModuleFromVariant(lib.variant);
  const memory = qjs.getWasmMemory();
  const grow = memory.grow.bind(memory);
  let cap = Number.POSITIVE_INFINITY;
  let refused = false;
  // The emscripten glue calls `memory.grow(pages)` inside try/catch and treats a throw as "no memory".
  Object.defineProperty(memory, 'grow', {
    configurable: true,
    value: (pages: number) => {
      if (memory.buffer.byteLength + pages * PAGE_BYTES > cap) {
        refused = true;
        throw new RangeError('sandbox memory limit reached');
      }
      return grow(pages);
    },
  });
  const initialBytes = memory.buffer.byteLength;
  return {
    qjs,
    heapBytes: () => memory.buffer.byteLength,
    capGrowth(bytes) {
      cap = memory.buffer.byteLength + bytes;
      refused = false;
    },
    release() {
      cap = Number.POSITIVE_INFINITY;
    },
    get refused() {
      return refused;
    },
    initialBytes,
  };
}

/** The shared module; a fresh one is made after `discardModule`. */
export async function acquireModule(): Promise<SandboxModule> {
  if (!current) {
    const pending = createModule();
    current = pending;
    pending.then(
      (module) => {
        if (current === pending) resolved = module;
      },
      () => {
        if (current === pending) current = undefined;
      },
    );
  }
  return current;
}

/**
 * Drops the shared module, so the next run starts on a fresh heap: after a run grew the heap
 * (which WASM never gives back) or left the module in doubt.
 */
export function discardModule(module: SandboxModule): void {
  if (resolved === module) {
    current = undefined;
    resolved = undefined;
  }
}
