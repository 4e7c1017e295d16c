/**
 * Compiles src/numeric/kmeans-simd.wat with wabt (a devDependency) and writes the module's base64 into
 * src/numeric/kmeans-wasm.ts, so the text and the bytes the program runs stay one thing.
 * test/numeric/kmeans-wasm.test.ts fails when they differ.
 *
 *   node --import tsx scripts/wasm.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import wabt from 'wabt';

const root = resolve(import.meta.dirname, '..');
export const WAT_FILE = join(root, 'src/numeric/kmeans-simd.wat');
export const WASM_TS_FILE = join(root, 'src/numeric/kmeans-wasm.ts');
const EMBEDDED = /(const WASM_BASE64 =\s*')([A-Za-z0-9+/=]+)(')/;

/** The .wat compiled to the binary module, as base64. */
export async function compileWat(file = WAT_FILE): Promise<string> {
  const tools = await wabt();
  const module = tools.parseWat(file, readFileSync(file, 'utf8'), { simd: true });
  try {
    return Buffer.from(module.toBinary({}).buffer).toString('base64');
  } finally {
    module.destroy();
  }
}

/** The base64 module kmeans-wasm.ts embeds. */
export function embeddedWasm(file = WASM_TS_FILE): string {
  const match = EMBEDDED.exec(readFileSync(file, 'utf8'));
  if (!match) throw new Error(`no WASM_BASE64 string in ${file}`);
  return match[2]!;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const base64 = await compileWat();
  const text = readFileSync(WASM_TS_FILE, 'utf8');
  writeFileSync(
    WASM_TS_FILE,
    text.replace(EMBEDDED, (_, head: string, _old, tail: string) => head + base64 + tail),
  );
  process.stdout.write(`${WASM_TS_FILE}: ${base64.length} base64 characters\n`);
}
