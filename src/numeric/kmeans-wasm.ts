/**
 * The compiled WebAssembly module of the k-means kernels (source: kmeans-simd.wat beside this file; its
 * header says how to rebuild the bytes below) and the signatures of its exports. Compiled once per
 * thread on first use; each kernel (kmeans-simd.ts) gets its own instance and memory.
 */

const WASM_BASE64 =
  'AGFzbQEAAAABUAhgBn9/f39/fwBgBH9/f38AYAV/f39/fwBgB39/f39/f38BfGAKf398fH9/f39/fwF/YAt/f39/f398f3x/fwF/YAZ/f39/f38BfGABewF9Aw0MAAABAgADBAUCBgAHBQMBAAEHZAwGbWVtb3J5AgAEZGlzdAAABHNjYW4AAQRuZWFyAAIHbW9tZW50cwADBHN1bXMABANvd24ABQZzZXR0bGUABgZib3VuZHMABwdldmFscG90AAgGY29tbWl0AAkGZ2F0aGVyAAoK3RgM+AQCCX8GeyACQQJ0IQogACEJAkADQCAGIAFPDQFBACEHAkADQCAHQQRqIARLDQEgAyAHIApsaiELIAsgCmohDCAMIApqIQ0gDSAKaiEO/QwAAAAAAAAAAAAAAAAAAAAAIRH9DAAAAAAAAAAAAAAAAAAAAAAhEv0MAAAAAAAAAAAAAAAAAAAAACET/QwAAAAAAAAAAAAAAAAAAAAAIRRBACEIAkADQCAIIApPDQEgCSAIav0ABAAhDyAPIAsgCGr9AAQA/eUBIRAgESAQIBD95gH95AEhESAPIAwgCGr9AAQA/eUBIRAgEiAQIBD95gH95AEhEiAPIA0gCGr9AAQA/eUBIRAgEyAQIBD95gH95AEhEyAPIA4gCGr9AAQA/eUBIRAgFCAQIBD95gH95AEhFCAIQRBqIQgMAAsLIBEgEv0NAAECAxAREhMICQoLGBkaGyARIBL9DQQFBgcUFRYXDA0ODxwdHh/95AEhDyATIBT9DQABAgMQERITCAkKCxgZGhsgEyAU/Q0EBQYHFBUWFwwNDg8cHR4f/eQBIRAgBSAPIBD9DQABAgMEBQYHEBESExQVFhcgDyAQ/Q0ICQoLDA0ODxgZGhscHR4f/eQB/QsEACAFQRBqIQUgB0EEaiEHDAALCwJAA0AgByAETw0BIAMgByAKbGohC/0MAAAAAAAAAAAAAAAAAAAAACERQQAhCAJAA0AgCCAKTw0BIAkgCGr9AAQAIAsgCGr9AAQA/eUBIRAgESAQIBD95gH95AEhESAIQRBqIQgMAAsLIAUgERALOAIAIAVBBGohBSAHQQFqIQcMAAsLIAkgCmohCSAGQQFqIQYMAAsLC6MCAgZ/BH0CQANAIAYgAU8NAUEAIQgCQANAIAggBEEBdE8NASAFIAhBAnRqQwAAgH84AgwgCEEBaiEIDAALC0MAAIB/IQ1DAACAfyEOQQAhCUEAIQcCQANAIAcgAk8NASAAKgIAQ///f3+WIQwgDCANXQRAIA0hDiAMIQ0gByEJBSAMIA5dBEAgDCEOCwsgAyAHQQJ0aigCACEIIAVBDGogCEECdGohCiAKIARBAnRqIQsgCioCACEPIAwgD10EQCALIA84AgAgCiAMOAIABSAMIAsqAgBdBEAgCyAMOAIACwsgAEEEaiEAIAdBAWohBwwACwsgBSAJNgIAIAUgDTgCBCAFIA44AgggBUEDIARBAXRqQQJ0aiEFIAZBAWohBgwACwsL1wQEBH8DfQJ/BnsgAkECdCELAkADQCAEQQRqIAFLDQH9DAAAgH8AAIB/AACAfwAAgH8hDv0MAACAfwAAgH8AAIB/AACAfyEP/QwAAAAAAAAAAAAAAAAAAAAAIRD9DAAAAAAAAAAAAAAAAAAAAAAhESAAIQxBACEFAkADQCAFIAJPDQEgDP1cAgAhDSANIAwgC2oqAgD9IAEhDSANIAwgC0EBdGoqAgD9IAIhDSANIAwgC0EDbGoqAgD9IAMhDSAN/Qz//39///9/f///f3///39//egBIQ0gDSAO/UMhEiAOIA8gDf3oASAS/VIhDyARIBAgEv1SIRAgDSAOIBL9UiEOIBH9DAEAAAABAAAAAQAAAAEAAAD9rgEhESAMQQRqIQwgBUEBaiEFDAALCyADIBD9GwA2AgAgAyAO/R8AOAIEIAMgD/0fADgCCCADIBD9GwE2AgwgAyAO/R8BOAIQIAMgD/0fATgCFCADIBD9GwI2AhggAyAO/R8COAIcIAMgD/0fAjgCICADIBD9GwM2AiQgAyAO/R8DOAIoIAMgD/0fAzgCLCADQTBqIQMgACALQQJ0aiEAIARBBGohBAwACwsCQANAIAQgAU8NAUMAAIB/IQlDAACAfyEKQQAhBkEAIQUCQANAIAUgAk8NASAAKgIAQ///f3+WIQggCCAJXSEHIAkgCiAIliAHGyEKIAUgBiAHGyEGIAggCSAHGyEJIABBBGohACAFQQFqIQUMAAsLIAMgBjYCACADIAk4AgQgAyAKOAIIIANBDGohAyAEQQFqIQQMAAsLC/4BAgV/A3sgAkECdCEHAkADQCAFIAFPDQFBACEGAkADQCAGIAdPDQEgACAGav0ABAAhCiADIAZq/QAEACELIAQgBkEBdGohCCAIIAdBAXRqIQkgCv1fIAv9X/3xASEMIAggCP0ABAAgDP3wAf0LBAAgCSAJ/QAEACAMIAz98gH98AH9CwQAIAogCv0NCAkKCwwNDg8AAQIDBAUGB/1fIAsgC/0NCAkKCwwNDg8AAQIDBAUGB/1f/fEBIQwgCCAI/QAEECAM/fAB/QsEECAJIAn9AAQQIAwgDP3yAf3wAf0LBBAgBkEQaiEGDAALCyAAIAdqIQAgBUEBaiEFDAALCwvLAQIGfwF7IAJBAnQhCAJAA0AgBiABTw0BIAMgBkECdGooAgAhCSAFIAlBA3RqIQsgCyALKwMARAAAAAAAAPA/oDkDACAEIAkgCEEBdGxqIQpBACEHAkADQCAHIAhPDQEgACAHav0ABAAhDCAKIAdBAXRqIQsgCyAL/QAEACAM/V/98AH9CwQAIAsgC/0ABBAgDCAM/Q0ICQoLDA0ODwABAgMEBQYH/V/98AH9CwQQIAdBEGohBwwACwsgACAIaiEAIAZBAWohBgwACwsL7AIDBX8FewR8IANBAnQhCSACQXxxQQJ0IQoCQANAIAcgAU8NASAFIAkgBCAHQQJ0aigCAGxqIQv9DAAAAAAAAAAAAAAAAAAAAAAhDP0MAAAAAAAAAAAAAAAAAAAAACENQQAhCAJAA0AgCCAKTw0BIAAgCGr9AAQAIQ8gCyAIav0ABAAhECAP/V8gEP1f/fEBIQ4gDCAOIA798gH98AEhDCAPIA/9DQgJCgsMDQ4PAAECAwQFBgf9XyAQIBD9DQgJCgsMDQ4PAAECAwQFBgf9X/3xASEOIA0gDiAO/fIB/fABIQ0gCEEQaiEIDAALCyAM/SEAIRECQANAIAggAkECdE8NASAAIAhqKgIAuyALIAhqKgIAu6EhEiARIBIgEqKgIREgCEEEaiEIDAALCyARIAz9IQGgIA39IQAgDf0hAaCgIRMgFCAToCEUIAYgB0ECdGogE5+2OAIAIAAgCWohACAHQQFqIQcMAAsLIBQL6gEDBX8CfAF/AkADQCAKIAFPDQEgACgCACELIAAqAgS7RAAAAAAAALA5oJ8gAqIhD0QAAAAAAAAAACAAKgIIu0QAAADg///vR6REAAAAAAAAsDmhpZ8gA6IhECAKIREgCEEATgRAIAggCkECdGooAgAgCWshEQsgEUECdCEOIBAgD2QEQCALIAQgDmooAgBHBEAgDEEBaiEMIAQgDmogCzYCAAsgBSAOaiAPtjgCACAGIA5qIBC2OAIABSANQQFqIQ0gByANQQJ0aiARNgIACyAAQQxqIQAgCkEBaiEKDAALCyAHIA02AgAgDAu6AQIEfwJ8AkADQCALIABPDQEgC0ECdCENIAEgDWooAgAhDCACIA1qKgIAuyAFIAxBA3RqKwMAoCEPIAMgDWoqAgC7IAggBiAMIAdGG6EhECAPIAQgDEEDdGorAwAgEKVkBEAgCSAOQQJ0aiAKIAtqNgIAIA5BAWohDgUgAiANaiAPIA+ZRAAAAAAAALA+oqC2OAIAIAMgDWogECAQmUQAAAAAAACwPqKhtjgCAAsgC0EBaiELDAALCyAOC3MDAn8CfQF/AkADQCAFIAFPDQEgAyAFQQJ0aioCACEHQQAhBgJAA0AgBiACTw0BIAAqAgAhCCAEIAZBA3RqIQkgCSAJKwMAIAggByAIIAddG7ugOQMAIABBBGohACAGQQFqIQYMAAsLIAVBAWohBQwACwsLhgEDAn8CfQF8AkADQCAGIAFPDQEgBkECdCEHIAAgB2oqAgAhCCADIAdqKgIAIQkgCCAJXQRAIAQgB2ogCTgCACADIAdqIAg4AgAgBSAHaiACNgIAIAghCQUgCCAEIAdqKgIAXQRAIAQgB2ogCDgCAAsLIAogCbugIQogBkEBaiEGDAALCyAKC2oBBH8gBEECdCEIAkADQCAGIAJPDQEgACAIIAEgBkECdGooAgAgA2tsaiEJQQAhBwJAA0AgByAITw0BIAUgB2ogCSAHav0ABAD9CwQAIAdBEGohBwwACwsgBSAIaiEFIAZBAWohBgwACwsLGQAgAP0fACAA/R8BkiAA/R8CIAD9HwOSkgs=';

type DistFn = (xp: number, rows: number, d: number, cp: number, count: number, out: number) => void;
type ScanFn = (out: number, rows: number, k: number, gp: number, groups: number, res: number) => void;
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
  scan: ScanFn;
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
