import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixtureModel } from '../../helpers/fixture-model.ts';
import { createRecommender, computeNeighbours } from '../../../src/core/recommend/index.ts';
import { genreNames } from '../../../src/core/genres.ts';
import { KinemaError } from '../../../src/core/errors.ts';
import { neighboursInMemory } from '../../../src/core/neighbour-lists.ts';
import type { Model } from '../../../src/core/model.ts';
import type { Filters } from '../../../src/core/recommend/types.ts';
import { createSimilarity } from '../../../src/core/recommend/similarity.ts';
import { coldOrder, GEM_MIN_VOTES, topScores, TOP_RATED_M } from '../../../src/core/recommend/cold-start.ts';
import { catalogOf } from '../search/catalog.ts';

const model = fixtureModel();
const rec = createRecommender(model);
const row = (id: string) => model.byId.get(id)!;
const GODFATHER = row('tt0068646');
const GODFATHER_2 = row('tt0071562');
const ROCKY = row('tt0075148');
const ROCKY_2 = row('tt0079817');
const STAR_WARS = row('tt0076759');
const EMPIRE = row('tt0080684');
const PSYCHO = row('tt0054215');
const REAR_WINDOW = row('tt0047396');

test('The Godfather → Part II first, explained by the director, the cast and the franchise', () => {
  const list = rec.similar(GODFATHER, { limit: 5 });
  assert.equal(list.length, 5);
  const first = list[0]!;
  assert.equal(first.index, GODFATHER_2);
  assert.ok(first.explanation.sameFranchise);
  assert.deepEqual(
    first.explanation.sharedPeople.map((p) => `${p.role}:${p.name}`),
    ['director:Francis Ford Coppola', 'cast:Al Pacino'],
  );
  assert.deepEqual(first.explanation.sharedGenres, ['Crime', 'Drama']);
  assert.match(
    first.explanation.sentence,
    /^The next Godfather film, directed by Francis Ford Coppola, with Al Pacino/,
  );
  assert.ok(list.every((r) => r.index !== GODFATHER));
  for (let i = 1; i < list.length; i++) assert.ok(list[i - 1]!.score >= list[i]!.score);
});

test('Rocky → Rocky II and Star Wars → The Empire Strikes Back (through its original title)', () => {
  const rocky = rec.similar(ROCKY, { limit: 3 })[0]!;
  assert.equal(rocky.index, ROCKY_2);
  assert.ok(rocky.explanation.sameFranchise);
  assert.deepEqual(
    rocky.explanation.sharedPeople.map((p) => p.name),
    ['Sylvester Stallone'],
  );
  const sw = rec.similar(STAR_WARS, { limit: 3 })[0]!;
  assert.equal(sw.index, EMPIRE);
  assert.ok(sw.explanation.sameFranchise);
  // the two Dunes share a title but no sequel marker and no person: a remake, not a franchise
  const dune = rec.similar(row('tt1160419'), { limit: 15 }).find((r) => r.index === row('tt0087182'));
  assert.equal(dune?.explanation.sameFranchise, false);
});

test('filters hold on every list', () => {
  const cases: Filters[] = [
    { genresExclude: ['Crime'] },
    { genresInclude: ['Horror', 'Mystery'] },
    { yearMin: 1970, yearMax: 1985 },
    { ratingMin: 8.5 },
    { votesMin: 1_000_000 },
    { runtimeMin: 100, runtimeMax: 125 },
  ];
  const c = model.catalog;
  const holds = (f: Filters, i: number) =>
    (!f.genresExclude || !genreNames(c.genres[i]!).some((g) => f.genresExclude!.includes(g))) &&
    (!f.genresInclude || genreNames(c.genres[i]!).some((g) => f.genresInclude!.includes(g))) &&
    c.year[i]! >= (f.yearMin ?? 0) &&
    c.year[i]! <= (f.yearMax ?? 9999) &&
    c.rating[i]! >= (f.ratingMin ?? 0) - 1e-6 &&
    c.votes[i]! >= (f.votesMin ?? 0) &&
    c.runtime[i]! >= (f.runtimeMin ?? 0) &&
    c.runtime[i]! <= (f.runtimeMax ?? 9999);
  for (const filters of cases) {
    const lists = [
      rec.similar(GODFATHER, { limit: 15, filters }).map((r) => r.index),
      rec.taste({ liked: [STAR_WARS, PSYCHO] }, { limit: 15, filters }).map((r) => r.index),
      rec.popular({ limit: 15, filters }),
      rec.topRated({ limit: 15, filters }),
    ];
    for (const list of lists) {
      assert.ok(list.length > 0, JSON.stringify(filters));
      for (const i of list)
        assert.ok(holds(filters, i), `${c.title.get(i)} breaks ${JSON.stringify(filters)}`);
    }
  }
  assert.throws(() => rec.similar(GODFATHER, { filters: { yearMin: 2000, yearMax: 1990 } }), KinemaError);
});

test('taste: several liked movies, never the inputs or seen ones; dislikes push look-alikes down', () => {
  const liked = [GODFATHER, STAR_WARS];
  const seen = [EMPIRE];
  const list = rec.taste({ liked, seen }, { limit: 14 });
  const got = list.map((r) => r.index);
  for (const x of [...liked, ...seen]) assert.ok(!got.includes(x));
  assert.equal(got[0], GODFATHER_2);
  assert.equal(list[0]!.explanation.because, GODFATHER);
  assert.match(list[0]!.explanation.sentence, /^Because you liked The Godfather: the next Godfather film/);
  const rank = (xs: number[], x: number) => xs.indexOf(x);
  const base = rec.taste({ liked: [ROCKY] }, { limit: 14 }).map((r) => r.index);
  const disliked = rec.taste({ liked: [ROCKY], disliked: [GODFATHER] }, { limit: 14 }).map((r) => r.index);
  assert.ok(!disliked.includes(GODFATHER));
  assert.ok(rank(disliked, GODFATHER_2) > rank(base, GODFATHER_2), 'Part II should fall');
  assert.throws(() => rec.taste({ liked: [] }), /at least one liked movie/);
});

test('taste: a short list ranks as the head of a long one, dislikes and all', () => {
  const input = { liked: [ROCKY, STAR_WARS], disliked: [GODFATHER, PSYCHO] };
  const long = rec.taste(input, { limit: 12 }).map((r) => r.index);
  for (const limit of [1, 3, 6]) {
    assert.deepEqual(
      rec.taste(input, { limit }).map((r) => r.index),
      long.slice(0, limit),
      `limit ${limit}`,
    );
  }
});

test('taste: past profileMax, later likes and dislikes only exclude, the first given rank', () => {
  const capped = createRecommender(model, { profileMax: 2 });
  const got = capped.taste({ liked: [ROCKY, STAR_WARS, GODFATHER], disliked: [PSYCHO, REAR_WINDOW, EMPIRE] });
  const expected = capped.taste({
    liked: [ROCKY, STAR_WARS],
    disliked: [PSYCHO, REAR_WINDOW],
    seen: [GODFATHER, EMPIRE],
  });
  assert.deepEqual(
    got.map((r) => r.index),
    expected.map((r) => r.index),
  );
  assert.ok(!got.some((r) => r.index === GODFATHER || r.index === EMPIRE));
});

test('diversity (MMR) changes the list but keeps the best match first', () => {
  const plain = rec.similar(PSYCHO, { limit: 5 }).map((r) => r.index);
  const varied = rec.similar(PSYCHO, { limit: 5, diversity: 0.8 }).map((r) => r.index);
  assert.equal(varied.length, 5);
  assert.equal(varied[0], plain[0]);
  assert.notDeepEqual(varied, plain);
  assert.equal(new Set(varied).size, 5);
});

test('pages: offset skips exactly what the longer list had', () => {
  const all = rec.similar(STAR_WARS, { limit: 8 }).map((r) => r.index);
  const page = rec.similar(STAR_WARS, { limit: 3, offset: 4 }).map((r) => r.index);
  assert.deepEqual(page, all.slice(4, 7));
  assert.throws(() => rec.similar(STAR_WARS, { limit: 0 }), /limit/);
  assert.throws(
    () => rec.similar(999),
    (e: unknown) => e instanceof KinemaError && e.code === 'not-found',
  );
});

test('cold start: popular by votes, top rated with a 25,000-vote prior, per cluster, hidden gems', () => {
  const c = model.catalog;
  const popular = rec.popular({ limit: 16 });
  assert.equal(popular.length, 16);
  for (let i = 1; i < popular.length; i++) assert.ok(c.votes[popular[i - 1]!]! >= c.votes[popular[i]!]!);
  const top = rec.topRated({ limit: 8 });
  const score = topScores(c, TOP_RATED_M);
  for (let i = 1; i < top.length; i++) assert.ok(score[top[i - 1]!]! >= score[top[i]!]!);
  for (let k = 0; k < model.k; k++) {
    const inCluster = rec.popular({ limit: 16, cluster: k });
    assert.equal(inCluster.length, model.manifest.clusters[k]!.size);
    assert.ok(inCluster.every((i) => c.cluster[i] === k));
  }
  // every fixture film has more votes than the prior: none is a gem there
  assert.deepEqual(rec.hiddenGems({ limit: 16 }), []);
  // with a prior above every vote count, gems are the well-rated films Top rated's head leaves out
  const wide = { ...model, coldOrders: undefined };
  wide.manifest = { ...model.manifest, catalog: { ...model.manifest.catalog, topM: 1e9 } };
  const gemRec = createRecommender(wide);
  const head = new Set(gemRec.topRated({ limit: Math.floor(c.size / 10) }));
  const gems = gemRec.hiddenGems({ limit: 16 });
  assert.ok(gems.length > 0);
  for (const i of gems) {
    assert.ok(c.votes[i]! >= GEM_MIN_VOTES && c.rating[i]! > model.manifest.catalog.meanRating);
    assert.ok(!head.has(i), `${c.title.get(i)} is also Top rated`);
  }
  const gemScore = topScores(c, GEM_MIN_VOTES);
  for (let i = 1; i < gems.length; i++) assert.ok(gemScore[gems[i - 1]!]! >= gemScore[gems[i]!]!);
  const gemSimilar = gemRec.similar(PSYCHO, { limit: 3, gems: true });
  assert.ok(gemSimilar.every((r) => !head.has(r.index) && c.votes[r.index]! >= GEM_MIN_VOTES));
  assert.throws(() => rec.popular({ cluster: 99 }), /cluster 99/);
});

test('top rated: a few thousand votes at 9.5 do not outrank a classic with two million', () => {
  const rows = [
    { title: 'Se7en', votes: 1_900_000, rating: 8.6 },
    { title: 'Achena Uttam', votes: 3_177, rating: 9.5 },
    ...Array.from({ length: 20 }, (_, i) => ({ title: `Film ${i}`, votes: 5_000 + i, rating: 6 })),
  ];
  const catalog = catalogOf(rows);
  const order = coldOrder(catalog, 'topRated');
  assert.equal(catalog.title.get(order[0]!), 'Se7en');
  // with the old 1,000-vote prior the few-vote film came first
  assert.equal(catalog.title.get(coldOrder(catalog, 'topRated', 1_000)[0]!), 'Achena Uttam');
});

test('precomputed neighbours: deterministic, and similar() serves them as a lookup', () => {
  const a = computeNeighbours(model, { n: 6 });
  const b = computeNeighbours(model, { n: 6 });
  assert.deepEqual(a.index, b.index);
  assert.deepEqual(a.score, b.score);
  const n = 6;
  assert.equal(a.index[GODFATHER * n], GODFATHER_2);
  for (let i = 0; i < model.catalog.size; i++) {
    const rowIds = Array.from(a.index.subarray(i * n, i * n + n));
    assert.ok(!rowIds.includes(i));
    assert.equal(new Set(rowIds).size, n);
  }
  // reverse every stored list: a lookup must return the reversed order
  const reversed = new Int32Array(a.index.length);
  const scores = new Float32Array(a.score.length);
  for (let i = 0; i < model.catalog.size; i++) {
    for (let j = 0; j < n; j++) {
      reversed[i * n + j] = a.index[i * n + n - 1 - j]!;
      scores[i * n + j] = a.score[i * n + n - 1 - j]!;
    }
  }
  const withNeighbours: Model = { ...model, neighbours: neighboursInMemory(n, reversed, scores) };
  const served = createRecommender(withNeighbours).similar(GODFATHER, { limit: 3 });
  assert.deepEqual(
    served.map((r) => r.index),
    Array.from(a.index.subarray(GODFATHER * n + 3, GODFATHER * n + 6)).reverse(),
  );
  // a filter the stored list cannot satisfy falls back to the live search
  const fallback = createRecommender(withNeighbours).similar(GODFATHER, {
    limit: 3,
    filters: { yearMax: 1965 },
  });
  assert.deepEqual(fallback.map((r) => r.index).sort(), [PSYCHO, REAR_WINDOW].sort());
});

test('same model, same lists', () => {
  const again = createRecommender(fixtureModel());
  assert.deepEqual(
    again.similar(ROCKY, { limit: 8, diversity: 0.3 }),
    rec.similar(ROCKY, { limit: 8, diversity: 0.3 }),
  );
  assert.deepEqual(again.taste({ liked: [ROCKY, PSYCHO] }), rec.taste({ liked: [ROCKY, PSYCHO] }));
});

test('the pruned scan ranks exactly as the full pair score over every movie', () => {
  const sim = createSimilarity(model);
  const n = 15;
  const nb = computeNeighbours(model, { n });
  for (let a = 0; a < model.catalog.size; a++) {
    const exact = Array.from({ length: model.catalog.size }, (_, b) => b)
      .filter((b) => b !== a)
      .map((b) => ({ b, s: Math.fround(sim.score(a, b)) }))
      .sort((x, y) => y.s - x.s || x.b - y.b);
    assert.deepEqual(
      Array.from(nb.index.subarray(a * n, a * n + n)),
      exact.map((x) => x.b),
    );
    assert.deepEqual(
      Array.from(nb.score.subarray(a * n, a * n + n)),
      exact.map((x) => x.s),
    );
  }
});
