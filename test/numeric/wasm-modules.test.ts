import { test } from 'node:test';
import assert from 'node:assert/strict';
import { relative } from 'node:path';
import { compileWat, embeddedWasm, WASM_MODULES } from '../../scripts/wasm.ts';

test('each embedded WebAssembly module is the .wat beside it, compiled (scripts/wasm.ts rebuilds them)', async () => {
  for (const { wat, ts } of WASM_MODULES) {
    const compiled = await compileWat(wat);
    assert.ok(compiled.length > 500, `wabt produced a module from ${relative(process.cwd(), wat)}`);
    assert.equal(
      embeddedWasm(ts),
      compiled,
      `${relative(process.cwd(), ts)} is stale: run node --import tsx scripts/wasm.ts`,
    );
  }
});
