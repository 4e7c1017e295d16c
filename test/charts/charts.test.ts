import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHTML } from 'linkedom';
import { insightCharts } from '../../src/charts/index.ts';
import { clusterGenres } from '../../src/charts/cluster-genre-heatmap.ts';
import { clusterProfile, quantileSorted } from '../../src/charts/cluster-profile.ts';
import { clusterSizes } from '../../src/charts/cluster-sizes.ts';
import { countGenres, genreCounts } from '../../src/charts/genre-frequency.ts';
import { kCurve } from '../../src/charts/k-curve.ts';
import { ratingCounts } from '../../src/charts/rating-histogram.ts';
import { voteBins } from '../../src/charts/votes-distribution.ts';
import { yearCounts } from '../../src/charts/movies-per-year.ts';
import { genreNames } from '../../src/core/genres.ts';
import { CLASSICS, fixtureModel } from '../helpers/fixture-model.ts';
import { assertGolden } from './golden.ts';
import { syntheticModel } from './synthetic-model.ts';

const doc = () => parseHTML('<html><body></body></html>').document;

test('fixture model: every chart matches its golden SVG; no k curve without --k auto', () => {
  const charts = insightCharts(fixtureModel(), doc());
  assert.deepEqual(
    charts.map((c) => c.id),
    [
      'movies-per-year',
      'rating-histogram',
      'votes-distribution',
      'genre-frequency',
      'cluster-sizes',
      'cluster-genres',
      'cluster-years',
      'cluster-ratings',
      'pca-map',
    ],
  );
  for (const c of charts) assertGolden(`fixture-${c.id}`, c.svg);
});

test('synthetic named model with a k curve: goldens include elbow and silhouette, titles drawn in', () => {
  const model = syntheticModel({ n: 3000, curveSample: 300, named: true });
  const charts = insightCharts(model, doc(), { headline: true, width: 800 });
  assert.deepEqual(
    charts.slice(-2).map((c) => c.id),
    ['k-elbow', 'k-silhouette'],
  );
  for (const c of charts) {
    assertGolden(`synthetic-${c.id}`, c.svg);
    // the headline is a Plot text mark, so the title appears as drawn text too
    assert.ok(c.svg.includes(`>${c.title.replace(/&/g, '&amp;')}</text>`), `${c.id} has no drawn title`);
  }
  const sizes = charts.find((c) => c.id === 'cluster-sizes')!;
  assert.match(sizes.svg, /0 · [A-Z][\w-]+ · /, 'cluster names from the manifest are used as labels');
});

test('every SVG is standalone and accessible: xmlns, <title> and <desc> first, tooltips', () => {
  const charts = insightCharts(fixtureModel(), doc());
  for (const c of charts) {
    assert.match(c.svg, /^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/, c.id);
    assert.match(c.svg, /^<svg[^>]*role="img"[^>]*><title>[^<]+<\/title><desc>[^<]+<\/desc>/, c.id);
    assert.ok(c.title.length > 3 && c.description.length > 40, `${c.id}: ${c.title} / ${c.description}`);
    assert.doesNotMatch(c.svg, /<figure|<div|<span/, `${c.id} leaked HTML from a legend`);
    assert.ok((c.svg.match(/<title>/g) ?? []).length > 1, `${c.id} has no tooltips`);
  }
});

test('same model, same SVG (deterministic across calls and documents)', () => {
  const model = fixtureModel();
  const a = insightCharts(model, doc());
  const b = insightCharts(model, doc());
  assert.deepEqual(
    a.map((c) => c.svg),
    b.map((c) => c.svg),
  );
});

test('chart data is counted from the catalog', () => {
  const model = fixtureModel();
  const years = yearCounts(model);
  assert.equal(
    years.count.reduce((s, c) => s + c, 0),
    CLASSICS.length,
  );
  assert.equal(years.count[years.year.indexOf(1980)], 2); // Empire Strikes Back, The Shining
  const ratings = ratingCounts(model);
  assert.equal(ratings.count[9 - 1], 8); // 9.2 9.0 8.7 8.7 8.6 8.6 and the two 8.5s round to 9
  assert.equal(
    ratings.count.reduce((s, c) => s + c, 0),
    CLASSICS.length,
  );
  const votes = voteBins(model);
  assert.equal(
    votes.count.reduce((s, c) => s + c, 0),
    CLASSICS.length,
  );
  assert.equal(votes.median, 800000); // 8th of 16 sorted vote counts
  const genres = genreCounts(model);
  const brute = new Map<string, number>();
  for (const m of CLASSICS) for (const g of m.genres) brute.set(g, (brute.get(g) ?? 0) + 1);
  assert.deepEqual(new Map(genres.genre.map((g, i) => [g, genres.count[i]!])), brute);
  assert.equal(genres.genre[0], 'Drama');
  assert.deepEqual(Array.from(countGenres([0b101, 0b100, 0])).slice(0, 3), [1, 0, 2]);
});

test('cluster data agrees with a brute-force recount', () => {
  const model = syntheticModel({ n: 2000, k: 6 });
  const sizes = clusterSizes(model);
  assert.equal(
    sizes.size.reduce((s, c) => s + c, 0),
    2000,
  );
  const heat = clusterGenres(model);
  const drama = heat.genre.indexOf('Drama');
  for (let c = 0; c < 6; c++) {
    let withDrama = 0;
    for (let i = 0; i < 2000; i++)
      if (model.catalog.cluster[i] === c && genreNames(model.catalog.genres[i]!).includes('Drama'))
        withDrama++;
    assert.ok(Math.abs(heat.share[c * heat.genre.length + drama]! - withDrama / sizes.size[c]!) < 1e-12);
  }
  const profile = clusterProfile(model, 'year');
  const years0 = Array.from(model.catalog.year.filter((_, i) => model.catalog.cluster[i] === 0)).sort(
    (a, b) => a - b,
  );
  assert.equal(profile.quantiles[0]![2], quantileSorted(years0, 0.5));
  assert.equal(quantileSorted([1, 2, 3, 4], 0.5), 2.5);
  assert.equal(quantileSorted([10], 0.9), 10);
});

test('k curve is absent without a manifest curve and never invented', () => {
  const model = fixtureModel();
  assert.equal(kCurve(model, 'inertia'), null);
  model.manifest.kmeans.curve = [
    { k: 2, inertia: 10 },
    { k: 3, inertia: 6 },
  ];
  assert.deepEqual(kCurve(model, 'inertia')?.points, [
    { k: 2, value: 10 },
    { k: 3, value: 6 },
  ]);
  assert.equal(kCurve(model, 'silhouette'), null, 'no silhouette values, no silhouette chart');
  assert.deepEqual(
    insightCharts(model, doc())
      .map((c) => c.id)
      .slice(-2),
    ['pca-map', 'k-elbow'],
  );
});

test('the PCA map stays small however many movies there are (hexbin, not one dot per movie)', () => {
  const small = insightCharts(syntheticModel({ n: 2000 }), doc()).find((c) => c.id === 'pca-map')!;
  const big = insightCharts(syntheticModel({ n: 60000 }), doc()).find((c) => c.id === 'pca-map')!;
  const hexes = (svg: string) => (svg.match(/<path /g) ?? []).length;
  assert.ok(hexes(big.svg) < 6000, `${hexes(big.svg)} paths`);
  assert.ok(big.svg.length < 1_500_000, `${big.svg.length} bytes`);
  assert.ok(hexes(big.svg) > 100, 'the map draws hexagons');
  assert.match(big.description, /All 60,000 movies/);
  assert.match(small.description, /All 2,000 movies/);
});
