/** The layout is the architecture: each folder of src/ may import only the folders listed for it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, dirname, resolve } from 'node:path';

const SRC = resolve(import.meta.dirname, '../src');

const ALLOWED: Record<string, string[]> = {
  numeric: ['numeric'],
  core: ['core', 'numeric'],
  parallel: ['parallel', 'numeric'],
  db: ['db', 'core', 'numeric'],
  charts: ['charts', 'core', 'numeric'],
  io: ['io'],
  pipeline: ['pipeline', 'db', 'core', 'numeric', 'parallel', 'charts', 'io'],
  server: ['server', 'core', 'numeric', 'charts'],
  runtime: ['runtime', 'server', 'core', 'io'],
  client: ['client', 'core'],
  cli: [
    'cli',
    'pipeline',
    'server',
    'runtime',
    'core',
    'numeric',
    'charts',
    'db',
    'parallel',
    'deploy',
    'io',
  ],
  deploy: ['deploy', 'core', 'io'],
};
/** Packages only some layers may load. */
const PACKAGES: Record<string, string[]> = {
  '@duckdb/node-api': ['db'],
  hono: ['server', 'runtime'],
  '@hono/node-server': ['runtime', 'server'],
};
/** Parts of a package a further layer may load: the pipeline renders static pages with hono/jsx. */
const SUBPATHS: Record<string, string[]> = {
  'hono/jsx': ['pipeline'],
  'hono/html': ['pipeline'],
};
const NO_NODE = new Set(['numeric', 'core', 'server', 'charts', 'client']);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

test('src folders import only downward', () => {
  const problems: string[] = [];
  for (const file of files(SRC)) {
    const layer = relative(SRC, file).split('/')[0]!;
    const allowed = ALLOWED[layer];
    if (!allowed) {
      problems.push(`${relative(SRC, file)}: folder src/${layer} has no rule in test/architecture.test.ts`);
      continue;
    }
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
      const spec = m[1]!;
      if (spec.startsWith('.')) {
        const target = relative(SRC, resolve(dirname(file), spec)).split('/')[0]!;
        if (!allowed.includes(target))
          problems.push(`${relative(SRC, file)} imports ${spec} (src/${target})`);
      } else if (spec.startsWith('node:')) {
        // server code knows no runtime; numeric/core/charts do no I/O
        if (NO_NODE.has(layer)) problems.push(`${relative(SRC, file)} imports ${spec}`);
      } else {
        const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
        const only = PACKAGES[pkg];
        if (only && !only.includes(layer) && !SUBPATHS[spec]?.includes(layer))
          problems.push(`${relative(SRC, file)} imports ${pkg}`);
      }
    }
  }
  assert.deepEqual(problems, []);
});
