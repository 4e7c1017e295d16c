/**
 * Compiling an embedded WebAssembly module once per thread and making instances of it, or undefined
 * where the runtime lacks WebAssembly or the SIMD the project's modules use (callers then run their
 * JavaScript path). Each module's bytes are the .wat beside it, compiled by scripts/wasm.ts.
 */

/** The few WebAssembly calls used here (the project's TypeScript libs do not declare them). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}

export interface WasmMemory {
  buffer: ArrayBuffer;
  grow(pages: number): number;
}

/** A function making new instances (each with its own memory) of the module in `base64`. */
export function embeddedModule<Exports>(base64: string): () => Exports | undefined {
  let compiled: object | null | undefined;
  return () => {
    compiled ??= compile(base64);
    if (!compiled) return undefined;
    return new (wasmApi()!.Instance)(compiled, {}).exports as unknown as Exports;
  };
}

/** Grows `memory` to at least `bytes`. */
export function reserve(memory: WasmMemory, bytes: number): void {
  memory.grow(Math.max(0, Math.ceil(bytes / 65536) - memory.buffer.byteLength / 65536));
}

function wasmApi(): WasmApi | undefined {
  return (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
}

function compile(base64: string): object | null {
  const api = wasmApi();
  if (!api) return null;
  try {
    return new api.Module(Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0)));
  } catch {
    return null; // no SIMD in this runtime
  }
}
