/** Test helpers for the web app: a fixture-backed app and a golden-file check for JSON responses. */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { memoryLogger } from '../../src/core/log.ts';
import { createApp } from '../../src/server/app.ts';
import type { AppDeps } from '../../src/server/deps.ts';
import { prepareModel, type LoadedModel } from '../../src/server/loaded-model.ts';
import { fixtureModel } from '../helpers/fixture-model.ts';

let shared: LoadedModel | undefined;

/** One prepared fixture model per test file (building it runs k-means). */
export function servedFixture(): LoadedModel {
  shared ??= prepareModel(fixtureModel());
  return shared;
}

export function testApp(overrides: Partial<AppDeps> = {}) {
  const log = memoryLogger();
  const served = servedFixture();
  const app = createApp({ getModel: () => served, log, config: { accessLog: false }, ...overrides });
  return { app, log, served };
}

const OUTPUT = resolve(import.meta.dirname, '../output');

/** Compares a value with test/output/<name>.json; writes it when missing (fails instead under CI). */
export function assertGolden(name: string, value: unknown): void {
  const text = `${JSON.stringify(value, null, 2)}\n`;
  const file = join(OUTPUT, `${name}.json`);
  if (!existsSync(file)) {
    if (process.env['CI']) assert.fail(`golden ${file} is missing (run the test locally to create it)`);
    mkdirSync(OUTPUT, { recursive: true });
    writeFileSync(file, text);
    return;
  }
  const expected = readFileSync(file, 'utf8');
  if (expected !== text) {
    writeFileSync(join(OUTPUT, `${name}-changed.json`), text);
    assert.fail(`${name}.json differs from the golden; see test/output/${name}-changed.json`);
  }
}
