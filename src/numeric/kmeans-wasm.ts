/**
 * The compiled WebAssembly module of the k-means kernels (source: kmeans-simd.wat beside this file; its
 * header says how to rebuild the bytes below) and the signatures of its exports. Compiled once per
 * thread on first use; each kernel (kmeans-simd.ts) gets its own instance and memory.
 */

const WASM_BASE64 =
  'AGFzbQEAAAABUAhgBn9/f39/fwBgBH9/f38AYAV/f39/fwBgB39/f39/f38BfGAKf398fH9/f39/fwF/YAt/f39/f398f3x/fwF/YAZ/f39/f38BfGABewF9AwwLAAECAAMEBQIGAAcFAwEAAQddCwZtZW1vcnkCAARkaXN0AAAEbmVhcgABB21vbWVudHMAAgRzdW1zAAMDb3duAAQGc2V0dGxlAAUGYm91bmRzAAYHZXZhbHBvdAAHBmNvbW1pdAAIBmdhdGhlcgAJCrgWC/gEAgl/BnsgAkECdCEKIAAhCQJAA0AgBiABTw0BQQAhBwJAA0AgB0EEaiAESw0BIAMgByAKbGohCyALIApqIQwgDCAKaiENIA0gCmohDv0MAAAAAAAAAAAAAAAAAAAAACER/QwAAAAAAAAAAAAAAAAAAAAAIRL9DAAAAAAAAAAAAAAAAAAAAAAhE/0MAAAAAAAAAAAAAAAAAAAAACEUQQAhCAJAA0AgCCAKTw0BIAkgCGr9AAQAIQ8gDyALIAhq/QAEAP3lASEQIBEgECAQ/eYB/eQBIREgDyAMIAhq/QAEAP3lASEQIBIgECAQ/eYB/eQBIRIgDyANIAhq/QAEAP3lASEQIBMgECAQ/eYB/eQBIRMgDyAOIAhq/QAEAP3lASEQIBQgECAQ/eYB/eQBIRQgCEEQaiEIDAALCyARIBL9DQABAgMQERITCAkKCxgZGhsgESAS/Q0EBQYHFBUWFwwNDg8cHR4f/eQBIQ8gEyAU/Q0AAQIDEBESEwgJCgsYGRobIBMgFP0NBAUGBxQVFhcMDQ4PHB0eH/3kASEQIAUgDyAQ/Q0AAQIDBAUGBxAREhMUFRYXIA8gEP0NCAkKCwwNDg8YGRobHB0eH/3kAf0LBAAgBUEQaiEFIAdBBGohBwwACwsCQANAIAcgBE8NASADIAcgCmxqIQv9DAAAAAAAAAAAAAAAAAAAAAAhEUEAIQgCQANAIAggCk8NASAJIAhq/QAEACALIAhq/QAEAP3lASEQIBEgECAQ/eYB/eQBIREgCEEQaiEIDAALCyAFIBEQCjgCACAFQQRqIQUgB0EBaiEHDAALCyAJIApqIQkgBkEBaiEGDAALCwvXBAQEfwN9An8GeyACQQJ0IQsCQANAIARBBGogAUsNAf0MAACAfwAAgH8AAIB/AACAfyEO/QwAAIB/AACAfwAAgH8AAIB/IQ/9DAAAAAAAAAAAAAAAAAAAAAAhEP0MAAAAAAAAAAAAAAAAAAAAACERIAAhDEEAIQUCQANAIAUgAk8NASAM/VwCACENIA0gDCALaioCAP0gASENIA0gDCALQQF0aioCAP0gAiENIA0gDCALQQNsaioCAP0gAyENIA39DP//f3///39///9/f///f3/96AEhDSANIA79QyESIA4gDyAN/egBIBL9UiEPIBEgECAS/VIhECANIA4gEv1SIQ4gEf0MAQAAAAEAAAABAAAAAQAAAP2uASERIAxBBGohDCAFQQFqIQUMAAsLIAMgEP0bADYCACADIA79HwA4AgQgAyAP/R8AOAIIIAMgEP0bATYCDCADIA79HwE4AhAgAyAP/R8BOAIUIAMgEP0bAjYCGCADIA79HwI4AhwgAyAP/R8COAIgIAMgEP0bAzYCJCADIA79HwM4AiggAyAP/R8DOAIsIANBMGohAyAAIAtBAnRqIQAgBEEEaiEEDAALCwJAA0AgBCABTw0BQwAAgH8hCUMAAIB/IQpBACEGQQAhBQJAA0AgBSACTw0BIAAqAgBD//9/f5YhCCAIIAldIQcgCSAKIAiWIAcbIQogBSAGIAcbIQYgCCAJIAcbIQkgAEEEaiEAIAVBAWohBQwACwsgAyAGNgIAIAMgCTgCBCADIAo4AgggA0EMaiEDIARBAWohBAwACwsL/gECBX8DeyACQQJ0IQcCQANAIAUgAU8NAUEAIQYCQANAIAYgB08NASAAIAZq/QAEACEKIAMgBmr9AAQAIQsgBCAGQQF0aiEIIAggB0EBdGohCSAK/V8gC/1f/fEBIQwgCCAI/QAEACAM/fAB/QsEACAJIAn9AAQAIAwgDP3yAf3wAf0LBAAgCiAK/Q0ICQoLDA0ODwABAgMEBQYH/V8gCyAL/Q0ICQoLDA0ODwABAgMEBQYH/V/98QEhDCAIIAj9AAQQIAz98AH9CwQQIAkgCf0ABBAgDCAM/fIB/fAB/QsEECAGQRBqIQYMAAsLIAAgB2ohACAFQQFqIQUMAAsLC8sBAgZ/AXsgAkECdCEIAkADQCAGIAFPDQEgAyAGQQJ0aigCACEJIAUgCUEDdGohCyALIAsrAwBEAAAAAAAA8D+gOQMAIAQgCSAIQQF0bGohCkEAIQcCQANAIAcgCE8NASAAIAdq/QAEACEMIAogB0EBdGohCyALIAv9AAQAIAz9X/3wAf0LBAAgCyAL/QAEECAMIAz9DQgJCgsMDQ4PAAECAwQFBgf9X/3wAf0LBBAgB0EQaiEHDAALCyAAIAhqIQAgBkEBaiEGDAALCwvsAgMFfwV7BHwgA0ECdCEJIAJBfHFBAnQhCgJAA0AgByABTw0BIAUgCSAEIAdBAnRqKAIAbGohC/0MAAAAAAAAAAAAAAAAAAAAACEM/QwAAAAAAAAAAAAAAAAAAAAAIQ1BACEIAkADQCAIIApPDQEgACAIav0ABAAhDyALIAhq/QAEACEQIA/9XyAQ/V/98QEhDiAMIA4gDv3yAf3wASEMIA8gD/0NCAkKCwwNDg8AAQIDBAUGB/1fIBAgEP0NCAkKCwwNDg8AAQIDBAUGB/1f/fEBIQ4gDSAOIA798gH98AEhDSAIQRBqIQgMAAsLIAz9IQAhEQJAA0AgCCACQQJ0Tw0BIAAgCGoqAgC7IAsgCGoqAgC7oSESIBEgEiASoqAhESAIQQRqIQgMAAsLIBEgDP0hAaAgDf0hACAN/SEBoKAhEyAUIBOgIRQgBiAHQQJ0aiATn7Y4AgAgACAJaiEAIAdBAWohBwwACwsgFAvqAQMFfwJ8AX8CQANAIAogAU8NASAAKAIAIQsgACoCBLtEAAAAAAAAsDmgnyACoiEPRAAAAAAAAAAAIAAqAgi7RAAAAOD//+9HpEQAAAAAAACwOaGlnyADoiEQIAohESAIQQBOBEAgCCAKQQJ0aigCACAJayERCyARQQJ0IQ4gECAPZARAIAsgBCAOaigCAEcEQCAMQQFqIQwgBCAOaiALNgIACyAFIA5qIA+2OAIAIAYgDmogELY4AgAFIA1BAWohDSAHIA1BAnRqIBE2AgALIABBDGohACAKQQFqIQoMAAsLIAcgDTYCACAMC7oBAgR/AnwCQANAIAsgAE8NASALQQJ0IQ0gASANaigCACEMIAIgDWoqAgC7IAUgDEEDdGorAwCgIQ8gAyANaioCALsgCCAGIAwgB0YboSEQIA8gBCAMQQN0aisDACAQpWQEQCAJIA5BAnRqIAogC2o2AgAgDkEBaiEOBSACIA1qIA8gD5lEAAAAAAAAsD6ioLY4AgAgAyANaiAQIBCZRAAAAAAAALA+oqG2OAIACyALQQFqIQsMAAsLIA4LcwMCfwJ9AX8CQANAIAUgAU8NASADIAVBAnRqKgIAIQdBACEGAkADQCAGIAJPDQEgACoCACEIIAQgBkEDdGohCSAJIAkrAwAgCCAHIAggB10bu6A5AwAgAEEEaiEAIAZBAWohBgwACwsgBUEBaiEFDAALCwuGAQMCfwJ9AXwCQANAIAYgAU8NASAGQQJ0IQcgACAHaioCACEIIAMgB2oqAgAhCSAIIAldBEAgBCAHaiAJOAIAIAMgB2ogCDgCACAFIAdqIAI2AgAgCCEJBSAIIAQgB2oqAgBdBEAgBCAHaiAIOAIACwsgCiAJu6AhCiAGQQFqIQYMAAsLIAoLagEEfyAEQQJ0IQgCQANAIAYgAk8NASAAIAggASAGQQJ0aigCACADa2xqIQlBACEHAkADQCAHIAhPDQEgBSAHaiAJIAdq/QAEAP0LBAAgB0EQaiEHDAALCyAFIAhqIQUgBkEBaiEGDAALCwsZACAA/R8AIAD9HwGSIAD9HwIgAP0fA5KSCw==';

type DistFn = (xp: number, rows: number, d: number, cp: number, count: number, out: number) => void;
type NearFn = (out: number, rows: number, k: number, res: number) => void;
type MomentsFn = (xp: number, rows: number, d4: number, x0: number, acc: number) => void;
type SumsFn = (xp: number, rows: number, d4: number, lab: number, sums: number, counts: number) => void;
type OwnFn = (
  xp: number,
  rows: number,
  d: number,
  d4: number,
  lab: number,
  cp: number,
  out: number,
) => number;
type SettleFn = (
  near: number,
  rows: number,
  hiK: number,
  loK: number,
  lab: number,
  up: number,
  lo: number,
  amb: number,
  list: number,
  base: number,
) => number;
type BoundsFn = (
  rows: number,
  lab: number,
  up: number,
  lo: number,
  half: number,
  shift: number,
  maxShift: number,
  maxAt: number,
  second: number,
  list: number,
  base: number,
) => number;

/** The few WebAssembly calls used here (the project's TypeScript libs do not declare them). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
interface WasmMemory {
  buffer: ArrayBuffer;
  grow(pages: number): number;
}

type GatherFn = (src: number, list: number, m: number, base: number, d4: number, dest: number) => void;
type EvalPotFn = (out: number, rows: number, count: number, best: number, pot: number) => void;
type CommitFn = (
  out: number,
  rows: number,
  centre: number,
  best: number,
  second: number,
  lab: number,
) => number;

/** The exports of one instance. */
export interface KernelExports {
  memory: WasmMemory;
  dist: DistFn;
  near: NearFn;
  moments: MomentsFn;
  sums: SumsFn;
  own: OwnFn;
  settle: SettleFn;
  bounds: BoundsFn;
  evalpot: EvalPotFn;
  commit: CommitFn;
  gather: GatherFn;
}

let compiled: object | null | undefined;

/** A new instance of the module, or undefined where WebAssembly SIMD is missing. */
export function instantiateKernels(): KernelExports | undefined {
  compiled ??= compile();
  if (!compiled) return undefined;
  return new (wasmApi()!.Instance)(compiled, {}).exports as unknown as KernelExports;
}

function wasmApi(): WasmApi | undefined {
  return (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
}

function compile(): object | null {
  const api = wasmApi();
  if (!api) return null;
  try {
    return new api.Module(Uint8Array.from(atob(WASM_BASE64), (ch) => ch.charCodeAt(0)));
  } catch {
    return null; // no SIMD in this runtime: callers fall back to the JS kernel
  }
}
