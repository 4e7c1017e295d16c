/**
 * Compiles each WebAssembly text module of src/numeric with wabt (a devDependency) and writes its base64
 * into the TypeScript file that embeds it, so the text and the bytes the program runs stay one thing.
 * test/numeric/wasm-modules.test.ts fails when they differ.
 *
 *   node --import tsx scripts/wasm.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import wabt from 'wabt';

const root = resolve(import.meta.dirname, '..');

/** Each .wat and the file holding its compiled bytes as `const WASM_BASE64 = '…'`. */
export const WASM_MODULES = [
  { wat: 'src/numeric/kmeans-simd.wat', ts: 'src/numeric/kmeans-wasm.ts' },
  { wat: 'src/numeric/listed-scan.wat', ts: 'src/numeric/listed-scan.ts' },
].map(({ wat, ts }) => ({ wat: join(root, wat), ts: join(root, ts) }));

const EMBEDDED = /(const WASM_BASE64 =\s*')([A-Za-z0-9+/=]+)(')/;

/** The .wat compiled to the binary module, as base64. */
export async function compileWat(file: string): Promise<string> {
  const tools = await wabt();
  const module = tools.parseWat(file, readFileSync(file, 'utf8'), { simd: true });
  try {
    return Buffer.from(module.toBinary({}).buffer).toString('base64');
  } finally {
    module.destroy();
  }
}

/** The base64 module a TypeScript file embeds. */
export function embeddedWasm(file: string): string {
  const match = EMBEDDED.exec(readFileSync(file, 'utf8'));
  if (!match) throw new Error(`no WASM_BASE64 string in ${file}`);
  return match[2]!;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  for (const { wat, ts } of WASM_MODULES) {
    const base64 = await compileWat(wat);
    const text = readFileSync(ts, 'utf8');
    writeFileSync(
      ts,
      text.replace(EMBEDDED, (_, head: string, _old, tail: string) => head + base64 + tail),
    );
    process.stdout.write(`${ts}: ${base64.length} base64 characters\n`);
  }
}
