import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileWat, embeddedWasm } from '../../scripts/wasm.ts';

test('the embedded WebAssembly module is the .wat beside it, compiled (scripts/wasm.ts rebuilds it)', async () => {
  const compiled = await compileWat();
  assert.ok(compiled.length > 1000, 'wabt produced a module');
  assert.equal(embeddedWasm(), compiled, 'kmeans-wasm.ts is stale: run node --import tsx scripts/wasm.ts');
});
