import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkShrink } from '../../src/pipeline/damage.ts';
import type { IngestReport, TableReport } from '../../src/pipeline/ingest.ts';
import type { ModelManifest } from '../../src/core/model-manifest.ts';

const table = (name: TableReport['name'], rows: number): TableReport => ({
  name,
  rows,
  bad: 0,
  samples: [],
  cached: false,
  missing: false,
});

const report = (rows: Partial<Record<TableReport['name'], number>>, version = 4): IngestReport => ({
  tables: Object.entries(rows).map(([name, n]) => table(name as TableReport['name'], n)),
  inputs: [],
  version,
});

const previous = (rows: Record<string, number>, ingest?: number): ModelManifest =>
  ({
    catalog: { preset: 'kinema', minVotes: 100 },
    counts: { movies: 1000, rows, badRows: {}, ...(ingest === undefined ? {} : { ingest }) },
  }) as unknown as ModelManifest;

const next = (ingested: IngestReport, movies = 1000) => ({
  movies,
  catalog: 'kinema',
  minVotes: 100,
  report: ingested,
});

test('checkShrink names the table whose filter reads no other first: a cut title.ratings, not the akas it filters', () => {
  const before = previous({ 'title.akas': 5000, 'title.ratings': 9000 }, 4);
  // akas come first in the report, but they shrank because the ratings did
  const after = report({ 'title.akas': 100, 'title.ratings': 2000 });
  assert.throws(
    () => checkShrink(before, next(after), false),
    /title\.ratings\.tsv\.gz: 2,000 rows where the current model has 9,000/,
  );
  assert.doesNotThrow(() => checkShrink(before, next(after), true), '--accept-shrink');
  assert.doesNotThrow(() =>
    checkShrink(before, next(report({ 'title.akas': 4500, 'title.ratings': 8800 })), false),
  );
});

test('checkShrink compares table rows only with a model of the same ingest version; the catalog always', () => {
  // a model built before rows were kept for rated movies only: its akas counted every movie's
  const older = previous({ 'title.akas': 5000 });
  assert.doesNotThrow(() => checkShrink(older, next(report({ 'title.akas': 2500 })), false));
  assert.doesNotThrow(() =>
    checkShrink(previous({ 'title.akas': 5000 }, 3), next(report({ 'title.akas': 2500 })), false),
  );
  assert.throws(
    () => checkShrink(older, next(report({ 'title.akas': 2500 }), 500), false),
    /the catalog: 500 movies/,
  );
});
