/**
 * Golden files for what a person looks at (CLI help, charts, API responses). A missing golden is written
 * locally and fails on CI (CI=true); a mismatch writes `<name>-changed.<ext>` beside it and fails, so the
 * difference can be inspected and the golden replaced on purpose.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const OUTPUT = join(import.meta.dirname, '..', 'output');

export function assertGolden(relativePath: string, actual: string): void {
  const path = join(OUTPUT, relativePath);
  const changed = path.replace(/(\.[^./]+)$/, '-changed$1');
  if (!existsSync(path)) {
    if (process.env['CI'])
      assert.fail(`golden ${relativePath} is missing (run the tests locally to write it)`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  const expected = readFileSync(path, 'utf8');
  if (expected === actual) {
    rmSync(changed, { force: true });
    return;
  }
  writeFileSync(changed, actual);
  assert.fail(`${relativePath} differs from its golden; see ${changed}`);
}
