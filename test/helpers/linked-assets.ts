import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** An exported site's home page links its assets by content hash, and each linked file was written. */
export function assertLinkedAssets(siteDir: string): void {
  const home = readFileSync(join(siteDir, 'index.html'), 'utf8');
  const linked = [...home.matchAll(/"\/assets\/([^"]+)"/g)].map((m) => m[1]!);
  assert.ok(
    linked.some((file) => /^app\.[0-9a-f]{8}\.css$/.test(file)),
    'pages link hashed assets',
  );
  for (const file of linked) assert.ok(existsSync(join(siteDir, 'assets', file)), file);
}
