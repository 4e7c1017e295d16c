/**
 * Golden files for chart SVGs under test/output/charts/: written when missing (fails instead when CI
 * is set), compared byte for byte otherwise; on a mismatch the new output is saved next to the golden
 * as <name>-changed.svg so the two can be opened side by side.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const DIR = resolve(import.meta.dirname, '../output/charts');

export function assertGolden(name: string, actual: string): void {
  const file = join(DIR, `${name}.svg`);
  const changed = join(DIR, `${name}-changed.svg`);
  if (!existsSync(file)) {
    assert.ok(!process.env['CI'], `golden ${file} is missing (run the tests once without CI to write it)`);
    mkdirSync(DIR, { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  const expected = readFileSync(file, 'utf8');
  if (expected === actual) {
    rmSync(changed, { force: true });
    return;
  }
  writeFileSync(changed, actual);
  assert.fail(`chart ${name} differs from its golden ${file}; new output in ${changed}`);
}
