/**
 * Rebuilding over a model: k-means warm-starts from its centres and keeps its cluster ids, and the
 * manifest records what changed. On the real IMDb sample, with ratings moved a little as a day of
 * IMDb's updates moves them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { decodeCatalogFile } from '../../src/core/model-binary.ts';
import { minCostAssignment } from '../../src/numeric/assignment.ts';
import type { ModelManifest } from '../../src/core/model-manifest.ts';
import { buildRealSample, noRealSample, REAL_SAMPLE } from '../helpers/real-sample.ts';

const MOVIELENS = resolve(REAL_SAMPLE, '../movielens');
const FILES = ['title.basics', 'title.akas', 'title.crew', 'title.principals', 'name.basics'];

/** The sample with every 20th movie's votes up 3 % and its rating up 0.1 (capped at 10). */
function nudgedSample(dir: string): string {
  const data = join(dir, 'imdb');
  mkdirSync(data, { recursive: true });
  for (const f of FILES) copyFileSync(join(REAL_SAMPLE, `${f}.tsv.gz`), join(data, `${f}.tsv.gz`));
  const lines = gunzipSync(readFileSync(join(REAL_SAMPLE, 'title.ratings.tsv.gz')))
    .toString('utf8')
    .split('\n');
  const out = lines.map((line, i) => {
    if (i === 0 || i % 20 !== 0 || !line) return line;
    const [id, rating, votes] = line.split('\t');
    return `${id}\t${Math.min(10, Number(rating) + 0.1).toFixed(1)}\t${Math.round(Number(votes) * 1.03)}`;
  });
  writeFileSync(join(data, 'title.ratings.tsv.gz'), gzipSync(out.join('\n')));
  return data;
}

const manifestOf = (model: string) =>
  JSON.parse(readFileSync(join(model, 'manifest.json'), 'utf8')) as ModelManifest;
const clustersOf = (model: string) => {
  const { catalog } = decodeCatalogFile(new Uint8Array(readFileSync(join(model, 'catalog.bin'))));
  return new Map(Array.from({ length: catalog.size }, (_, i) => [catalog.id.get(i), catalog.cluster[i]!]));
};

/** Share of the movies in both maps that have the same cluster id. */
function sameCluster(a: Map<string, number>, b: Map<string, number>): number {
  let both = 0;
  let same = 0;
  for (const [id, c] of b) {
    if (!a.has(id)) continue;
    both++;
    if (a.get(id) === c) same++;
  }
  return same / both;
}

test(
  'a rebuild with moved ratings warm-starts, keeps every cluster id and records the diff',
  { skip: noRealSample },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kinema-rebuild-'));
    const common = { neighbours: 0, movielens: MOVIELENS };
    const model = await buildRealSample(dir, common);
    const first = manifestOf(model);
    const before = clustersOf(model);
    assert.equal(first.kmeans.start, undefined, 'a first build starts from k-means++');
    assert.equal(first.diff, undefined, 'a first build has nothing to compare');
    assert.ok(first.eval && first.eval.users > 0, 'the build ran its quick evaluation');
    assert.ok(first.eval.kinema.taste.hr10 > first.eval.popular.taste.hr10, 'kinema beats most popular');

    await buildRealSample(dir, { ...common, dataDir: nudgedSample(dir) });
    const second = manifestOf(model);
    const after = clustersOf(model);
    assert.equal(second.kmeans.start, 'warm');
    assert.equal(second.kmeans.idsFrom, first.id);
    assert.ok(
      second.kmeans.iterations < first.kmeans.iterations,
      `${second.kmeans.iterations} < ${first.kmeans.iterations}`,
    );
    assert.ok(
      sameCluster(before, after) > 0.99,
      `${sameCluster(before, after)} of the movies kept their cluster`,
    );
    assert.deepEqual(
      second.clusters.map((c) => c.name),
      first.clusters.map((c) => c.name),
      'every cluster keeps its id and name',
    );
    const diff = second.diff!;
    assert.equal(diff.from, first.id);
    assert.ok(diff.votes.length > 0 && diff.votes.every((m) => m.after > m.before), 'vote gains listed');
    assert.ok(diff.rating.length > 0 && diff.rating.every((m) => Math.abs(m.after - m.before - 0.1) < 0.051));
    assert.ok(diff.eval?.before && diff.eval.after, 'eval figures on both sides');

    // a fresh start from another seed still gives the clusters the ids they had
    await buildRealSample(dir, {
      ...common,
      dataDir: join(dir, 'imdb'),
      seed: 5,
      freshClusters: true,
      force: true,
    });
    const third = manifestOf(model);
    assert.equal(third.kmeans.start, undefined);
    assert.equal(third.kmeans.idsFrom, second.id);
    // another seed finds other clusters; each takes the id of the old cluster it overlaps most
    const fresh = clustersOf(model);
    const k = third.kmeans.k;
    const overlap = new Float64Array(k * k);
    for (const [id, c] of fresh) if (after.has(id)) overlap[c * k + after.get(id)!]! -= 1;
    assert.deepEqual([...minCostAssignment(overlap, k)], [...Array(k).keys()]);
  },
);
