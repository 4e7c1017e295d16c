#!/usr/bin/env node
// Runs the compiled CLI in dist/, which `npm ci` builds (the `prepare` script) and `npm run build` rebuilds.
import { existsSync } from 'node:fs';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('kinema: the compiled CLI (dist/) is missing\n  try: npm run build\n');
  process.exit(1);
}
await import(main.href);
